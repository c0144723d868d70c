"""Subscriptions' secrets, encrypted at rest with Fernet (AES-128-CBC and HMAC-SHA256).

The key comes from WEBHOOK_SECRET_KEY, or, when it is empty, is derived from SECRET_KEY (then
rotating SECRET_KEY makes the stored secrets unreadable: set WEBHOOK_SECRET_KEY in production).
Keys in WEBHOOK_SECRET_KEY_FALLBACKS still open secrets sealed before a rotation; new secrets are
sealed under the current key. Any text makes a key: it is hashed to the 32 bytes Fernet needs.
"""

from __future__ import annotations

import base64
import hashlib
import secrets

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings

SECRET_PREFIX = "whsec_"  # noqa: S105 - the prefix that marks a secret, not a secret


def _fernet_key(text: str) -> bytes:
    return base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest())


def _keys() -> list[str]:
    current = settings.WEBHOOK_SECRET_KEY or f"motcua-webhooks:{settings.SECRET_KEY}"
    return [current, *settings.WEBHOOK_SECRET_KEY_FALLBACKS]


def _box() -> MultiFernet:
    return MultiFernet([Fernet(_fernet_key(key)) for key in _keys()])


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def seal(secret: str) -> str:
    return _box().encrypt(secret.encode()).decode()


def unseal(sealed: str) -> str:
    """The secret; cryptography.fernet.InvalidToken when no key opens it."""
    return _box().decrypt(sealed.encode()).decode()
