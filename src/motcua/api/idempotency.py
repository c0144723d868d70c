"""The Idempotency-Key store of `POST /dossiers`: a retry with the same key and the same request
gets the first answer, for 24 hours.

The answer to a submission holds the dossier's lookup secret, which the service keeps only as
a hash. The store must give it back on a retry without becoming a table of secrets, so:

- the key is stored as HMAC(server key, client, key): the row does not show the client's key;
- the request's fingerprint is an HMAC under a key derived from the server key and the
  client's key, so a body with personal data cannot be confirmed by guessing it;
- the lookup secret is sealed with AES-256-GCM under that same derived key. Opening it needs
  both the server key and the Idempotency-Key, which only the client holds: a copy of the table
  (a backup, a read-only database role) reveals no secret.

A record older than `TTL` is ignored, replaced when its key is used again, and deleted by
`manage.py sweep_idempotency_keys`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from dataclasses import dataclass, field
from datetime import timedelta

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.utils import timezone

from motcua.api.models import IdempotencyRecord
from motcua.lib.queries import unique_or_none

TTL = timedelta(hours=24)
MAX_KEY_LENGTH = 200
_NONCE_BYTES = 12


@dataclass(frozen=True)
class IdempotencyKey:
    """A client's Idempotency-Key with the two keys derived from it; the key itself is never
    stored."""

    client: str
    digest: str
    _sealing_key: bytes = field(repr=False)

    @classmethod
    def of(cls, client: str, key: str) -> IdempotencyKey:
        material = f"{client}\x00{key}".encode()
        return cls(
            client=client,
            digest=_derive(b"motcua.api.idempotency.lookup", material).hex(),
            _sealing_key=_derive(b"motcua.api.idempotency.seal", material),
        )

    def fingerprint(self, request_parts: dict) -> str:
        canonical = json.dumps(request_parts, sort_keys=True, ensure_ascii=False)
        return hmac.new(self._sealing_key, canonical.encode(), hashlib.sha256).hexdigest()

    def seal(self, secret: str | None) -> str:
        if not secret:
            return ""
        nonce = os.urandom(_NONCE_BYTES)
        sealed = AESGCM(self._sealing_key).encrypt(nonce, secret.encode(), self.digest.encode())
        return base64.b64encode(nonce + sealed).decode("ascii")

    def open(self, sealed: str) -> str | None:
        if not sealed:
            return None
        raw = base64.b64decode(sealed)
        try:
            opened = AESGCM(self._sealing_key).decrypt(
                raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], self.digest.encode()
            )
        except InvalidTag:
            return None
        return opened.decode()


def _derive(purpose: bytes, material: bytes) -> bytes:
    server_key = hmac.new(settings.SECRET_KEY.encode(), purpose, hashlib.sha256).digest()
    return hmac.new(server_key, material, hashlib.sha256).digest()


def find(key: IdempotencyKey, *, now=None) -> IdempotencyRecord | None:
    """The record of this key still in force, if any."""
    now = now or timezone.now()
    return unique_or_none(
        IdempotencyRecord.objects.filter(
            client=key.client, key_digest=key.digest, created_at__gt=now - TTL
        )
    )


def remember(
    key: IdempotencyKey,
    *,
    fingerprint: str,
    status_code: int,
    response: dict,
    sealed_field: str,
    dossier=None,
    now=None,
) -> IdempotencyRecord:
    """Store the answer, its secret field sealed, inside the caller's transaction. An expired
    record of the same key gives way."""
    now = now or timezone.now()
    IdempotencyRecord.objects.filter(
        client=key.client, key_digest=key.digest, created_at__lte=now - TTL
    ).delete()
    stored = dict(response)
    secret = stored.pop(sealed_field, None)
    return IdempotencyRecord.objects.create(
        client=key.client,
        key_digest=key.digest,
        fingerprint=fingerprint,
        status_code=status_code,
        response=stored,
        sealed_secret=key.seal(secret),
        dossier=dossier,
        created_at=now,
    )


def replayed_response(key: IdempotencyKey, record: IdempotencyRecord, *, sealed_field: str):
    """The first answer, its secret opened again with the client's key."""
    return {**record.response, sealed_field: key.open(record.sealed_secret)}


def sweep(*, now=None) -> int:
    """Delete the records past their 24 hours; the number deleted."""
    now = now or timezone.now()
    deleted, _by_model = IdempotencyRecord.objects.filter(created_at__lte=now - TTL).delete()
    return deleted
