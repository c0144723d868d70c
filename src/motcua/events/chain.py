"""The audit chain: canonical JSON and HMAC. Pure functions, no database.

Each event's HMAC covers its own content and the previous event's HMAC, so editing an event,
deleting one or swapping two breaks every link from that point on. The key comes from the
environment (AUDIT_HMAC_KEY); rotating it needs a re-seal, which we do not do silently.

Two more seals use the same key, each with its own prefix so that no seal can stand for
another kind: the dossier's head (its last event's number and HMAC), which cannot be set back
to an earlier event without the key, and each checkpoint of all heads (events/checkpoints.py).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime


def canonical_json(value) -> str:
    """One text per value: sorted keys, no spaces, UTF-8 kept as is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def moment_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def event_content(
    *,
    dossier_id: int,
    seq: int,
    at: datetime,
    actor_id: int | None,
    actor_name: str,
    action: str,
    from_status: str,
    to_status: str,
    data: dict,
) -> dict:
    return {
        "dossier": dossier_id,
        "seq": seq,
        "at": moment_text(at),
        "actor": actor_id,
        "actor_name": actor_name,
        "action": action,
        "from": from_status,
        "to": to_status,
        "data": data,
    }


def seal(key: bytes, content: dict, prev_hmac: str) -> str:
    message = f"{prev_hmac}\n{canonical_json(content)}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def check_seal(key: bytes, content: dict, prev_hmac: str, expected: str) -> bool:
    return hmac.compare_digest(seal(key, content, prev_hmac), expected)


def head_seal(key: bytes, dossier_id: int, seq: int, last_hmac: str) -> str:
    """The seal of a dossier's head: which event is its last one. Without the key, deleting the
    last events and setting the head's number and HMAC back to an earlier event's is detected."""
    message = f"head\n{dossier_id}\n{seq}\n{last_hmac}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def check_head_seal(key: bytes, dossier_id: int, seq: int, last_hmac: str, expected: str) -> bool:
    return hmac.compare_digest(head_seal(key, dossier_id, seq, last_hmac), expected)


def checkpoint_signature(key: bytes, body: dict) -> str:
    """The signature of one checkpoint (its heads, its number and the previous signature)."""
    message = f"checkpoint\n{canonical_json(body)}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def check_checkpoint(key: bytes, body: dict, expected: str) -> bool:
    return hmac.compare_digest(checkpoint_signature(key, body), str(expected))
