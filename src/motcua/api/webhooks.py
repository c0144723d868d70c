"""Webhook subscriptions over the API: an API client subscribes to dossier events, lists and
deletes its own subscriptions. What is sent, and how a receiver checks the signature:
docs/api.md, "Webhooks"."""

from __future__ import annotations

import enum
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema
from ninja.responses import Status

from motcua.api.auth import AUTH, require_scope
from motcua.api.errors import ApiError, ErrorSchema
from motcua.api.inputs import In
from motcua.integrations.webhooks import selectors, services
from motcua.integrations.webhooks.events import EVENT_TYPES, event_label

router = Router(auth=AUTH)
ERRORS = {400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema}

EventType = enum.StrEnum("EventType", {name.replace(".", "_"): name for name in EVENT_TYPES})


class SubscriptionIn(In):
    url: str = Field(
        min_length=1,
        max_length=500,
        pattern=r"^(https://|http://(127\.0\.0\.1|localhost|\[::1\])[:/])[^\s#@]+$",
        description=(
            "Địa chỉ nhận sự kiện, HTTPS (HTTP chỉ tới 127.0.0.1 khi máy chủ cho phép, "
            "để thử nghiệm)."
        ),
    )
    event_types: list[EventType] = Field(
        min_length=1, max_length=len(EVENT_TYPES), description="Các loại sự kiện cần nhận."
    )
    description: str = Field("", max_length=200, description="Ghi chú của ứng dụng.")


class SubscriptionOut(Schema):
    id: int
    url: str
    event_types: list[str]
    description: str
    created_at: datetime


class SubscriptionCreated(SubscriptionOut):
    secret: str = Field(
        description="Khóa bí mật để kiểm tra chữ ký; chỉ hiển thị một lần, lúc đăng ký."
    )


class EventTypeOut(Schema):
    type: str
    label: str


def _client(request):
    client = getattr(request, "api_client", None)
    if client is None:
        raise ApiError(
            _("Chỉ ứng dụng kết nối API (khóa X-API-Key) mới đăng ký webhook."), status=403
        )
    require_scope(request, services.READ_SCOPE)
    return client


def _out(subscription) -> dict:
    return {
        "id": subscription.pk,
        "url": subscription.url,
        "event_types": subscription.event_types,
        "description": subscription.description,
        "created_at": timezone.localtime(subscription.created_at),
    }


def _refusal(exc: ValidationError) -> ApiError:
    errors = [
        {"field": field if field != "__all__" else None, "message": message}
        for field, messages in exc.message_dict.items()
        for message in messages
    ]
    return ApiError(_("Đăng ký webhook chưa hợp lệ."), status=422, errors=errors)


@router.get("/event-types", response={200: list[EventTypeOut], **ERRORS}, summary="Loại sự kiện")
def list_event_types(request: HttpRequest):
    _client(request)
    return [{"type": name, "label": event_label(name)} for name in EVENT_TYPES]


@router.post(
    "/subscriptions",
    response={201: SubscriptionCreated, 422: ErrorSchema, 429: ErrorSchema, **ERRORS},
    summary="Đăng ký nhận sự kiện",
)
def create_subscription(request: HttpRequest, body: SubscriptionIn):
    client = _client(request)
    try:
        subscription, secret = services.create_subscription(
            client,
            url=body.url,
            event_types=[str(kind.value) for kind in body.event_types],
            description=body.description,
        )
    except ValidationError as exc:
        raise _refusal(exc) from exc
    except PermissionDenied as exc:
        raise ApiError(str(exc), status=403) from exc
    return Status(201, {**_out(subscription), "secret": secret})


@router.get(
    "/subscriptions",
    response={200: list[SubscriptionOut], 429: ErrorSchema, **ERRORS},
    summary="Các đăng ký của ứng dụng",
)
def list_subscriptions(request: HttpRequest):
    return [_out(s) for s in selectors.subscriptions_of(_client(request))]


@router.delete(
    "/subscriptions/{subscription_id}",
    response={204: None, 429: ErrorSchema, **ERRORS},
    summary="Hủy đăng ký",
)
def delete_subscription(
    request: HttpRequest, subscription_id: int = Path(..., ge=1, le=2_147_483_647)
):
    client = _client(request)
    subscription = selectors.subscription_of(client, subscription_id)
    if subscription is None:
        raise ApiError(_("Không tìm thấy đăng ký webhook này."), status=404)
    services.delete_subscription(subscription, client=client)
    return Status(204, None)
