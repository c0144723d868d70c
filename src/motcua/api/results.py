"""Verifying a signed result: GET /api/v1/results/verify?code=… and POST (multipart, part
`file`) with the PDF (docs/results.md). Public, like the portal's page; what it tells is what
is printed on the result."""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from motcua.api.errors import ApiError, ErrorSchema
from motcua.dossiers.errors import DossierError
from motcua.lib import upload_limits
from motcua.results import public

router = Router()


class ResultFacts(Schema):
    code: str
    title: str
    number: str
    signed_on: date
    procedure: str
    agency: str


class VerifyAnswer(Schema):
    status: str
    valid: bool
    message: str
    signer: str
    signed_at: datetime | None
    result: ResultFacts | None


def _answer(verdict) -> dict:
    details = verdict.details or None
    return {
        "status": verdict.status,
        "valid": verdict.valid,
        "message": verdict.message,
        "signer": verdict.signer,
        "signed_at": verdict.signed_at,
        "result": {k: details[k] for k in ResultFacts.model_fields} if details else None,
    }


@router.get(
    "/verify",
    response={200: VerifyAnswer, 400: ErrorSchema},
    summary="Xác thực kết quả theo mã xác thực in trên văn bản",
)
def verify_by_code(request: HttpRequest, code: str = ""):
    try:
        return _answer(public.verify_code(code[:40]))
    except DossierError as exc:
        raise ApiError(exc.message, field=exc.field) from exc


@router.post(
    "/verify",
    response={200: VerifyAnswer, 400: ErrorSchema, 413: ErrorSchema},
    summary="Xác thực tệp PDF kết quả (multipart, phần `file`)",
)
def verify_by_file(request: HttpRequest):
    upload_limits.install(request)
    if upload_limits.oversized_fields(request):
        raise ApiError(_("Tệp quá lớn."), status=413, field="file")
    uploaded = request.FILES.get("file")
    if uploaded is None:
        raise ApiError(_("Hãy gửi tệp PDF trong phần `file`."), field="file")
    try:
        return _answer(public.verify_upload(uploaded))
    except DossierError as exc:
        raise ApiError(exc.message, field=exc.field) from exc
