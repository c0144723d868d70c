"""Stopping a dossier ("dừng giải quyết"): a final status reached from processing or a pause,
on the applicant's request or because the agency may not go on for a reason the law allows.
The clock ends for good; the stop notice (form 05) is printed from what is stored here."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.dossiers import deadlines
from motcua.dossiers.choices import STOP_REASON_MAX, Action, DossierStatus, StopReasonKind
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier
from motcua.dossiers.policies import can_stop, check
from motcua.dossiers.services.base import calendar, check_allowed, lock, now_or, record
from motcua.dossiers.services.steps import require_current_step

S = DossierStatus


def stop_dossier(
    dossier: Dossier,
    *,
    actor,
    reason_kind: str,
    reason: str,
    now=None,
    expected_version=None,
) -> Dossier:
    """Stop the dossier: its open pause and open steps end now, the clock stops for good (no due
    moment, no remaining time), and the reason kind and text are kept on the dossier
    (`stop_reason_kind`, `stop_reason`, `stopped_at`, `stopped_by`) for the stop notice."""
    now = now_or(now)
    if reason_kind not in StopReasonKind.values:
        raise DossierError(_("Hãy chọn căn cứ dừng giải quyết."), field="reason_kind")
    reason = (reason or "").strip()
    if not reason:
        raise DossierError(_("Hãy ghi rõ lý do dừng giải quyết."), field="reason")
    if len(reason) > STOP_REASON_MAX:
        raise DossierError(
            _("Lý do dừng giải quyết tối đa %(max)d ký tự.") % {"max": STOP_REASON_MAX},
            field="reason",
        )
    with transaction.atomic():
        dossier = lock(dossier, expected_version)
        check_allowed(dossier, Action.STOP)
        step = require_current_step(dossier)
        check(can_stop(actor, dossier, step))
        previous = dossier.status
        if previous == S.PROCESSING and dossier.due_at is not None:
            left = deadlines.remaining_seconds(calendar(), now, dossier.due_at)
        else:
            left = dossier.remaining_seconds
        dossier.pauses.filter(ended_at__isnull=True).update(ended_at=now)
        dossier.steps.filter(finished_at__isnull=True).update(finished_at=now)
        dossier.status = S.STOPPED
        dossier.stop_reason_kind = reason_kind
        dossier.stop_reason = reason
        dossier.stopped_at = now
        dossier.stopped_by = actor
        dossier.closed_at = now
        dossier.due_at = None
        dossier.remaining_seconds = None
        record(
            dossier,
            actor=actor,
            action=Action.STOP,
            from_status=previous,
            now=now,
            data={"reason_kind": reason_kind, "reason": reason, "remaining_seconds": left},
            event_payload={"reason_kind": reason_kind, "reason": reason},
        )
        # The stop notice (form 05), kept as issued, in the same transaction.
        from motcua.dossiers.printouts import issue_form

        issue_form(dossier, "05", now=now, context={"reason_kind": reason_kind, "reason": reason})
    return dossier
