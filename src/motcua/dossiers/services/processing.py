"""Processing: assigning, moving between steps and agencies, pausing and resuming the clock,
deciding, apologising, and the sweep that warns of dossiers nearing their due moment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.agencies.choices import Role
from motcua.agencies.models import Agency
from motcua.agencies.selectors import may_act_for
from motcua.catalog.choices import StepUnit
from motcua.dossiers import deadlines
from motcua.dossiers.choices import Action, DossierStatus, FilePurpose, Outcome, PauseReason
from motcua.dossiers.errors import DossierError, NotAllowed, TransitionRefused
from motcua.dossiers.files import describe, store_file
from motcua.dossiers.models import Apology, Dossier, DossierPause, DossierStep, ResultDocument
from motcua.dossiers.policies import (
    may_decide,
    may_hand_over,
    may_resume,
    may_work_on_step,
    require_any_role,
    require_role,
)
from motcua.dossiers.routing import resolve_unit
from motcua.dossiers.services.base import VIETNAM, calendar, check_allowed, lock, now_or, record
from motcua.dossiers.services.steps import (
    finish_step,
    next_spec,
    open_step,
    require_current_step,
    spec_at,
)

S = DossierStatus
WARNING_MINUTES = 480  # one working day


def _require_active(agency: Agency, *, field: str = "to_agency") -> None:
    """A dossier goes only to an agency still in service: one deactivated in the catalog of
    agencies (merged, dissolved) must not receive work, whichever face asked. Read from the
    database, not the instance the caller holds, which may predate the change."""
    if not Agency.objects.filter(pk=agency.pk, is_active=True).exists():
        raise DossierError(
            _("%(agency)s đã ngừng hoạt động: không thể chuyển hồ sơ đến cơ quan này.")
            % {"agency": agency.name},
            field=field,
        )


def _require_step_worker(actor, step: DossierStep, *, action: str) -> None:
    if not may_work_on_step(actor, step):
        raise NotAllowed(
            _("Bạn không có quyền %(action)s ở bước “%(step)s” (%(unit)s).")
            % {"action": action, "step": step.name, "unit": step.unit.name}
        )


def assign_step(
    dossier: Dossier, *, actor, assignee, now=None, expected_version=None
) -> DossierStep:
    """The unit leader assigns (or reassigns) the current step to an official of the unit."""
    now = now_or(now)
    with transaction.atomic():
        dossier = lock(dossier, expected_version)
        check_allowed(dossier, Action.ASSIGN)
        step = require_current_step(dossier)
        require_role(actor, Role.UNIT_LEADER, step.unit, action=_("phân công"))
        if not (
            may_act_for(assignee, step.role, step.unit)
            or may_act_for(assignee, Role.UNIT_LEADER, step.unit)
        ):
            raise DossierError(
                _("%(name)s không có vai trò “%(role)s” tại %(unit)s.")
                % {
                    "name": assignee.get_full_name(),
                    "role": Role(step.role).label,
                    "unit": step.unit.name,
                },
                field="assignee",
            )
        previous = step.assigned_to
        step.assigned_to = assignee
        step.save(update_fields=["assigned_to"])
        record(
            dossier,
            actor=actor,
            action=Action.ASSIGN,
            from_status=dossier.status,
            now=now,
            data={
                "step": step.name,
                "assignee": assignee.get_full_name(),
                "previous": previous.get_full_name() if previous else "",
            },
        )
    return step


def forward_dossier(
    dossier: Dossier,
    *,
    actor,
    note: str = "",
    to_agency: Agency | None = None,
    now=None,
    expected_version=None,
) -> DossierStep:
    """Finish the current step and hand the dossier to the next step's unit (form 05 records it)."""
    now = now_or(now)
    with transaction.atomic():
        dossier = lock(dossier, expected_version)
        check_allowed(dossier, Action.FORWARD)
        step = require_current_step(dossier)
        _require_step_worker(actor, step, action=_("chuyển bước"))
        spec = None if step.is_last else next_spec(dossier, step.order)
        if spec is None:
            raise TransitionRefused(
                _("Đây là bước cuối của quy trình: hãy ghi nhận kết quả giải quyết."),
                field="status",
            )
        unit = None
        if spec["unit"] == StepUnit.COORDINATING:
            unit = resolve_unit(
                spec,
                receiving=dossier.receiving_agency,
                responsible=dossier.responsible_agency,
                chosen=to_agency,
            )
            _require_active(unit)
        finish_step(step, now=now, note=note)
        new_step = open_step(dossier, spec, now=now, unit=unit)
        record(
            dossier,
            actor=actor,
            action=Action.FORWARD,
            from_status=dossier.status,
            now=now,
            data={
                "from_step": step.name,
                "from_unit": step.unit.name,
                "to_step": new_step.name,
                "to_unit": new_step.unit.name,
                "note": note,
            },
            event_payload={"step": new_step.name, "unit": new_step.unit.code},
        )
    return new_step


def return_to_step(
    dossier: Dossier,
    *,
    actor,
    order: int,
    reason: str,
    to_agency: Agency | None = None,
    now=None,
    expected_version=None,
) -> DossierStep:
    """Send the dossier back to an earlier step: a new step row, nothing rewritten.

    A coordinating step (liên thông) reopens at the agency that last held it, found from the
    dossier's steps; `to_agency` may name another agency that held it. Any other step reopens
    at the unit its process names."""
    now = now_or(now)
    if not reason or not reason.strip():
        raise DossierError(_("Hãy nêu lý do trả lại bước trước."), field="reason")
    with transaction.atomic():
        dossier = lock(dossier, expected_version)
        check_allowed(dossier, Action.RETURN_TO_STEP)
        step = require_current_step(dossier)
        _require_step_worker(actor, step, action=_("trả lại bước trước"))
        spec = spec_at(dossier, order)
        if spec is None or order >= step.order:
            raise DossierError(_("Chỉ được trả về một bước trước bước hiện tại."), field="order")
        unit = None
        if spec["unit"] == StepUnit.COORDINATING:
            unit = _coordinating_agency_of(dossier, spec, chosen=to_agency)
            _require_active(unit)
        elif to_agency is not None:
            raise DossierError(
                _("Bước “%(step)s” không do cơ quan phối hợp thực hiện: không chọn cơ quan.")
                % {"step": spec["name"]},
                field="to_agency",
            )
        finish_step(step, now=now, note=reason, returned=True)
        new_step = open_step(dossier, spec, now=now, unit=unit)
        record(
            dossier,
            actor=actor,
            action=Action.RETURN_TO_STEP,
            from_status=dossier.status,
            now=now,
            data={
                "from_step": step.name,
                "to_step": new_step.name,
                "to_unit": new_step.unit.name,
                "reason": reason,
            },
        )
    return new_step


def _coordinating_agency_of(dossier: Dossier, spec: dict, *, chosen: Agency | None) -> Agency:
    """The agency a coordinating step goes back to: `chosen` if it held that step, else the
    one that held it last (forwarded there, or handed over to from there). A dossier that
    never reached the step (none should, as steps are passed in order) needs `chosen`."""
    held = list(
        dossier.steps.filter(order=spec["order"])
        .order_by("-started_at", "-pk")
        .values_list("unit_id", flat=True)
    )
    if not held:
        return resolve_unit(
            spec,
            receiving=dossier.receiving_agency,
            responsible=dossier.responsible_agency,
            chosen=chosen,
        )
    if chosen is None:
        return Agency.objects.get(pk=held[0])
    if chosen.pk not in held:
        raise DossierError(
            _(
                "%(agency)s chưa thực hiện bước “%(step)s”: chỉ được trả về cơ quan đã thực hiện bước này."
            )
            % {"agency": chosen.name, "step": spec["name"]},
            field="to_agency",
        )
    return chosen


def hand_over(
    dossier: Dossier, *, actor, to_agency: Agency, reason: str, now=None, expected_version=None
) -> DossierStep:
    """Inter-agency (liên thông): the current step's work continues at another agency, whose
    leader assigns it; when it forwards, the process continues with the next step."""
    now = now_or(now)
    with transaction.atomic():
        dossier = lock(dossier, expected_version)
        check_allowed(dossier, Action.HAND_OVER)
        step = require_current_step(dossier)
        if not may_hand_over(actor, step):
            raise NotAllowed(
                _("Bạn không có quyền %(action)s ở bước “%(step)s” (%(unit)s).")
                % {"action": _("chuyển liên thông"), "step": step.name, "unit": step.unit.name}
            )
        if to_agency.pk == step.unit_id:
            raise DossierError(_("Hồ sơ đang ở chính cơ quan này."), field="to_agency")
        _require_active(to_agency)
        finish_step(step, now=now, note=reason)
        # The coordinating step takes the current step's place in the process (its order and
        # share of the time); a step already handed over has no spec of its own.
        spec = spec_at(dossier, step.order) or {
            "order": step.order,
            "name": step.name,
            "role": step.role,
            "unit": "coordinating",
        }
        spec = {**spec, "share_percent": str(step.share_percent)}
        new_step = open_step(
            dossier,
            spec,
            now=now,
            unit=to_agency,
            role=Role.SPECIALIST,
            name=_("Phối hợp giải quyết: %(agency)s") % {"agency": to_agency.name},
        )
        record(
            dossier,
            actor=actor,
            action=Action.HAND_OVER,
            from_status=dossier.status,
            now=now,
            data={"from_unit": step.unit.name, "to_agency": to_agency.name, "reason": reason},
            event_payload={"to_agency": to_agency.code},
        )
    return new_step


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
        _require_step_worker(actor, step, action=_("tạm dừng"))
        earlier = dossier.pauses.filter(reason=PauseReason.SUPPLEMENT).count()
        if reason == PauseReason.SUPPLEMENT and earlier and not justification.strip():
            raise DossierError(
                _(
                    "Hồ sơ đã được yêu cầu bổ sung một lần: yêu cầu lần hai phải nêu lý do (và được tính vào kết quả đánh giá đơn vị)."
                ),
                field="justification",
            )
        cal = calendar()
        left = deadlines.remaining(cal, now, dossier.due_at)
        step.remaining_minutes = deadlines.remaining(cal, now, step.due_at) if step.due_at else None
        step.due_at = None
        step.save(update_fields=["remaining_minutes", "due_at"])
        pause = DossierPause.objects.create(
            dossier=dossier,
            reason=reason,
            note=note.strip(),
            items=items,
            period_days=period_days,
            justification=justification.strip(),
            started_at=now,
            remaining_minutes=left,
            requested_by=actor,
        )
        dossier.status = S.PAUSED
        dossier.remaining_minutes = left
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
                "remaining_minutes": left,
                "second_request": bool(earlier and reason == PauseReason.SUPPLEMENT),
            },
            event_payload={"reason": reason, "items": items},
        )
        if reason == PauseReason.SUPPLEMENT:
            from motcua.dossiers.printouts import issue_form

            issue_form(dossier, "02", now=now, context={"items": items, "note": note.strip()})
    return pause


def _resume(dossier: Dossier, *, actor, note: str, files: list, now: datetime) -> None:
    pause = dossier.pauses.filter(ended_at__isnull=True).order_by("-started_at").first()
    cal = calendar()
    if pause.reason == PauseReason.SUPPLEMENT and dossier.snapshot["procedure"].get(
        "supplement_restarts_clock"
    ):
        dossier.clock_started_at = cal.next_working_moment(now)
        dossier.due_at = deadlines.dossier_due(cal, dossier.clock_started_at, dossier.time_limit)
    else:
        dossier.due_at = deadlines.resumed_due(cal, now, dossier.remaining_minutes)
    dossier.remaining_minutes = None
    pause.ended_at = now
    pause.save(update_fields=["ended_at"])
    step = dossier.steps.filter(finished_at__isnull=True).order_by("-started_at", "-pk").first()
    if step is not None and step.remaining_minutes is not None:
        step.due_at = deadlines.resumed_due(cal, now, step.remaining_minutes)
        step.remaining_minutes = None
        step.save(update_fields=["due_at", "remaining_minutes"])
    dossier.status = S.PROCESSING
    record(
        dossier,
        actor=actor,
        action=Action.RESUME,
        from_status=S.PAUSED,
        now=now,
        data={"note": note, "due_at": dossier.due_at.isoformat(), "files": describe(files)},
        event_payload={"due_at": dossier.due_at.isoformat()},
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
        if not may_resume(actor, dossier, step):
            raise NotAllowed(_("Bạn không có quyền tiếp tục xử lý hồ sơ này."))
        _resume(dossier, actor=actor, note=note, files=[], now=now)
    return dossier


def provide_supplement(
    dossier: Dossier,
    *,
    files: list,
    note: str = "",
    actor=None,
    applicant_verified: bool = False,
    now=None,
    expected_version=None,
) -> Dossier:
    """The applicant supplies what was asked (online, from the tracking page): the files are
    attached and the clock resumes."""
    now = now_or(now)
    if not files:
        raise DossierError(_("Hãy tải lên ít nhất một tệp bổ sung."), field="files")
    with transaction.atomic():
        dossier = lock(dossier, expected_version)
        # An anonymous visitor (pk None) must not pass as the "owner" of a guest's dossier.
        is_owner = getattr(actor, "pk", None) is not None and dossier.owner_id == actor.pk
        if not (
            applicant_verified
            or is_owner
            or (actor and may_act_for(actor, Role.RECEPTION, dossier.receiving_agency))
        ):
            raise NotAllowed(_("Chỉ người nộp hồ sơ hoặc bộ phận một cửa được nộp hồ sơ bổ sung."))
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


@dataclass
class ResultDocumentData:
    title: str
    number: str
    signed_on: date
    signer: str
    file: object = None


def decide_dossier(
    dossier: Dossier,
    *,
    actor,
    outcome: str,
    reason: str = "",
    documents: list[ResultDocumentData] = (),
    now=None,
    expected_version=None,
) -> Dossier:
    """The result is ready at the one-stop shop: the clock stops for good."""
    now = now_or(now)
    if outcome not in Outcome.values:
        raise DossierError(_("Kết quả phải là giải quyết hoặc không giải quyết."), field="outcome")
    if outcome == Outcome.REJECTED and not reason.strip():
        raise DossierError(_("Không giải quyết thì phải nêu rõ lý do."), field="reason")
    if outcome == Outcome.APPROVED and not documents:
        raise DossierError(
            _("Hãy nhập văn bản kết quả (số, ngày ký, người ký)."), field="documents"
        )
    with transaction.atomic():
        dossier = lock(dossier, expected_version)
        check_allowed(dossier, Action.DECIDE)
        step = require_current_step(dossier)
        if not may_decide(actor, dossier, step):
            raise NotAllowed(_("Chỉ lãnh đạo đơn vị đang giải quyết mới được ghi nhận kết quả."))
        stored = []
        for index, document in enumerate(documents):
            if not (
                document.title.strip()
                and document.number.strip()
                and document.signer.strip()
                and document.signed_on
            ):
                raise DossierError(
                    _("Văn bản kết quả phải có tên, số, ngày ký và người ký."),
                    field=f"documents.{index}",
                )
            if (
                len(document.title) > 500
                or len(document.number) > 100
                or len(document.signer) > 300
            ):
                raise DossierError(
                    _("Tên văn bản tối đa 500 ký tự, số hiệu 100 ký tự, người ký 300 ký tự."),
                    field=f"documents.{index}",
                )
            file = (
                store_file(
                    dossier,
                    document.file,
                    purpose=FilePurpose.RESULT,
                    actor=actor,
                    now=now,
                    field=f"documents.{index}.file",
                )
                if document.file
                else None
            )
            if file:
                stored.append(file)
            ResultDocument.objects.create(
                dossier=dossier,
                title=document.title.strip(),
                number=document.number.strip(),
                signed_on=document.signed_on,
                signer=document.signer.strip(),
                file=file,
            )
        finish_step(step, now=now)
        dossier.status = S.DECIDED
        dossier.outcome = outcome
        dossier.decided_at = now
        dossier.decided_due_at = dossier.due_at
        timeliness = deadlines.timeliness(now, dossier.due_at, VIETNAM)
        record(
            dossier,
            actor=actor,
            action=Action.DECIDE,
            from_status=S.PROCESSING,
            now=now,
            data={
                "outcome": outcome,
                "reason": reason,
                "timeliness": timeliness,
                "files": describe(stored),
                "documents": [
                    {"number": d.number, "signed_on": d.signed_on.isoformat(), "signer": d.signer}
                    for d in documents
                ],
            },
            event_payload={"outcome": outcome, "timeliness": timeliness},
        )
    return dossier


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
        if Apology.objects.filter(dossier=dossier).exists():
            raise TransitionRefused(
                _("Hồ sơ đã có phiếu xin lỗi; ngày hẹn mới chỉ được đặt một lần."),
                field="new_due_at",
            )
        step = require_current_step(dossier)
        require_any_role(actor, [Role.UNIT_LEADER], step.unit, action=_("xin lỗi, hẹn lại"))
        if new_due_at <= now or (dossier.due_at and new_due_at <= dossier.due_at):
            raise DossierError(
                _("Ngày hẹn mới phải sau hạn hiện tại và sau thời điểm này."), field="new_due_at"
            )
        cal = calendar()
        # Due to apologise no later than one working day before the due moment.
        left = (
            dossier.remaining_minutes
            if dossier.due_at is None
            else deadlines.remaining(cal, now, dossier.due_at)
        )
        is_late = (left or 0) < WARNING_MINUTES
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


def sweep_due_warnings(*, now=None, within_minutes: int = WARNING_MINUTES) -> int:
    """Warn once of each processing dossier whose due moment is within a working day (audit +
    outbox event for the notification issue to deliver). Idempotent: run it as often as you like."""
    now = now_or(now)
    cal = calendar()
    horizon = cal.add_working_minutes(cal.next_working_moment(now), within_minutes)
    warned = 0
    candidates = Dossier.objects.filter(
        status=S.PROCESSING, warned_at__isnull=True, due_at__lte=horizon
    ).values_list("pk", flat=True)
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
