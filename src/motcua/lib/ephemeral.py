"""Short-lived secrets a person must see once (a lookup secret just issued), kept in the cache
(Redis in production, which keeps them in memory) behind a random handle that the person's
session holds. The session table in the database never holds the secret itself, and the secret
lapses on its own after `seconds` even if the session lives on."""

from __future__ import annotations

import secrets

from django.core.cache import cache

PREFIX = "motcua:ephemeral:"


def stash(value: str, *, seconds: int) -> str:
    """Keep `value` for `seconds`; returns the handle to find it again."""
    handle = secrets.token_urlsafe(24)
    cache.set(PREFIX + handle, value, timeout=seconds)
    return handle


def peek(handle: str | None) -> str | None:
    return cache.get(PREFIX + handle) if handle else None


def take(handle: str | None) -> str | None:
    """The value, forgotten as it is read."""
    value = peek(handle)
    if value is not None:
        cache.delete(PREFIX + handle)
    return value


def drop(handle: str | None) -> None:
    if handle:
        cache.delete(PREFIX + handle)
