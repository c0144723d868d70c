"""The notifications consumer (docs/notifications.md): for each outbox event it asks the
domain which messages the event calls for (notifications.services.plan_for_event writes each
once, under a unique key), then sends those still pending and marks each sent.

Exactly once: the message row exists before the send and is marked after. A retry (the
delivery failed, or the worker died between the send and the mark) finds the row: a sent one
is skipped; a pending SMS is posted again with the same idempotency key, which the provider
answers without sending twice. SMTP has no such key: a crash between the server's "accepted"
and the mark resends the e-mail (at least once, never lost), with the same Message-ID.
Any failure fails the delivery, which the outbox retries with backoff.
"""

from __future__ import annotations

import logging

from django.conf import settings

from motcua.events.consumers import register, unregister
from motcua.integrations.notifications.client import SmsClient, send_email
from motcua.notifications import selectors, services
from motcua.notifications.choices import Channel

log = logging.getLogger(__name__)

NAME = "notifications"


def send(message, *, sms: SmsClient | None = None) -> None:
    text = services.text_to_send(message)
    if message.channel == Channel.SMS:
        receipt = (sms or SmsClient()).send(to=message.address, text=text, key=message.key)
        ref = receipt.id
    else:
        ref = send_email(to=message.address, subject=message.subject, text=text, key=message.key)
    services.mark_sent(message, provider_ref=ref)


def handle(event) -> None:
    services.plan_for_event(event)
    failures = []
    for message in selectors.pending(event.pk):
        try:
            send(message)
        except Exception as exc:  # noqa: BLE001 - recorded on the message, retried
            services.mark_failed(message, f"{type(exc).__name__}: {exc}")
            failures.append(f"{message.channel} {message.pk}: {exc}")
    if failures:
        raise RuntimeError("; ".join(failures))


def register_all() -> None:
    register(NAME, services.EVENT_TYPES, handle)


def unregister_all() -> None:
    unregister(NAME)


# Listed in OUTBOX_CONSUMER_MODULES when NOTIFICATIONS_ENABLED (settings.py); importing the
# module for its functions while notifications are off registers nothing.
if settings.NOTIFICATIONS_ENABLED:
    register_all()
