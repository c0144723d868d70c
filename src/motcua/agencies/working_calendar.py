"""Changing the working calendar: adding, changing and removing an administrator's override of
a day (workdays.CalendarOverride), audited and announced on the outbox.

Why here and not in `workdays`: `workdays` sits below every other app (it is the calendar and
its arithmetic, used by all) and may not import the audit trail or the roles, so the audited
write lives one floor up. It lives in `agencies` because the calendar is the working time of
the province's agencies, and who may change it is decided with the agencies' roles
(agencies/policies.py: a catalog administrator of the whole province).

A calendar change does not move a due moment already set: dossiers keep the due moments
computed when their clock started or resumed, and only moments computed from now on use the
new calendar. The change's audit event and outbox event say how many dossiers being processed
have a due moment on or after the day changed (those a recomputation could move), so an
administrator decides, knowingly, whether to recompute them.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction

from motcua.agencies import policies
from motcua.events.reference import moment, record_change
from motcua.workdays.models import CalendarOverride

SUBJECT = "calendar_override"
# The dossier status whose clock runs (dossiers.choices.DossierStatus.PROCESSING). Dossiers sit
# above this app, so the model is looked up by name rather than imported; a paused dossier has
# no due moment (it keeps its remaining time, and gets a new due moment when it resumes).
_CLOCK_RUNNING = "processing"


def dossiers_due_from(day: date) -> int:
    """How many dossiers being processed have a due moment on `day` or later."""
    dossier = apps.get_model("dossiers", "Dossier")
    start = datetime.combine(day, time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))
    return dossier.objects.filter(status=_CLOCK_RUNNING, due_at__gte=start).count()


def _facts(override: CalendarOverride) -> dict:
    return {"date": override.date.isoformat(), "kind": override.kind, "reason": override.reason}


def save_override(
    *, day: date, kind: str, reason: str, actor, now: datetime | None = None
) -> CalendarOverride:
    """Make `day` a day off or a working day (`kind`) for `reason`, creating the override or
    changing the one that day has. The model's rules apply (an override must change
    something); a change that changes nothing is not recorded."""
    now = moment(now)
    refusal = policies.refuse_calendar_change(actor)
    if refusal:
        raise PermissionDenied(refusal)
    with transaction.atomic():
        override = CalendarOverride.objects.select_for_update().filter(date=day).first()
        before = _facts(override) if override is not None else None
        if override is None:
            override = CalendarOverride(date=day)
        override.kind, override.reason = kind, reason
        override.full_clean()
        after = _facts(override)
        if before == after:
            return override
        override.save()
        facts = {"before": before, "after": after, "open_dossiers_due_from": dossiers_due_from(day)}
        record_change(
            actor=actor,
            action="calendar_override_saved",
            subject_type=SUBJECT,
            subject_key=day.isoformat(),
            data=facts,
            event_type="calendar.override_saved",
            payload=facts,
            now=now,
        )
    return override


def remove_override(override: CalendarOverride, *, actor, now: datetime | None = None) -> None:
    """Give the day back to the calendar of settings and the `holidays` package."""
    now = moment(now)
    refusal = policies.refuse_calendar_change(actor)
    if refusal:
        raise PermissionDenied(refusal)
    with transaction.atomic():
        locked = CalendarOverride.objects.select_for_update().filter(pk=override.pk).first()
        if locked is None:
            return
        facts = {
            "before": _facts(locked),
            "after": None,
            "open_dossiers_due_from": dossiers_due_from(locked.date),
        }
        locked.delete()
        record_change(
            actor=actor,
            action="calendar_override_removed",
            subject_type=SUBJECT,
            subject_key=locked.date.isoformat(),
            data=facts,
            event_type="calendar.override_removed",
            payload=facts,
            now=now,
        )
