"""The outbox consumers of webhooks (listed in OUTBOX_CONSUMER_MODULES).

- `webhooks` (the fan-out) takes every subscribable dossier event, but only while some active
  subscription wants its type (asked as the event is written, so an installation without
  subscribers writes no extra row). For each subscription that wants the type and whose
  client's agency subtree is involved in the dossier, it writes a Delivery named
  `webhook:<id>`. Run twice, it writes nothing new.
- `webhook:<id>` (one per subscription) posts the event, signed, to the subscription's URL.
  `run_deliveries` claims it like any other delivery: a failure (an answer outside 2xx, a
  time-out, a refused connection) is retried with the outbox's exponential backoff and given
  up after its attempts (events/services.py); each try is logged as an `Attempt` with the
  receiver's answer. Delivery is at least once: a receiver deduplicates by `Motcua-Event-Id`.
"""

from __future__ import annotations

import json
import time

from django.utils import timezone

from motcua.events import consumers, deliveries
from motcua.events.models import Delivery
from motcua.integrations.webhooks import sealing, selectors, signing
from motcua.integrations.webhooks.client import Answer, DeliveryFailed, WebhookClient
from motcua.integrations.webhooks.events import EVENT_TYPES, event_id, payload_of
from motcua.integrations.webhooks.models import CONSUMER_PREFIX, Attempt, Subscription

FAN_OUT = "webhooks"


def fan_out(event) -> None:
    chosen = []
    seen_by_agency: dict[int, bool] = {}
    for subscription in selectors.wanting(event.type):
        agency_id = subscription.client.agency_id
        if agency_id not in seen_by_agency:
            seen_by_agency[agency_id] = selectors.sees(subscription.client, event.dossier_id)
        if seen_by_agency[agency_id]:
            chosen.append(subscription.consumer_name)
    if chosen:
        deliveries.add_deliveries(event, chosen, now=timezone.now())


def body_of(event) -> bytes:
    return json.dumps(payload_of(event), ensure_ascii=False, separators=(",", ":")).encode()


def _log(subscription, delivery, event, *, answer: Answer | None = None, error: str = ""):
    Attempt.objects.create(
        subscription=subscription,
        delivery=delivery,
        event_id=event_id(event),
        at=timezone.now(),
        status_code=answer.status_code if answer else None,
        answer=answer.text[:500] if answer else "",
        error=error[:500],
        duration_ms=answer.duration_ms if answer else 0,
        delivered=bool(answer and answer.ok),
    )


def deliver(event, key: str) -> None:
    subscription = (
        Subscription.objects.select_related("client__agency").filter(pk=int(key)).first()
        if key.isdigit()
        else None
    )
    if subscription is None:
        return  # nothing to deliver to: the delivery is closed
    delivery = Delivery.objects.filter(event=event, consumer=subscription.consumer_name).first()
    if not subscription.is_active or not subscription.client.is_active:
        _log(subscription, delivery, event, error="Đăng ký đã bị hủy; không gửi.")
        return
    if not selectors.sees(subscription.client, event.dossier_id):
        # The client's agency is no longer involved (its agency or the dossier's changed).
        _log(subscription, delivery, event, error="Ứng dụng không còn được xem hồ sơ; không gửi.")
        return
    body = body_of(event)
    timestamp = int(time.time())
    secret = sealing.unseal(subscription.secret_sealed)
    headers = {
        signing.SIGNATURE_HEADER: signing.header_value(secret, timestamp, body),
        signing.EVENT_ID_HEADER: event_id(event),
        signing.EVENT_TYPE_HEADER: event.type,
        signing.ATTEMPT_HEADER: str((delivery.attempts if delivery else 0) + 1),
    }
    try:
        answer = WebhookClient().post(subscription.url, body, headers)
    except DeliveryFailed as exc:
        _log(subscription, delivery, event, error=str(exc))
        raise
    _log(subscription, delivery, event, answer=answer)
    if not answer.ok:
        raise DeliveryFailed(f"HTTP {answer.status_code}: {answer.text[:200]}")


consumers.register(FAN_OUT, EVENT_TYPES, fan_out, when=selectors.anyone_wants)
consumers.register_family(CONSUMER_PREFIX, deliver)
