"""The due moment near or missed: the warning given once a working day ahead, and the late
unit's apology with a new date for the applicant (form 04)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.dossiers import deadlines
from motcua.dossiers.choices import Action, DossierStatus
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Apology, Dossier
from motcua.dossiers.policies import apology_would_be_late, can_apologise, check
from motcua.dossiers.services.base import calendar, check_allowed, lock, now_or, record
from motcua.dossiers.services.steps import require_current_step

S = DossierStatus
WARNING_MINUTES = deadlines.MINUTES_PER_WORKING_DAY


def apologise(
    dossier: Dossier, *, actor, reason: str, new_due_at: datetime, now=None, expected_version=None
) -> Apology:
    """The late unit apologises and sets a new date for the applicant, once (form 04). Issued
    later than one working day before the due moment, it is recorded as a late apology. The
    dossier keeps its original due moment for the figures."""
    now = now_or(now)
    if not reason or not reason.strip():
        raise DossierError(_("Hãy nêu lý do chậm trả kết quả."), field="reason")
    with transaction.atomic():
        dossier = lock(dossier, expected_version)
        check_allowed(dossier, Action.APOLOGISE)
        step = require_current_step(dossier)
        check(can_apologise(actor, dossier, step))
        if new_due_at <= now or (dossier.due_at and new_due_at <= dossier.due_at):
            raise DossierError(
                _("Ngày hẹn mới phải sau hạn hiện tại và sau thời điểm này."), field="new_due_at"
            )
        cal = calendar()
        # Due to apologise no later than one working day before the due moment.
        is_late = apology_would_be_late(deadlines.minutes_left(cal, now, dossier))
        apology = Apology.objects.create(
            dossier=dossier,
            unit=step.unit,
            reason=reason.strip(),
            new_due_at=new_due_at,
            issued_at=now,
            is_late=is_late,
            issued_by=actor,
        )
        dossier.applicant_due_at = new_due_at
        record(
            dossier,
            actor=actor,
            action=Action.APOLOGISE,
            from_status=dossier.status,
            now=now,
            data={
                "reason": reason.strip(),
                "new_due_at": new_due_at.isoformat(),
                "late_apology": is_late,
            },
            event_payload={"new_due_at": new_due_at.isoformat()},
        )
        from motcua.dossiers.printouts import issue_form

        issue_form(dossier, "04", now=now)
    return apology


def sweep_due_warnings(*, now=None) -> int:
    """Warn once of each processing dossier due soon (deadlines.due_soon_horizon: within a
    working day), and once of each dossier submitted online that reception has not answered
    when its receipt deadline is near or past (deadlines.receipt_warning_horizon: within two
    working hours), each with an audit and an outbox event for the notification issue to
    deliver. Idempotent: run it as often as you like."""
    now = now_or(now)
    warned = _sweep_receipt_warnings(now)
    candidates = Dossier.objects.to_warn(now, calendar()).values_list("pk", flat=True)
    for pk in list(candidates):
        with transaction.atomic():
            dossier = lock(Dossier(pk=pk), None)
            if dossier.status != S.PROCESSING or dossier.warned_at is not None:
                continue
            dossier.warned_at = now
            overdue = dossier.due_at < now
            record(
                dossier,
                actor=None,
                action=Action.WARN_DUE,
                from_status=dossier.status,
                now=now,
                data={"due_at": dossier.due_at.isoformat(), "overdue": overdue},
                event_payload={"due_at": dossier.due_at.isoformat(), "overdue": overdue},
            )
            warned += 1
    return warned


def _sweep_receipt_warnings(now: datetime) -> int:
    """Reception's warning: the audit action is the due-soon warning's, with `kind` "receipt"
    and the receipt deadline in its data and payload."""
    warned = 0
    candidates = Dossier.objects.receipt_to_warn(now, calendar()).values_list("pk", flat=True)
    for pk in list(candidates):
        with transaction.atomic():
            dossier = lock(Dossier(pk=pk), None)
            if (
                dossier.status != S.SUBMITTED
                or dossier.receipt_warned_at is not None
                or dossier.receipt_answered_at is not None
                or dossier.receipt_due_at is None
            ):
                continue
            dossier.receipt_warned_at = now
            facts = {
                "kind": "receipt",
                "receipt_due_at": dossier.receipt_due_at.isoformat(),
                "overdue": dossier.receipt_due_at < now,
            }
            record(
                dossier,
                actor=None,
                action=Action.WARN_DUE,
                from_status=dossier.status,
                now=now,
                data=facts,
                event_payload=facts,
                changed=("receipt_warned_at",),
            )
            warned += 1
    return warned
