"""Checking the operator's signed tracking webhooks (docs/postal.md, "Webhooks").

The operator signs `<timestamp>.<raw body>` with HMAC-SHA256 under the shared secret
(settings.POSTAL_WEBHOOK_SECRET) and sends `X-Postal-Timestamp` (Unix seconds) and
`X-Postal-Signature: sha256=<hex>`. We refuse a wrong signature, and a timestamp older or
newer than the replay window (settings.POSTAL_WEBHOOK_MAX_AGE_SECONDS): a captured request
replayed later is refused; a replay inside the window carries the same event id and changes
nothing (delivery.services.apply_tracking).
"""

from __future__ import annotations

import hashlib
import hmac
import time

from django.conf import settings

TIMESTAMP_HEADER = "X-Postal-Timestamp"
SIGNATURE_HEADER = "X-Postal-Signature"


class WebhookRefused(Exception):
    pass


def sign(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"sha256={digest.hexdigest()}"


def verify(
    body: bytes, timestamp: str | None, signature: str | None, *, now: float | None = None
) -> None:
    """Raise WebhookRefused unless the request is signed with our secret within the window."""
    secret = settings.POSTAL_WEBHOOK_SECRET
    if not secret:
        raise WebhookRefused("no webhook secret configured")
    if not timestamp or not signature:
        raise WebhookRefused("missing signature headers")
    try:
        sent = int(timestamp)
    except ValueError:
        raise WebhookRefused("bad timestamp") from None
    now = time.time() if now is None else now
    if abs(now - sent) > settings.POSTAL_WEBHOOK_MAX_AGE_SECONDS:
        raise WebhookRefused("timestamp outside the replay window")
    if not hmac.compare_digest(sign(secret, timestamp, body), signature):
        raise WebhookRefused("bad signature")
