"""One POST per action on a dossier; each answers the dossier as it is after the action."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.api import dossier_schemas as s
from motcua.api.auth import require_scope
from motcua.api.dossiers.common import ERRORS, _agency, _fail, _visible, router
from motcua.api.dossiers.rendering import _detail
from motcua.api.errors import ApiError
from motcua.dossiers import selectors, services
from motcua.dossiers.choices import PauseReason
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier
from motcua.events.services import log_personal_data_access


def _act(request, code: str, scope: str, call):
    require_scope(request, scope)
    dossier = _visible(request, code)
    try:
        call(dossier)
    except DossierError as exc:
        raise _fail(exc) from exc
    dossier = Dossier.objects.select_related(*selectors.LIST_RELATED, "case").get(pk=dossier.pk)
    log_personal_data_access(request.auth, dossier, context=f"api:{scope}")
    return _detail(dossier, timezone.now())


def _user(username: str, field: str) -> User:
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise ApiError(
            _("Không có cán bộ với tên đăng nhập %(name)s.") % {"name": username},
            status=422,
            field=field,
        )
    return user


ACTION = {"response": {200: s.DossierOut, **ERRORS}}


@router.post("/{code}/receive", **ACTION, summary="Tiếp nhận hồ sơ")
def receive(request, code: str, body: s.ReceiveIn):
    checklist = (
        None
        if body.checklist is None
        else [services.ChecklistLine(**line.model_dump()) for line in body.checklist]
    )
    return _act(
        request,
        code,
        "dossiers:receive",
        lambda d: services.receive_dossier(
            d,
            actor=request.auth,
            checklist=checklist,
            sets_count=body.sets_count,
            expected_version=body.version,
        ),
    )


@router.post("/{code}/return-for-completion", **ACTION, summary="Trả lại để hoàn thiện hồ sơ")
def return_for_completion(request, code: str, body: s.ReturnForCompletionIn):
    return _act(
        request,
        code,
        "dossiers:receive",
        lambda d: services.return_for_completion(
            d,
            actor=request.auth,
            missing=body.missing,
            note=body.note,
            expected_version=body.version,
        ),
    )


@router.post("/{code}/refuse", **ACTION, summary="Từ chối tiếp nhận")
def refuse(request, code: str, body: s.RefuseIn):
    return _act(
        request,
        code,
        "dossiers:receive",
        lambda d: services.refuse_dossier(
            d, actor=request.auth, reasons=body.reasons, expected_version=body.version
        ),
    )


@router.post("/{code}/assign", **ACTION, summary="Phân công xử lý bước hiện tại")
def assign(request, code: str, body: s.AssignIn):
    # The assignee is looked up only once the scope and the dossier are checked (inside _act):
    # an unknown user name must not answer differently from an invisible dossier.
    return _act(
        request,
        code,
        "dossiers:lead",
        lambda d: services.assign_step(
            d,
            actor=request.auth,
            assignee=_user(body.assignee, "assignee"),
            expected_version=body.version,
        ),
    )


@router.post("/{code}/forward", **ACTION, summary="Chuyển bước tiếp theo")
def forward(request, code: str, body: s.ForwardIn):
    return _act(
        request,
        code,
        "dossiers:process",
        lambda d: services.forward_dossier(
            d,
            actor=request.auth,
            note=body.note,
            to_agency=_agency(body.to_agency, "to_agency"),
            expected_version=body.version,
        ),
    )


@router.post("/{code}/return-to-step", **ACTION, summary="Trả về bước trước")
def return_to_step(request, code: str, body: s.ReturnToStepIn):
    return _act(
        request,
        code,
        "dossiers:process",
        lambda d: services.return_to_step(
            d,
            actor=request.auth,
            order=body.order,
            reason=body.reason,
            expected_version=body.version,
        ),
    )


@router.post("/{code}/hand-over", **ACTION, summary="Chuyển liên thông sang cơ quan khác")
def hand_over(request, code: str, body: s.HandOverIn):
    return _act(
        request,
        code,
        "dossiers:process",
        lambda d: services.hand_over(
            d,
            actor=request.auth,
            to_agency=_agency(body.to_agency, "to_agency"),
            reason=body.reason,
            expected_version=body.version,
        ),
    )


@router.post(
    "/{code}/pause",
    **ACTION,
    summary="Tạm dừng (yêu cầu bổ sung, nghĩa vụ tài chính, theo đề nghị)",
)
def pause(request, code: str, body: s.PauseIn):
    if body.reason not in PauseReason.values:
        raise ApiError(
            _("Lý do tạm dừng phải là supplement, financial hoặc applicant_request."),
            status=422,
            field="reason",
        )
    return _act(
        request,
        code,
        "dossiers:process",
        lambda d: services.pause_dossier(
            d,
            actor=request.auth,
            reason=body.reason,
            note=body.note,
            items=body.items,
            period_days=body.period_days,
            justification=body.justification,
            expected_version=body.version,
        ),
    )


@router.post("/{code}/resume", **ACTION, summary="Tiếp tục xử lý")
def resume(request, code: str, body: s.ResumeIn):
    return _act(
        request,
        code,
        "dossiers:process",
        lambda d: services.resume_dossier(
            d, actor=request.auth, note=body.note, expected_version=body.version
        ),
    )


@router.post("/{code}/decide", **ACTION, summary="Ghi nhận kết quả giải quyết")
def decide(request, code: str, body: s.DecideIn):
    documents = [services.ResultDocumentData(**doc.model_dump()) for doc in body.documents]
    return _act(
        request,
        code,
        "dossiers:lead",
        lambda d: services.decide_dossier(
            d,
            actor=request.auth,
            outcome=body.outcome,
            reason=body.reason,
            documents=documents,
            expected_version=body.version,
        ),
    )


@router.post("/{code}/return-result", **ACTION, summary="Trả kết quả")
def return_result(request, code: str, body: s.ReturnResultIn):
    return _act(
        request,
        code,
        "dossiers:return",
        lambda d: services.return_result(
            d,
            actor=request.auth,
            channel=body.channel,
            collected_by_name=body.collected_by_name,
            collected_by_id_number=body.collected_by_id_number,
            expected_version=body.version,
        ),
    )


@router.post("/{code}/withdraw", **ACTION, summary="Rút hồ sơ theo đề nghị của người nộp")
def withdraw(request, code: str, body: s.WithdrawIn):
    return _act(
        request,
        code,
        "dossiers:receive",
        lambda d: services.withdraw_dossier(
            d, actor=request.auth, reason=body.reason, expected_version=body.version
        ),
    )


@router.post("/{code}/stop", **ACTION, summary="Dừng giải quyết hồ sơ")
def stop(request, code: str, body: s.StopIn):
    return _act(
        request,
        code,
        "dossiers:lead",
        lambda d: services.stop_dossier(
            d,
            actor=request.auth,
            reason_kind=body.reason_kind,
            reason=body.reason,
            expected_version=body.version,
        ),
    )


@router.post("/{code}/apologise", **ACTION, summary="Xin lỗi và hẹn lại ngày trả kết quả")
def apologise(request, code: str, body: s.ApologiseIn):
    return _act(
        request,
        code,
        "dossiers:lead",
        lambda d: services.apologise(
            d,
            actor=request.auth,
            reason=body.reason,
            new_due_at=body.new_due_at,
            expected_version=body.version,
        ),
    )
