"""A fixed-window rate limit on Django's cache (Redis in production, local memory in the demo).

`hit(scope, key, limit, window)` counts one attempt and says whether it is still allowed. The
window is a wall-clock bucket, so a burst at a boundary can reach twice the limit; for
guarding lookups and guest submissions that is enough, and it costs one cache round trip.
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache


def hit(scope: str, key: str, *, limit: int, window: int) -> bool:
    bucket = int(time.time() // window)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    cache_key = f"rl:{scope}:{digest}:{bucket}"
    if cache.add(cache_key, 1, timeout=window + 5):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=window + 5)
        return True
    return count <= limit


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or the first X-Forwarded-For hop behind our proxy."""
    from django.conf import settings

    if settings.SECURE_PROXY_SSL_HEADER and request.META.get("HTTP_X_FORWARDED_FOR"):
        return request.META["HTTP_X_FORWARDED_FOR"].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")
