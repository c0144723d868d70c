"""`POST /national-portal/dossiers`: the national portal pushes a dossier submitted there.

Not an API-key endpoint: the portal signs each push with the shared secret
(NATIONAL_PORTAL_INBOUND_SECRET): `X-NP-Signature: sha256=<hex HMAC-SHA256(secret,
timestamp + "." + raw body)>` with `X-NP-Timestamp: <unix seconds>` within
NATIONAL_PORTAL_INBOUND_WINDOW seconds of our clock. The answers keep the portal's own shape
({"error_code", …}), not the rest of the API's, since the portal reads them.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.responses import Status

from motcua.integrations.national_portal import inbound

logger = logging.getLogger(__name__)
router = Router()

TIMESTAMP_HEADER = "X-NP-Timestamp"
SIGNATURE_HEADER = "X-NP-Signature"
# Answered "Không được tiếp nhận": the national status code 3, and the error_code the protocol
# gives a refusal for content.
REFUSED = 3


class PushAccepted(Schema):
    error_code: int = Field(description="0: hồ sơ đã được nhận (lần đầu hoặc nhận lại).")
    MaHoSoQG: str = Field(description="Mã hồ sơ trên Cổng Dịch vụ công quốc gia.")
    MaHoSo: str = Field(description="Mã hồ sơ do hệ thống của tỉnh cấp.")


class PushRefused(Schema):
    error_code: int = Field(description="3: không được tiếp nhận.")
    TrangThaiHoSo: int = Field(description="3: Không được tiếp nhận.")
    message: str = Field(description="Lý do, bằng tiếng Việt.")
    field: str = Field(description="Phần của nội dung gây ra lý do từ chối.")


class PushError(Schema):
    error_code: int = Field(description="401 (chữ ký sai hoặc hết hạn) hoặc 503.")
    message: str


def verify_signature(request: HttpRequest, *, now: float | None = None) -> str | None:
    """Why the push's signature is not acceptable, or None when it is."""
    secret = settings.NATIONAL_PORTAL_INBOUND_SECRET
    if not secret:
        return _("Hệ thống chưa cấu hình khóa nhận hồ sơ từ Cổng quốc gia.")
    stamp = request.headers.get(TIMESTAMP_HEADER, "").strip()
    given = request.headers.get(SIGNATURE_HEADER, "").strip()
    if not stamp.isdigit() or len(stamp) > 12:
        return _("Thiếu hoặc sai dấu thời gian (X-NP-Timestamp).")
    if abs((now or time.time()) - int(stamp)) > settings.NATIONAL_PORTAL_INBOUND_WINDOW:
        return _("Dấu thời gian đã quá hạn.")
    expected = hmac.new(
        secret.encode(), stamp.encode() + b"." + request.body, hashlib.sha256
    ).hexdigest()
    if not hmac.compare_digest(given.encode(), f"sha256={expected}".encode()):
        return _("Chữ ký không đúng.")
    return None


@router.post(
    "/dossiers",
    auth=None,
    response={200: PushAccepted, 401: PushError, 422: PushRefused, 503: PushError},
    summary="Cổng Dịch vụ công quốc gia chuyển một hồ sơ đến",
    description=(
        "Hồ sơ nộp trên Cổng Dịch vụ công quốc gia, do Cổng chuyển đến (có ký HMAC-SHA256 "
        "bằng khóa chung trên `dấu thời gian.nội dung`). Cùng một MaHoSoQG gửi lại là cùng một "
        "hồ sơ. Hồ sơ không nhận được (thủ tục, đơn vị lạ; tệp sai mã băm hay sai loại) được "
        "trả lời 422 với lý do, và không có gì được tạo."
    ),
    openapi_extra={
        "parameters": [
            {
                "in": "header",
                "name": TIMESTAMP_HEADER,
                "required": True,
                "schema": {"type": "string", "pattern": r"^\d{1,12}$"},
                "description": "Thời điểm ký, giây Unix.",
            },
            {
                "in": "header",
                "name": SIGNATURE_HEADER,
                "required": True,
                "schema": {"type": "string"},
                "description": "`sha256=` và HMAC-SHA256 dạng hex của `dấu thời gian.nội dung`.",
            },
        ],
        "requestBody": {
            "required": True,
            "description": "Hồ sơ theo dạng Cổng quốc gia chuyển đến (MaHoSoQG, MaTTHC, …).",
            "content": {"application/json": {"schema": {"type": "object"}}},
        },
    },
)
def push_dossier(request: HttpRequest):
    problem = verify_signature(request)
    if problem is not None:
        return Status(401, {"error_code": 401, "message": problem})
    try:
        body = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return _refused(inbound.Refused(_("Nội dung gửi lên không phải JSON hợp lệ.")))
    try:
        accepted = inbound.accept(body, arrived_by="push")
    except inbound.Refused as exc:
        return _refused(exc)
    except inbound.NotReady as exc:
        logger.warning("national portal push not taken now: %s", exc)
        return Status(
            503,
            {"error_code": 503, "message": _("Hệ thống tạm thời chưa nhận được hồ sơ.")},
        )
    return Status(
        200,
        {"error_code": 0, "MaHoSoQG": accepted.national_code, "MaHoSo": accepted.dossier_code},
    )


def _refused(exc: inbound.Refused):
    return Status(
        422,
        {
            "error_code": REFUSED,
            "TrangThaiHoSo": REFUSED,
            "message": exc.message,
            "field": exc.field,
        },
    )
