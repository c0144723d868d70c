"""Dossiers over HTTP: submission with an Idempotency-Key, scoped reads, one POST per action.

Every endpoint calls the same service functions as the screens; this module only parses,
authorises (scope of the key; the services check roles on agencies), and renders.
"""

from __future__ import annotations

import hashlib
import json

from django.db import IntegrityError, transaction
from django.http import FileResponse, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.responses import Status
from pydantic import ValidationError as PydanticValidationError

from motcua.accounts.models import User
from motcua.agencies.models import Agency
from motcua.api import dossier_schemas as s
from motcua.api.auth import AUTH, client_id, require_scope
from motcua.api.errors import ApiError, ErrorSchema
from motcua.catalog.models import Procedure
from motcua.dossiers import selectors, services
from motcua.dossiers.applicants import Applicant
from motcua.dossiers.choices import DossierStatus, PauseReason
from motcua.dossiers.deadlines import timeliness
from motcua.dossiers.errors import DossierError, NotFound
from motcua.dossiers.models import Dossier, IdempotencyRecord
from motcua.events.services import log_personal_data_access
from motcua.lib import ratelimit, upload_limits
from motcua.lib.queries import unique_or_none
from motcua.workdays.zone import VIETNAM

router = Router(auth=AUTH)
ERRORS = {
    400: ErrorSchema,
    401: ErrorSchema,
    403: ErrorSchema,
    404: ErrorSchema,
    409: ErrorSchema,
    413: ErrorSchema,
    422: ErrorSchema,
    429: ErrorSchema,
}


def _fail(exc: DossierError) -> ApiError:
    errors = [
        {"field": field, "message": message}
        for field, messages in exc.errors.items()
        for message in messages
    ]
    status = 422 if exc.status == 400 and errors else exc.status
    return ApiError(exc.message, status=status, errors=errors)


def _agency(code: str | None, field: str) -> Agency | None:
    if not code:
        return None
    # Inactive agencies are found too: the service refuses them with its own words.
    agency = unique_or_none(Agency.objects.filter(code=code))
    if agency is None:
        raise ApiError(
            _("Không có cơ quan mang mã %(code)s.") % {"code": code}, status=422, field=field
        )
    return agency


# --- rendering ------------------------------------------------------------------------------


def _ref(agency: Agency) -> dict:
    return {"code": agency.code, "name": agency.name}


def _summary(dossier: Dossier, now) -> dict:
    return {
        "code": dossier.code,
        "status": dossier.status,
        "version": dossier.version,
        "procedure_code": dossier.procedure.code,
        "procedure_name": dossier.procedure.name,
        "applicant_name": dossier.applicant_name,
        "channel": dossier.channel,
        "receiving_agency": _ref(dossier.receiving_agency),
        "responsible_agency": _ref(dossier.responsible_agency),
        "submitted_at": dossier.submitted_at,
        "received_at": dossier.received_at,
        "due_at": dossier.due_at,
        "overdue": dossier.status == DossierStatus.PROCESSING
        and dossier.due_at is not None
        and dossier.due_at < now,
    }


def _detail(dossier: Dossier, now) -> dict:
    selectors.detail_related(dossier)
    steps = sorted(dossier.steps.all(), key=lambda step: (step.started_at, step.pk))
    return {
        **_summary(dossier, now),
        "requested_return_channel": dossier.requested_return_channel,
        "case_code": dossier.snapshot.get("case", {}).get("code", ""),
        "case_name": dossier.snapshot.get("case", {}).get("name", ""),
        "outcome": dossier.outcome,
        "applicant_kind": dossier.applicant_kind,
        "applicant_personal_id": dossier.applicant_personal_id,
        "applicant_tax_code": dossier.applicant_tax_code,
        "applicant_address": dossier.applicant_address,
        "applicant_commune_code": dossier.applicant_commune_id,
        "applicant_phone": dossier.applicant_phone,
        "applicant_email": dossier.applicant_email,
        "form_data": dossier.form_data,
        "time_limit": dossier.time_limit,
        "clock_started_at": dossier.clock_started_at,
        "remaining_minutes": dossier.remaining_minutes,
        "applicant_due_at": dossier.applicant_due_at,
        "decided_at": dossier.decided_at,
        "returned_at": dossier.returned_at,
        "steps": [
            {
                "order": step.order,
                "name": step.name,
                "unit": _ref(step.unit),
                "role": step.role,
                "assigned_to": step.assigned_to.get_full_name() if step.assigned_to else None,
                "started_at": step.started_at,
                "due_at": step.due_at,
                "finished_at": step.finished_at,
                "timeliness": timeliness(step.finished_at, step.finished_due_at, VIETNAM)
                if step.finished_at and step.finished_due_at
                else None,
                "returned": step.ended_by_return,
            }
            for step in steps
        ],
        "documents": [
            {
                "code": d.code,
                "name": d.name,
                "required": d.required,
                "form": d.form,
                "quantity": d.quantity,
                "digitised": d.digitised,
                "file_id": d.file_id,
            }
            for d in dossier.documents.all()
        ],
        "files": [
            {
                "id": f.pk,
                "name": f.original_name,
                "purpose": f.purpose,
                "content_type": f.content_type,
                "size": f.size,
                "sha256": f.sha256,
                "uploaded_at": f.uploaded_at,
            }
            for f in dossier.files.all()
        ],
        "pauses": [
            {
                "reason": p.reason,
                "note": p.note,
                "items": p.items,
                "started_at": p.started_at,
                "ended_at": p.ended_at,
            }
            for p in dossier.pauses.all()
        ],
    }


# --- submission -------------------------------------------------------------------------------


def _parse_submission(request: HttpRequest) -> tuple[s.DossierIn, list[services.Upload], list[str]]:
    """JSON body, or multipart with a JSON part `data` and one file part per required document
    named `documents.<CODE>`. Files are size-capped while they stream in."""
    content_type = request.content_type or ""
    if content_type.startswith("multipart/form-data"):
        upload_limits.install(request)
        raw = request.POST.get("data", "")
        too_large = upload_limits.oversized_fields(request)
        if too_large:
            raise ApiError(
                _("Tệp quá lớn (tối đa %(limit)s MB).")
                % {"limit": upload_limits.SizeCapUploadHandler().max_bytes // (1024 * 1024)},
                status=413,
                errors=[{"field": name, "message": _("Tệp quá lớn.")} for name in too_large],
            )
        files = [
            (name, request.FILES[name]) for name in request.FILES if name.startswith("documents.")
        ]
    else:
        raw = request.body.decode("utf-8", errors="replace")
        files = []
    try:
        body = json.loads(raw or "null")
        payload = s.DossierIn.model_validate(body)
    except json.JSONDecodeError as exc:
        raise ApiError(
            _("Nội dung gửi lên không phải JSON hợp lệ."), status=422, field="data"
        ) from exc
    except PydanticValidationError as exc:
        from motcua.api.errors import _field_of, _message_for

        raise ApiError(
            _("Dữ liệu không hợp lệ."),
            status=422,
            errors=[{"field": _field_of(e), "message": _message_for(e)} for e in exc.errors()],
        ) from exc
    uploads = [services.Upload(name.removeprefix("documents."), file) for name, file in files]
    digests = sorted(f"{name}:{_sha256(file)}" for name, file in files)
    return payload, uploads, digests


def _sha256(uploaded) -> str:
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    return digest.hexdigest()


def _fingerprint(payload: s.DossierIn, digests: list[str]) -> str:
    canonical = json.dumps(
        {"body": payload.model_dump(mode="json"), "files": digests},
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _replay(record: IdempotencyRecord, fingerprint: str):
    if record.fingerprint != fingerprint:
        raise ApiError(
            _(
                "Idempotency-Key này đã được dùng cho một yêu cầu khác; hãy dùng khóa mới cho yêu cầu mới."
            ),
            status=422,
            field="Idempotency-Key",
        )
    return Status(record.status_code, record.response)


def _create(request, payload: s.DossierIn, uploads, actor):
    # The field is part of the snapshot taken below.
    procedure = unique_or_none(
        Procedure.objects.select_related("field").filter(code=payload.procedure)
    )
    if procedure is None:
        raise ApiError(
            _("Không có thủ tục mang mã %(code)s.") % {"code": payload.procedure},
            status=422,
            field="procedure",
        )
    case = unique_or_none(procedure.cases.filter(code=payload.case))
    if case is None:
        raise ApiError(
            _("Thủ tục không có trường hợp mã %(code)s.") % {"code": payload.case},
            status=422,
            field="case",
        )
    receiving = _agency(payload.receiving_agency, "receiving_agency")
    applicant = Applicant(**payload.applicant.model_dump())
    return services.create_dossier(
        procedure=procedure,
        case=case,
        channel=payload.channel,
        applicant=applicant,
        receiving_agency=receiving,
        responsible_agency=_agency(payload.responsible_agency, "responsible_agency"),
        form_data=payload.form_data,
        uploads=uploads,
        actor=actor,
        client=getattr(request, "api_client", None),
        submit=payload.submit,
        requested_return_channel=payload.requested_return_channel,
    )


@router.post(
    "",
    response={201: s.SubmissionOut, **ERRORS},
    summary="Nộp hồ sơ",
    openapi_extra={
        "parameters": [
            {
                "in": "header",
                "name": "Idempotency-Key",
                "required": True,
                "schema": {"type": "string", "maxLength": 200},
                "description": "Khóa duy nhất cho mỗi yêu cầu nộp; gửi lại cùng khóa trả về kết quả lần đầu.",
            }
        ],
        "requestBody": {
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/DossierIn"}},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "data": {"type": "string", "description": "DossierIn dạng JSON"},
                            "documents.<MÃ GIẤY TỜ>": {"type": "string", "format": "binary"},
                        },
                    }
                },
            }
        },
    },
)
def submit(request: HttpRequest):
    require_scope(request, "dossiers:submit")
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key or len(key) > 200:
        raise ApiError(
            _("Thiếu tiêu đề Idempotency-Key (tối đa 200 ký tự)."),
            status=400,
            field="Idempotency-Key",
        )
    payload, uploads, digests = _parse_submission(request)
    fingerprint = _fingerprint(payload, digests)
    client = client_id(request)
    existing = unique_or_none(IdempotencyRecord.objects.filter(client=client, key=key))
    if existing is not None:
        return _replay(existing, fingerprint)
    try:
        with transaction.atomic():
            submission = _create(request, payload, uploads, request.auth)
            body = s.SubmissionOut(
                code=submission.dossier.code,
                status=submission.dossier.status,
                version=submission.dossier.version,
                lookup_secret=submission.lookup_secret,
            ).model_dump(mode="json")
            IdempotencyRecord.objects.create(
                client=client,
                key=key,
                fingerprint=fingerprint,
                status_code=201,
                response=body,
                dossier=submission.dossier,
                created_at=timezone.now(),
            )
    except DossierError as exc:
        raise _fail(exc) from exc
    except IntegrityError:
        # A concurrent request with the same key won; its dossier stands and ours rolled back.
        existing = unique_or_none(IdempotencyRecord.objects.filter(client=client, key=key))
        if existing is None:
            raise
        return _replay(existing, fingerprint)
    return Status(201, body)


# --- reads --------------------------------------------------------------------------------------


class ListFilters(Schema):
    status: DossierStatus | None = None
    agency: str | None = None
    procedure: str | None = None
    q: str | None = None
    overdue: bool | None = None
    page: int = 1
    page_size: int = 20


@router.get(
    "", response={200: s.DossierPage, **ERRORS}, summary="Danh sách hồ sơ (theo phạm vi được xem)"
)
def list_dossiers(request: HttpRequest, filters: Query[ListFilters]):
    from django.conf import settings

    require_scope(request, "dossiers:read")
    if filters.page < 1:
        raise ApiError(_("Số trang phải từ 1 trở lên."), status=422, field="page")
    if not 1 <= filters.page_size <= settings.API_PAGE_SIZE_MAX:
        raise ApiError(
            _("page_size phải từ 1 đến %(max)d.") % {"max": settings.API_PAGE_SIZE_MAX},
            status=422,
            field="page_size",
        )
    now = timezone.now()
    queryset = (
        selectors.filter_dossiers(
            selectors.visible_dossiers(request.auth),
            status=filters.status,
            agency_code=filters.agency,
            procedure_code=filters.procedure,
            query=filters.q,
            overdue=filters.overdue,
            now=now,
        )
        .select_related(*selectors.LIST_RELATED)
        .defer(*selectors.LIST_DEFERRED)
        .order_by("-submitted_at", "-pk")
    )
    count = queryset.count()
    start = (filters.page - 1) * filters.page_size
    results = [_summary(d, now) for d in queryset[start : start + filters.page_size]]
    return {
        "count": count,
        "page": filters.page,
        "page_size": filters.page_size,
        "results": results,
    }


def _visible(request, code: str) -> Dossier:
    try:
        return selectors.dossier_for(request.auth, code)
    except NotFound as exc:
        raise _fail(exc) from exc


@router.get("/{code}", response={200: s.DossierOut, **ERRORS}, summary="Chi tiết hồ sơ")
def get_dossier(request: HttpRequest, code: str):
    require_scope(request, "dossiers:read")
    dossier = _visible(request, code)
    log_personal_data_access(request.auth, dossier, context="api")
    return _detail(dossier, timezone.now())


@router.get("/{code}/files/{file_id}", response={200: None, **ERRORS}, summary="Tải tệp của hồ sơ")
def download_file(request: HttpRequest, code: str, file_id: int):
    require_scope(request, "dossiers:read")
    dossier = _visible(request, code)
    stored = dossier.files.filter(pk=file_id).first()
    if stored is None:
        raise ApiError(_("Hồ sơ không có tệp này."), status=404)
    log_personal_data_access(request.auth, dossier, context=f"file:{stored.pk}")
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.original_name,
        content_type=stored.content_type,
    )


# --- actions ------------------------------------------------------------------------------------


def _act(request, code: str, scope: str, call):
    require_scope(request, scope)
    dossier = _visible(request, code)
    try:
        call(dossier)
    except DossierError as exc:
        raise _fail(exc) from exc
    dossier = Dossier.objects.select_related(*selectors.LIST_RELATED, "case").get(pk=dossier.pk)
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


# --- public lookup -----------------------------------------------------------------------------

lookup_router = Router()


@lookup_router.get(
    "", response={200: s.LookupOut, **ERRORS}, summary="Tra cứu hồ sơ bằng mã hồ sơ và mã tra cứu"
)
def lookup(request: HttpRequest, code: str, secret: str):
    return _lookup(request, code, secret)


@lookup_router.post(
    "",
    response={200: s.LookupOut, **ERRORS},
    summary="Tra cứu hồ sơ (mã tra cứu trong thân yêu cầu, không nằm trong địa chỉ)",
)
def lookup_by_post(request: HttpRequest, body: s.LookupIn):
    """The same answer as the GET, with the secret in the body: addresses end up in access logs
    and browser histories, bodies do not."""
    return _lookup(request, body.code, body.secret)


def _lookup(request: HttpRequest, code: str, secret: str) -> dict:
    from django.conf import settings

    if not ratelimit.hit(
        "lookup", ratelimit.client_ip(request), limit=settings.LOOKUP_RATE_LIMIT, window=60
    ):
        raise ApiError(_("Bạn tra cứu quá nhiều lần; hãy thử lại sau một phút."), status=429)
    try:
        dossier = selectors.lookup(code, secret)
    except NotFound as exc:
        raise _fail(exc) from exc
    pause = (
        dossier.pauses.filter(ended_at__isnull=True).first()
        if dossier.status == DossierStatus.PAUSED
        else None
    )
    return {
        "code": dossier.code,
        "status": dossier.status,
        "status_label": str(DossierStatus(dossier.status).label),
        "procedure_name": dossier.procedure_name,
        "submitted_at": dossier.submitted_at,
        "received_at": dossier.received_at,
        "due_at": dossier.due_at,
        "applicant_due_at": dossier.applicant_due_at,
        "decided_at": dossier.decided_at,
        "pending_supplement": pause.items
        if pause and pause.reason == PauseReason.SUPPLEMENT
        else [],
    }
