"""The signature of a webhook delivery.

    Motcua-Signature: t=1767225600,v1=5257a869e7...

`v1` is the hex HMAC-SHA256, under the subscription's secret (its text, UTF-8), of the
timestamp, a full stop and the body's bytes: `b"1767225600." + body`. A receiver recomputes it,
compares in constant time, and refuses a timestamp older than its tolerance (five minutes in
the example receiver, docs/examples/webhook_receiver.py), so that a captured request cannot be
replayed later.
"""

from __future__ import annotations

import hashlib
import hmac

SIGNATURE_HEADER = "Motcua-Signature"
EVENT_ID_HEADER = "Motcua-Event-Id"
EVENT_TYPE_HEADER = "Motcua-Event-Type"
ATTEMPT_HEADER = "Motcua-Delivery-Attempt"


def signature(secret: str, timestamp: int, body: bytes) -> str:
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def header_value(secret: str, timestamp: int, body: bytes) -> str:
    return f"t={timestamp},v1={signature(secret, timestamp, body)}"
