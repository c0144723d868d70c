"""A fixed-window rate limit, on Redis when `REDIS_URL` is set (shared by every worker), else
on Django's cache (local memory: right for the single-process demo).

`hit(scope, key, limit, window)` counts one attempt and says whether it is still allowed;
`reached` asks the same without counting (for limits on failures, which are counted only
once they happen) and `reset` forgets a key's count. The window is a wall-clock bucket, so a
burst at a boundary can reach twice the limit; for guarding lookups, guest submissions and
sign-in failures that is enough. On Redis a hit is one round trip (`INCR` and `EXPIRE`
pipelined). If Redis cannot be reached the attempt is allowed and the failure logged: a
broken counter must not lock every citizen and official out.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import time

import redis
from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def _cache_key(scope: str, key: str, window: int) -> str:
    bucket = int(time.time() // window)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"motcua:rl:{scope}:{digest}:{bucket}"


@functools.lru_cache(maxsize=4)
def _client_for(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, socket_timeout=1.0, socket_connect_timeout=1.0)


# After Redis fails, it is left alone for a while: every attempt meanwhile is allowed at once
# rather than waiting for a timeout on each of a request's calls.
PAUSE_AFTER_FAILURE_S = 30.0
_failed_at = {"moment": float("-inf")}


def _redis():
    """Redis's client, None without REDIS_URL, or _UNAVAILABLE while it is left alone."""
    url = settings.REDIS_URL
    if not url:
        return None
    if time.monotonic() - _failed_at["moment"] < PAUSE_AFTER_FAILURE_S:
        return _UNAVAILABLE
    return _client_for(url)


def forget_failures() -> None:
    """Try Redis again at once (tests)."""
    _failed_at["moment"] = float("-inf")


def _failed(scope: str, what: str) -> None:
    _failed_at["moment"] = time.monotonic()
    logger.exception("rate limit %s: Redis unreachable, %s", scope, what)


class _Unavailable:
    """Stands for Redis while it is left alone after a failure."""


_UNAVAILABLE = _Unavailable()


def hit(scope: str, key: str, *, limit: int, window: int) -> bool:
    name = _cache_key(scope, key, window)
    client = _redis()
    if client is _UNAVAILABLE:
        return True
    if client is not None:
        try:
            pipe = client.pipeline(transaction=False)
            pipe.incr(name)
            pipe.expire(name, window + 5)
            count, _ = pipe.execute()
        except redis.RedisError:
            _failed(scope, "attempt allowed")
            return True
        return count <= limit
    if cache.add(name, 1, timeout=window + 5):
        return True
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.add(name, 1, timeout=window + 5)
        return True
    return count <= limit


def reached(scope: str, key: str, *, limit: int, window: int) -> bool:
    """Whether `limit` attempts were already counted in this window, without counting one."""
    name = _cache_key(scope, key, window)
    client = _redis()
    if client is _UNAVAILABLE:
        return False
    if client is not None:
        try:
            return int(client.get(name) or 0) >= limit
        except redis.RedisError:
            _failed(scope, "not limited")
            return False
    return cache.get(name, 0) >= limit


def reset(scope: str, key: str, *, window: int) -> None:
    """Forget the attempts counted in this window (a success after a few failures)."""
    name = _cache_key(scope, key, window)
    client = _redis()
    if client is _UNAVAILABLE:
        return
    if client is not None:
        try:
            client.delete(name)
        except redis.RedisError:
            _failed(scope, "count not reset")
        return
    cache.delete(name)


def seconds_left(window: int) -> int:
    """Seconds until the current window ends and its counts lapse."""
    return window - int(time.time()) % window


def client_ip(request) -> str:
    """The client's address. Behind our reverse proxies (`TRUSTED_PROXY_COUNT` of them, each
    appending the address it received the request from to `X-Forwarded-For`) it is the hop the
    outermost of them appended: counted from the right, since anything to its left was written
    by the client and is not to be trusted. Otherwise REMOTE_ADDR."""
    trusted = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if trusted and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= trusted:
            return hops[-trusted]
    return request.META.get("REMOTE_ADDR", "")
