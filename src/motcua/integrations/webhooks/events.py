"""The event types a subscriber may ask for, and what it receives of each.

Every dossier action the services record is written to the outbox as `dossier.<action>`
(dossiers/services/base.py, `record`); all of them may be subscribed to, except those about
drafts, which nobody but the applicant sees. The payload is the dossier's state at the event
(its code, status, version) and the facts of the event that name no person: an outcome, a
due moment, a step's unit. Reasons written by officials and lists of missing documents are
left out, as are the applicant's identity and the files: a subscriber that may read the dossier
reads them through `GET /api/v1/dossiers/{code}`, where the API's own rules and the personal-data
access log apply.
"""

from __future__ import annotations

from django.utils import timezone

from motcua.dossiers.choices import Action

DRAFT_ACTIONS = {Action.SAVE_DRAFT, Action.EXPIRE_DRAFT}
EVENT_TYPES: tuple[str, ...] = tuple(
    f"dossier.{action.value}" for action in Action if action not in DRAFT_ACTIONS
)
# Facts of the outbox payload that may be passed on, for every type.
PASSED_ON = (
    "outcome",
    "timeliness",
    "due_at",
    "new_due_at",
    "overdue",
    "kind",
    "receipt_due_at",
    "reason_kind",
    "step",
    "unit",
    "to_agency",
)
# `reason` is a fixed choice for a pause and a resumption (supplement, financial obligation,
# the applicant's request), free text elsewhere: passed on for those two only.
CHOICE_REASON_TYPES = {f"dossier.{Action.PAUSE.value}", f"dossier.{Action.RESUME.value}"}


def event_label(event_type: str) -> str:
    action = event_type.removeprefix("dossier.")
    return str(Action(action).label) if action in Action.values else event_type


def event_id(event) -> str:
    """The id a receiver deduplicates by: the same for every attempt and replay of an event."""
    return f"mc-evt-{event.pk}"


def payload_of(event) -> dict:
    facts = event.payload or {}
    dossier = event.dossier
    data = {key: facts[key] for key in PASSED_ON if key in facts}
    if event.type in CHOICE_REASON_TYPES and "reason" in facts:
        data["reason"] = facts["reason"]
    return {
        "id": event_id(event),
        "type": event.type,
        "occurred_at": timezone.localtime(event.created_at).isoformat(),
        "dossier": {
            "code": facts.get("code") or (dossier.code if dossier else ""),
            "status": facts.get("status", ""),
            "from_status": facts.get("from_status", ""),
            "version": facts.get("version"),
            "procedure": dossier.procedure.code if dossier else None,
            "receiving_agency": dossier.receiving_agency.code if dossier else None,
        },
        "data": data,
    }
