"""The postal operator's tracking webhook: POST /api/v1/postal/tracking (docs/postal.md).

Two checks before anything is read: the operator's API key (X-API-Key, a client with the
"postal:tracking" scope: its service user is the actor) and the HMAC signature over the
timestamp and the raw body (integrations/postal/webhooks.py). A repeated or late update is
answered 200 and changes nothing."""

from __future__ import annotations

import json

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from ninja import Router, Schema

from motcua.accounts.apiclients import POSTAL_SCOPE
from motcua.api.auth import ApiKey, require_scope
from motcua.api.errors import ApiError, ErrorSchema
from motcua.delivery import services
from motcua.dossiers.errors import DossierError
from motcua.integrations.postal.webhooks import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    WebhookRefused,
    verify,
)

router = Router(auth=[ApiKey()])


class TrackingAnswer(Schema):
    reference: str
    status: str
    applied: bool


@router.post(
    "/tracking",
    response={
        200: TrackingAnswer,
        400: ErrorSchema,
        401: ErrorSchema,
        403: ErrorSchema,
        404: ErrorSchema,
        422: ErrorSchema,
    },
    summary="Cập nhật hành trình đơn hàng bưu chính (webhook ký HMAC của bưu điện)",
    openapi_extra={
        "requestBody": {
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "required": ["event_id", "order_id", "status", "at"],
                        "properties": {
                            "event_id": {"type": "string", "maxLength": 80},
                            "order_id": {"type": "string"},
                            "reference": {"type": "string"},
                            "status": {"type": "string"},
                            "at": {"type": "string", "format": "date-time"},
                            "note": {"type": "string"},
                        },
                    }
                }
            },
            "required": True,
        }
    },
)
def tracking(request):
    require_scope(request, POSTAL_SCOPE)
    body = request.body
    try:
        verify(body, request.headers.get(TIMESTAMP_HEADER), request.headers.get(SIGNATURE_HEADER))
    except WebhookRefused as exc:
        raise ApiError(
            _("Chữ ký hoặc thời điểm gửi của bưu điện không hợp lệ (%(why)s).") % {"why": exc},
            status=401,
        ) from None
    try:
        data = json.loads(body)
        if not isinstance(data, dict):
            raise ValueError
    except ValueError:
        raise ApiError(_("Nội dung phải là một đối tượng JSON."), status=400) from None
    at = parse_datetime(str(data.get("at", ""))) if data.get("at") else None
    if at is None or at.tzinfo is None:
        raise ApiError(_("Thời điểm phải theo ISO 8601, có múi giờ."), status=422, field="at")
    try:
        order, applied = services.apply_tracking(
            actor=request.auth,
            operator_order_id=str(data.get("order_id", "")),
            event_id=str(data.get("event_id", "")),
            status=str(data.get("status", "")),
            at=at,
            note=str(data.get("note", ""))[:500],
        )
    except DossierError as exc:
        errors = [{"field": f, "message": m} for f, ms in exc.errors.items() for m in ms]
        status = 422 if exc.status == 400 and errors else exc.status
        raise ApiError(exc.message, status=status, errors=errors) from None
    return {"reference": order.reference, "status": order.status, "applied": applied}
