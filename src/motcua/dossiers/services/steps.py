"""Opening and closing the steps of a dossier's internal process."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from motcua.agencies.choices import Role
from motcua.catalog.choices import StepUnit
from motcua.dossiers import deadlines
from motcua.dossiers.errors import TransitionRefused
from motcua.dossiers.models import Dossier, DossierStep
from motcua.dossiers.routing import resolve_unit
from motcua.dossiers.services.base import calendar

DEFAULT_STEP = {
    "order": 1,
    "name": "Xử lý hồ sơ",
    "unit": StepUnit.RESPONSIBLE,
    "unit_type": "",
    "role": Role.SPECIALIST,
    "share_percent": "100",
}


def step_specs(dossier: Dossier) -> list[dict]:
    return sorted(dossier.snapshot.get("steps") or [DEFAULT_STEP], key=lambda spec: spec["order"])


def current_step(dossier: Dossier) -> DossierStep | None:
    return dossier.steps.filter(finished_at__isnull=True).order_by("-started_at", "-pk").first()


def require_current_step(dossier: Dossier) -> DossierStep:
    step = current_step(dossier)
    if step is None:
        raise TransitionRefused(_("Hồ sơ không có bước nào đang xử lý."))
    return step


def open_step(
    dossier: Dossier,
    spec: dict,
    *,
    now: datetime,
    unit=None,
    name: str | None = None,
    role: str | None = None,
) -> DossierStep:
    if unit is None:
        unit = resolve_unit(
            spec, receiving=dossier.receiving_agency, responsible=dossier.responsible_agency
        )
    return DossierStep.objects.create(
        dossier=dossier,
        order=spec["order"],
        name=name or spec["name"],
        unit=unit,
        role=role or spec["role"],
        share_percent=Decimal(str(spec["share_percent"])),
        started_at=now,
        due_at=deadlines.step_due(calendar(), now, dossier.time_limit, spec["share_percent"]),
        is_last=is_last_order(dossier, spec["order"]),
    )


def finish_step(
    step: DossierStep, *, now: datetime, note: str = "", returned: bool = False
) -> None:
    step.finished_at = now
    step.finished_due_at = step.due_at
    step.ended_by_return = returned
    if note:
        step.note = note
    step.save(update_fields=["finished_at", "finished_due_at", "ended_by_return", "note"])


def start_process(dossier: Dossier, *, now: datetime) -> DossierStep:
    """At reception: the reception step (when the process has one) is done at once; the next
    step opens."""
    specs = step_specs(dossier)
    first = specs[0]
    if first["unit"] == StepUnit.RECEIVING and len(specs) > 1:
        step = open_step(dossier, first, now=now)
        step.assigned_to = dossier.received_by
        step.save(update_fields=["assigned_to"])
        finish_step(step, now=now)
        first = specs[1]
    return open_step(dossier, first, now=now)


def next_spec(dossier: Dossier, after_order: int) -> dict | None:
    for spec in step_specs(dossier):
        if spec["order"] > after_order:
            return spec
    return None


def is_last_order(dossier: Dossier, order: int) -> bool:
    """Whether the dossier's process (its snapshot: later catalog edits change nothing) has no
    step after `order`. A step opened there is the last one (DossierStep.is_last): the dossier
    is decided there and cannot be forwarded. A step handed over (liên thông) keeps the order
    of the step it replaces, so it is the last one when that step was."""
    return next_spec(dossier, order) is None


def spec_at(dossier: Dossier, order: int) -> dict | None:
    for spec in step_specs(dossier):
        if spec["order"] == order:
            return spec
    return None
