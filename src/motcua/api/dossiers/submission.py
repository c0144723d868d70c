"""`POST /dossiers`: parse a JSON or multipart submission, create the dossier through the
service, and answer a retry with the same Idempotency-Key with the first answer."""

from __future__ import annotations

import hashlib
import hmac
import json

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.responses import Status
from pydantic import ValidationError as PydanticValidationError

from motcua.api import dossier_schemas as s
from motcua.api import idempotency
from motcua.api.auth import client_id, require_scope
from motcua.api.dossiers.common import ERRORS, _agency, _fail, router
from motcua.api.errors import ApiError
from motcua.api.models import IdempotencyRecord
from motcua.catalog.models import Procedure
from motcua.dossiers import services
from motcua.dossiers.applicants import Applicant
from motcua.dossiers.errors import DossierError
from motcua.lib import upload_limits
from motcua.lib.queries import unique_or_none

# The name of a document's file part in a multipart submission: "documents." and its code.
DOCUMENT_PART = r"^documents\.[^\s]{1,50}$"
# The answer's field that the Idempotency-Key store keeps sealed (motcua.api.idempotency).
SEALED_FIELD = "lookup_secret"


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


def _fingerprint(key: idempotency.IdempotencyKey, payload: s.DossierIn, digests: list[str]) -> str:
    return key.fingerprint({"body": payload.model_dump(mode="json"), "files": digests})


def _replay(key: idempotency.IdempotencyKey, record: IdempotencyRecord, fingerprint: str):
    if not hmac.compare_digest(record.fingerprint, fingerprint):
        raise ApiError(
            _(
                "Idempotency-Key này đã được dùng cho một yêu cầu khác; hãy dùng khóa mới cho yêu cầu mới."
            ),
            status=422,
            field="Idempotency-Key",
        )
    return Status(
        record.status_code,
        idempotency.replayed_response(key, record, sealed_field=SEALED_FIELD),
    )


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
                "schema": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": idempotency.MAX_KEY_LENGTH,
                    "pattern": r"\S",
                },
                "description": "Khóa duy nhất cho mỗi yêu cầu nộp; gửi lại cùng khóa trong 24 giờ trả về kết quả lần đầu.",
            }
        ],
        "requestBody": {
            "required": True,
            "description": (
                "JSON (không kèm tệp), hoặc multipart/form-data gồm phần `data` là DossierIn "
                "dạng JSON và mỗi giấy tờ một phần tệp tên `documents.<mã giấy tờ>`, ví dụ "
                "`documents.GT1`."
            ),
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/DossierIn"}},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["data"],
                        "properties": {"data": {"$ref": "#/components/schemas/DossierIn"}},
                        "patternProperties": {
                            DOCUMENT_PART: {
                                "type": "string",
                                "format": "binary",
                                "description": (
                                    "Tệp của một giấy tờ; tên phần là `documents.` và mã giấy "
                                    "tờ trong danh mục của trường hợp, ví dụ `documents.GT1`."
                                ),
                            }
                        },
                        "additionalProperties": False,
                    },
                    "encoding": {"data": {"contentType": "application/json"}},
                },
            },
        },
    },
)
def submit(request: HttpRequest):
    require_scope(request, "dossiers:submit")
    raw_key = request.headers.get("Idempotency-Key", "").strip()
    if not raw_key or len(raw_key) > idempotency.MAX_KEY_LENGTH:
        raise ApiError(
            _("Thiếu tiêu đề Idempotency-Key (tối đa 200 ký tự)."),
            status=400,
            field="Idempotency-Key",
        )
    payload, uploads, digests = _parse_submission(request)
    key = idempotency.IdempotencyKey.of(client_id(request), raw_key)
    fingerprint = _fingerprint(key, payload, digests)
    existing = idempotency.find(key)
    if existing is not None:
        return _replay(key, existing, fingerprint)
    try:
        with transaction.atomic():
            submission = _create(request, payload, uploads, request.auth)
            body = s.SubmissionOut(
                code=submission.dossier.code,
                status=submission.dossier.status,
                version=submission.dossier.version,
                lookup_secret=submission.lookup_secret,
            ).model_dump(mode="json")
            idempotency.remember(
                key,
                fingerprint=fingerprint,
                status_code=201,
                response=body,
                sealed_field=SEALED_FIELD,
                dossier=submission.dossier,
            )
    except DossierError as exc:
        raise _fail(exc) from exc
    except IntegrityError:
        # A concurrent request with the same key won; its dossier stands and ours rolled back.
        existing = idempotency.find(key)
        if existing is None:
            raise
        return _replay(key, existing, fingerprint)
    return Status(201, body)
