"""Subscribing, unsubscribing and replaying. Each checks who asks, writes in one transaction
and is recorded in the reference-data audit chain (events/reference.py) with an outbox event.

A subscription belongs to the API client that made it: only that client lists or deletes it
(the API passes the client as the actor's client). Replaying a delivery is an administrator's
act: a system administrator whose grant covers the client's agency and its subtree, the same
guard as for the client's other settings (accounts.apiclients.refuse_client_change).
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.apiclients import refuse_client_change
from motcua.accounts.models import ApiClient
from motcua.events import deliveries
from motcua.events.models import Delivery
from motcua.events.reference import moment, record_change
from motcua.integrations.webhooks import sealing
from motcua.integrations.webhooks.client import refuse_url
from motcua.integrations.webhooks.events import EVENT_TYPES, event_id
from motcua.integrations.webhooks.models import CONSUMER_PREFIX, Subscription

SUBJECT = "webhook_subscription"
READ_SCOPE = "dossiers:read"


def _key(subscription: Subscription) -> str:
    return f"{subscription.client.name}#{subscription.pk}"


def _refuse_client(client) -> None:
    if client is None or not client.is_active:
        raise PermissionDenied(_("Chỉ ứng dụng kết nối API đang hoạt động mới đăng ký webhook."))
    if not client.has_scope(READ_SCOPE):
        raise PermissionDenied(
            _("Khóa API này không có phạm vi “%(scope)s”.") % {"scope": READ_SCOPE}
        )


def clean_event_types(event_types) -> list[str]:
    chosen = list(dict.fromkeys(event_types or []))
    if not chosen:
        raise ValidationError({"event_types": _("Chọn ít nhất một loại sự kiện.")})
    unknown = [name for name in chosen if name not in EVENT_TYPES]
    if unknown:
        raise ValidationError(
            {
                "event_types": _("Loại sự kiện không có: %(unknown)s. Các loại có: %(known)s.")
                % {"unknown": ", ".join(unknown), "known": ", ".join(EVENT_TYPES)}
            }
        )
    return chosen


def create_subscription(
    client,
    *,
    url: str,
    event_types: list[str],
    description: str = "",
    now: datetime | None = None,
) -> tuple[Subscription, str]:
    """Subscribe `client` to `event_types` at `url`. Returns the subscription and its secret,
    shown this once (only its encryption is kept)."""
    now = moment(now)
    _refuse_client(client)
    url = (url or "").strip()
    refusal = refuse_url(url)
    if refusal:
        raise ValidationError({"url": refusal})
    chosen = clean_event_types(event_types)
    description = " ".join((description or "").split())
    secret = sealing.new_secret()
    with transaction.atomic():
        # The client's row is the lock: two subscriptions at once cannot pass the count.
        ApiClient.objects.select_for_update().filter(pk=client.pk).first()
        active = Subscription.objects.filter(client=client, is_active=True)
        if active.count() >= settings.WEBHOOK_SUBSCRIPTIONS_PER_CLIENT:
            raise ValidationError(
                {
                    "url": _("Mỗi ứng dụng có nhiều nhất %(limit)d đăng ký webhook đang hoạt động.")
                    % {"limit": settings.WEBHOOK_SUBSCRIPTIONS_PER_CLIENT}
                }
            )
        subscription = Subscription.objects.create(
            client=client,
            url=url,
            event_types=chosen,
            description=description,
            secret_sealed=sealing.seal(secret),
            created_at=now,
        )
        facts = {"url": url, "event_types": chosen, "description": description}
        record_change(
            actor=client.user,
            action="webhook_subscribed",
            subject_type=SUBJECT,
            subject_key=_key(subscription),
            data=facts,
            event_type="webhooks.subscribed",
            payload={"subscription": subscription.pk},
            now=now,
        )
    return subscription, secret


def delete_subscription(subscription: Subscription, *, client, now: datetime | None = None):
    """`client` ends its own subscription: nothing more is sent to it, deliveries still due are
    dropped when their turn comes, and its history stays for administrators."""
    now = moment(now)
    _refuse_client(client)
    with transaction.atomic():
        locked = (
            Subscription.objects.select_for_update()
            .select_related("client")
            .filter(pk=subscription.pk, client=client)
            .first()
        )
        if locked is None or not locked.is_active:
            return
        locked.is_active, locked.deleted_at = False, now
        locked.save(update_fields=["is_active", "deleted_at"])
        record_change(
            actor=client.user,
            action="webhook_unsubscribed",
            subject_type=SUBJECT,
            subject_key=_key(locked),
            data={"url": locked.url, "event_types": locked.event_types},
            event_type="webhooks.unsubscribed",
            payload={"subscription": locked.pk},
            now=now,
        )


def replay_delivery(delivery: Delivery, *, actor, now: datetime | None = None) -> None:
    """Send a delivery again, whatever its state (delivered, failing or given up), with a fresh
    count of attempts. The receiver gets the same event id, as for any retry."""
    now = moment(now)
    suffix = delivery.consumer.removeprefix(CONSUMER_PREFIX)
    if not delivery.consumer.startswith(CONSUMER_PREFIX) or not suffix.isdigit():
        raise ValidationError(_("Đây không phải một lượt gửi webhook."))
    subscription = Subscription.objects.select_related("client__agency").get(pk=int(suffix))
    refusal = refuse_client_change(actor, subscription.client)
    if refusal:
        raise PermissionDenied(refusal)
    if not subscription.is_active:
        raise ValidationError(_("Đăng ký webhook này đã bị hủy; không gửi lại được."))
    with transaction.atomic():
        deliveries.requeue(delivery, now=now)
        record_change(
            actor=actor,
            action="webhook_replayed",
            subject_type=SUBJECT,
            subject_key=_key(subscription),
            data={
                "delivery": delivery.pk,
                "event": event_id(delivery.event),
                "event_type": delivery.event.type,
                "status_before": delivery.status,
                "attempts_before": delivery.attempts,
            },
            event_type="webhooks.replayed",
            payload={"subscription": subscription.pk, "delivery": delivery.pk},
            now=now,
        )
