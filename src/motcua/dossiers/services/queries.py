"""What a face may ask about a dossier before it offers an action: whether the transition table
lets an action start from the dossier's status, and the steps of its internal process.

Faces import these from the services package (`services.action_allowed(...)`), never the table
or the step helpers the services use inside (ALLOWED_FROM, steps.next_spec): those may change
shape without notice; these answers do not.
"""

from __future__ import annotations

from motcua.dossiers.models import Dossier, DossierStep
from motcua.dossiers.services import steps
from motcua.dossiers.services.base import ALLOWED_FROM


def action_allowed(dossier: Dossier, action: str) -> bool:
    """Whether `action` (dossiers.choices.Action) may start from the dossier's present status.
    Only the status: who may take it is the policies' question, and the service asks both."""
    return dossier.status in ALLOWED_FROM[action]


def current_step(dossier: Dossier) -> DossierStep | None:
    """The step being worked on now, or None (before reception, after the decision)."""
    return steps.current_step(dossier)


def process_steps(dossier: Dossier) -> list[dict]:
    """The steps of the dossier's internal process as its snapshot fixed them at submission,
    in order: dicts with `order`, `name`, `unit`, `role` and `share_percent`."""
    return steps.step_specs(dossier)


def next_process_step(dossier: Dossier, step: DossierStep) -> dict | None:
    """The step of the process that follows `step` (where forwarding sends the dossier), or
    None when `step` is the last one."""
    return steps.next_spec(dossier, step.order)


def earlier_process_steps(dossier: Dossier, step: DossierStep) -> list[dict]:
    """The steps before `step`, in order: where the dossier may be returned to."""
    return [spec for spec in steps.step_specs(dossier) if spec["order"] < step.order]
