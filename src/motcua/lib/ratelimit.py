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


def _redis() -> redis.Redis | None:
    url = settings.REDIS_URL
    return _client_for(url) if url else None


def hit(scope: str, key: str, *, limit: int, window: int) -> bool:
    name = _cache_key(scope, key, window)
    client = _redis()
    if client is not None:
        try:
            pipe = client.pipeline(transaction=False)
            pipe.incr(name)
            pipe.expire(name, window + 5)
            count, _ = pipe.execute()
        except redis.RedisError:
            logger.exception("rate limit %s: Redis unreachable, attempt allowed", scope)
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
    if client is not None:
        try:
            return int(client.get(name) or 0) >= limit
        except redis.RedisError:
            logger.exception("rate limit %s: Redis unreachable, not limited", scope)
            return False
    return cache.get(name, 0) >= limit


def reset(scope: str, key: str, *, window: int) -> None:
    """Forget the attempts counted in this window (a success after a few failures)."""
    name = _cache_key(scope, key, window)
    client = _redis()
    if client is not None:
        try:
            client.delete(name)
        except redis.RedisError:
            logger.exception("rate limit %s: Redis unreachable, count not reset", scope)
        return
    cache.delete(name)


def seconds_left(window: int) -> int:
    """Seconds until the current window ends and its counts lapse."""
    return window - int(time.time()) % window


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or the first X-Forwarded-For hop behind our proxy."""
    if settings.SECURE_PROXY_SSL_HEADER and request.META.get("HTTP_X_FORWARDED_FOR"):
        return request.META["HTTP_X_FORWARDED_FOR"].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")
