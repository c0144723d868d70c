"""Stopping and restarting the clock: a pause (a supplement asked of the applicant, or another
reason the law allows), its end by the office, and the applicant's supplement that ends it."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.dossiers import deadlines
from motcua.dossiers.choices import Action, DossierStatus, FilePurpose, PauseReason
from motcua.dossiers.errors import DossierError, TransitionRefused
from motcua.dossiers.files import describe, store_file
from motcua.dossiers.models import Dossier, DossierPause
from motcua.dossiers.policies import (
    ApplicantProof,
    can_pause,
    can_provide_supplement,
    can_resume,
    check,
)
from motcua.dossiers.services.base import calendar, check_allowed, lock, now_or, record
from motcua.dossiers.services.steps import require_current_step

S = DossierStatus


def pause_dossier(
    dossier: Dossier,
    *,
    actor,
    reason: str,
    note: str,
    items: list[str] = (),
    period_days: int | None = None,
    justification: str = "",
    now=None,
    expected_version=None,
) -> DossierPause:
    """Stop the clock: the dossier keeps its remaining working time and has no due moment."""
    now = now_or(now)
    if reason not in PauseReason.values:
        raise DossierError(_("Lý do tạm dừng không hợp lệ."), field="reason")
    items = [item.strip() for item in items if item and item.strip()]
    if reason == PauseReason.SUPPLEMENT and not items:
        raise DossierError(_("Hãy liệt kê, một lần, toàn bộ những gì cần bổ sung."), field="items")
    if not note or not note.strip():
        raise DossierError(_("Hãy ghi nội dung, lý do tạm dừng."), field="note")
    with transaction.atomic():
        dossier = lock(dossier, expected_version)
        check_allowed(dossier, Action.PAUSE)
        step = require_current_step(dossier)
        check(can_pause(actor, dossier, step))
        earlier = dossier.pauses.filter(reason=PauseReason.SUPPLEMENT).count()
        if reason == PauseReason.SUPPLEMENT and earlier and not justification.strip():
            raise DossierError(
                _(
                    "Hồ sơ đã được yêu cầu bổ sung một lần: yêu cầu lần hai phải nêu lý do (và được tính vào kết quả đánh giá đơn vị)."
                ),
                field="justification",
            )
        cal = calendar()
        period_end = (
            deadlines.supplement_period_end(cal, now, period_days)
            if reason == PauseReason.SUPPLEMENT and period_days
            else None
        )
        left = deadlines.remaining_seconds(cal, now, dossier.due_at)
        step.remaining_seconds = (
            deadlines.remaining_seconds(cal, now, step.due_at) if step.due_at else None
        )
        step.due_at = None
        step.save(update_fields=["remaining_seconds", "due_at"])
        pause = DossierPause.objects.create(
            dossier=dossier,
            reason=reason,
            note=note.strip(),
            items=items,
            period_days=period_days if period_end else None,
            period_end_at=period_end,
            justification=justification.strip(),
            started_at=now,
            remaining_seconds=left,
            requested_by=actor,
        )
        dossier.status = S.PAUSED
        if reason == PauseReason.SUPPLEMENT:
            # Counted for the figures: from the second request on, the dossier counts as late.
            dossier.supplement_requests = earlier + 1
        dossier.remaining_seconds = left
        dossier.due_at = None
        record(
            dossier,
            actor=actor,
            action=Action.PAUSE,
            from_status=S.PROCESSING,
            now=now,
            data={
                "reason": reason,
                "note": note.strip(),
                "items": items,
                "remaining_seconds": left,
                "second_request": bool(earlier and reason == PauseReason.SUPPLEMENT),
                "period_days": period_days if period_end else None,
                "period_end_at": period_end.isoformat() if period_end else None,
            },
            event_payload={"reason": reason, "items": items},
        )
        if reason == PauseReason.SUPPLEMENT:
            from motcua.dossiers.printouts import issue_form

            issue_form(
                dossier,
                "02",
                now=now,
                context={"items": items, "note": note.strip(), "period": pause.period_text},
            )
    return pause


def _resume(dossier: Dossier, *, actor, note: str, files: list, now: datetime) -> None:
    pause = dossier.pauses.filter(ended_at__isnull=True).order_by("-started_at").first()
    cal = calendar()
    restarts = dossier.procedure_snapshot["procedure"]["supplement_restarts_clock"]
    if pause.reason == PauseReason.SUPPLEMENT and restarts:
        dossier.clock_started_at = cal.next_working_moment(now)
        dossier.due_at = deadlines.dossier_due(cal, dossier.clock_started_at, dossier.time_limit)
    else:
        dossier.due_at = deadlines.resumed_due(cal, now, dossier.remaining_seconds)
    dossier.remaining_seconds = None
    pause.ended_at = now
    pause.save(update_fields=["ended_at"])
    step = dossier.steps.filter(finished_at__isnull=True).order_by("-started_at", "-pk").first()
    if step is not None and step.remaining_seconds is not None:
        step.due_at = deadlines.resumed_due(cal, now, step.remaining_seconds)
        step.remaining_seconds = None
        step.save(update_fields=["due_at", "remaining_seconds"])
    dossier.status = S.PROCESSING
    record(
        dossier,
        actor=actor,
        action=Action.RESUME,
        from_status=S.PAUSED,
        now=now,
        data={
            "note": note,
            "due_at": dossier.due_at.isoformat(),
            "files": describe(files),
            "reason": pause.reason,
            # A financial obligation's pause ends when the obligation is met, nothing else.
            "obligation_met": pause.reason == PauseReason.FINANCIAL,
        },
        event_payload={"due_at": dossier.due_at.isoformat(), "reason": pause.reason},
    )


def resume_dossier(
    dossier: Dossier, *, actor, note: str = "", now=None, expected_version=None
) -> Dossier:
    """Restart the clock from the next working moment with the remaining working time."""
    now = now_or(now)
    with transaction.atomic():
        dossier = lock(dossier, expected_version)
        check_allowed(dossier, Action.RESUME)
        step = require_current_step(dossier)
        check(can_resume(actor, dossier, step))
        _resume(dossier, actor=actor, note=note, files=[], now=now)
    return dossier


def end_financial_pause(dossier: Dossier, *, actor=None, note: str = "", now=None) -> Dossier:
    """The financial obligation the dossier waits for is met (the payments app calls this once
    it has confirmed the payment, in the same transaction): the clock restarts from the next
    working moment. A dossier not paused for a financial obligation is left as it is, so a
    payment confirmed twice over, or one that needed no pause, changes nothing here."""
    now = now_or(now)
    with transaction.atomic():
        dossier = lock(dossier, None)
        pause = dossier.pauses.filter(ended_at__isnull=True).first()
        if dossier.status != S.PAUSED or pause is None or pause.reason != PauseReason.FINANCIAL:
            return dossier
        _resume(dossier, actor=actor, note=note, files=[], now=now)
    return dossier


def provide_supplement(
    dossier: Dossier,
    *,
    files: list,
    note: str = "",
    actor=None,
    proof: ApplicantProof | None = None,
    now=None,
    expected_version=None,
) -> Dossier:
    """The applicant supplies what was asked (online, from the tracking page: signed in as its
    owner, or with the `proof` a guest shows), or reception takes it in at the counter: the
    files are attached and the clock resumes."""
    now = now_or(now)
    if not files:
        raise DossierError(_("Hãy tải lên ít nhất một tệp bổ sung."), field="files")
    with transaction.atomic():
        dossier = lock(dossier, expected_version)
        check(can_provide_supplement(actor, dossier, proof))
        check_allowed(dossier, Action.RESUME)
        pause = dossier.pauses.filter(ended_at__isnull=True).first()
        if pause is None or pause.reason != PauseReason.SUPPLEMENT:
            raise TransitionRefused(_("Hồ sơ không ở trạng thái chờ bổ sung."))
        stored = [
            store_file(
                dossier, f, purpose=FilePurpose.SUPPLEMENT, actor=actor, now=now, field="files"
            )
            for f in files
        ]
        _resume(dossier, actor=actor, note=note, files=stored, now=now)
    return dossier
