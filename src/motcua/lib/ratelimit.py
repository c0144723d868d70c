"""A fixed-window rate limit on Django's cache (Redis in production, local memory in the demo).

`hit(scope, key, limit, window)` counts one attempt and says whether it is still allowed;
`reached` asks the same without counting (for limits on failures, which are counted only
once they happen) and `reset` forgets a key's count. The window is a wall-clock bucket, so a
burst at a boundary can reach twice the limit; for guarding lookups, guest submissions and
sign-in failures that is enough, and it costs one cache round trip.
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache


def _cache_key(scope: str, key: str, window: int) -> str:
    bucket = int(time.time() // window)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"rl:{scope}:{digest}:{bucket}"


def hit(scope: str, key: str, *, limit: int, window: int) -> bool:
    cache_key = _cache_key(scope, key, window)
    if cache.add(cache_key, 1, timeout=window + 5):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=window + 5)
        return True
    return count <= limit


def reached(scope: str, key: str, *, limit: int, window: int) -> bool:
    """Whether `limit` attempts were already counted in this window, without counting one."""
    return cache.get(_cache_key(scope, key, window), 0) >= limit


def reset(scope: str, key: str, *, window: int) -> None:
    """Forget the attempts counted in this window (a success after a few failures)."""
    cache.delete(_cache_key(scope, key, window))


def seconds_left(window: int) -> int:
    """Seconds until the current window ends and its counts lapse."""
    return window - int(time.time()) % window


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or the first X-Forwarded-For hop behind our proxy."""
    from django.conf import settings

    if settings.SECURE_PROXY_SSL_HEADER and request.META.get("HTTP_X_FORWARDED_FOR"):
        return request.META["HTTP_X_FORWARDED_FOR"].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")
