"""A fixed-window rate limit, on Redis when `REDIS_URL` is set (shared by every worker), else
on Django's cache (local memory: right for the single-process demo).

`hit(scope, key, limit, window)` counts one attempt and says whether it is still allowed;
`reached` asks the same without counting (for limits on failures, which are counted only
once they happen) and `reset` forgets a key's count. The window is a wall-clock bucket, so a
burst at a boundary can reach twice the limit; for guarding lookups, guest submissions and
guest submissions that is enough. On Redis a hit is one round trip (`INCR` and `EXPIRE`
pipelined). If Redis cannot be reached the attempt is allowed and the failure logged: a
broken counter must not lock every citizen and official out.

Failed sign-ins are kept differently, as a *failure record* per key: how many failures in a
row and when the last one happened (`failures`, `add_failure`, `forget`), so the caller can
make each further attempt wait longer (accounts/signin_limits.py). A record lapses `keep`
seconds after its last failure.
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


def _now() -> float:
    """The wall clock the windows are cut from (a test pins it, away from a boundary)."""
    return time.time()


def _cache_key(scope: str, key: str, window: int) -> str:
    bucket = int(_now() // window)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"motcua:rl:{scope}:{digest}:{bucket}"


@functools.lru_cache(maxsize=4)
def _client_for(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, socket_timeout=1.0, socket_connect_timeout=1.0)


# After Redis fails, it is left alone for a while: every attempt meanwhile is allowed at once
# rather than waiting for a timeout on each of a request's calls.
PAUSE_AFTER_FAILURE_S = 30.0
_failed_at = {"moment": float("-inf")}


def _redis() -> redis.Redis | None:
    """Redis's client, or None without REDIS_URL."""
    url = settings.REDIS_URL
    return _client_for(url) if url else None


def forget_failures() -> None:
    """Try Redis again at once (tests)."""
    _failed_at["moment"] = float("-inf")


def _on_redis(client: redis.Redis, scope: str, operation, *, fallback, what: str):
    """`operation(client)`, or `fallback` while Redis is left alone or when it fails."""
    if time.monotonic() - _failed_at["moment"] < PAUSE_AFTER_FAILURE_S:
        return fallback
    try:
        return operation(client)
    except redis.RedisError:
        _failed_at["moment"] = time.monotonic()
        logger.exception("rate limit %s: Redis unreachable, %s", scope, what)
        return fallback


def _count_on_redis(client: redis.Redis, name: str, window: int) -> int:
    pipe = client.pipeline(transaction=False)
    pipe.incr(name)
    pipe.expire(name, window + 5)
    count, _ = pipe.execute()
    return count


def hit(scope: str, key: str, *, limit: int, window: int) -> bool:
    name = _cache_key(scope, key, window)
    if client := _redis():
        count = _on_redis(
            client,
            scope,
            lambda c: _count_on_redis(c, name, window),
            fallback=0,
            what="attempt allowed",
        )
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
    if client := _redis():
        count = _on_redis(
            client, scope, lambda c: int(c.get(name) or 0), fallback=0, what="not limited"
        )
    else:
        count = cache.get(name, 0)
    return count >= limit


def reset(scope: str, key: str, *, window: int) -> None:
    """Forget the attempts counted in this window (a success after a few failures)."""
    name = _cache_key(scope, key, window)
    if client := _redis():
        _on_redis(client, scope, lambda c: c.delete(name), fallback=None, what="count not reset")
    else:
        cache.delete(name)


def seconds_left(window: int) -> int:
    """Seconds until the current window ends and its counts lapse."""
    return window - int(_now()) % window


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


# --- failure records: a count of failures in a row and the moment of the last one ---------


def _record_key(scope: str, key: str) -> str:
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"motcua:fail:{scope}:{digest}"


def _read_record(raw) -> tuple[int, float]:
    if not raw:
        return 0, 0.0
    count = raw.get(b"n", raw.get("n", 0))
    at = raw.get(b"at", raw.get("at", 0))
    return int(count or 0), float(at or 0)


def failures(scope: str, key: str) -> tuple[int, float]:
    """(failures in a row, epoch seconds of the last one) for `key`; (0, 0.0) when none."""
    name = _record_key(scope, key)
    if client := _redis():
        return _on_redis(
            client,
            scope,
            lambda c: _read_record(c.hgetall(name)),
            fallback=(0, 0.0),
            what="no failures counted",
        )
    return _read_record(cache.get(name))


def _add_on_redis(client: redis.Redis, name: str, at: float, keep: int) -> int:
    pipe = client.pipeline(transaction=True)
    pipe.hincrby(name, "n", 1)
    pipe.hset(name, "at", repr(at))
    pipe.expire(name, keep)
    count, _, _ = pipe.execute()
    return count


def add_failure(scope: str, key: str, *, at: float, keep: int) -> int:
    """Count one more failure for `key`, which happened at `at` (epoch seconds); the record
    lapses `keep` seconds later unless another failure comes. Returns the new count."""
    name = _record_key(scope, key)
    if client := _redis():
        return _on_redis(
            client,
            scope,
            lambda c: _add_on_redis(c, name, at, keep),
            fallback=0,
            what="failure not counted",
        )
    # Local memory serves one process (the demo): a read and a write are enough there.
    count, _ = _read_record(cache.get(name))
    cache.set(name, {"n": count + 1, "at": at}, timeout=keep)
    return count + 1


def forget(scope: str, key: str) -> None:
    """Drop `key`'s failure record (a success)."""
    name = _record_key(scope, key)
    if client := _redis():
        _on_redis(client, scope, lambda c: c.delete(name), fallback=None, what="record kept")
    else:
        cache.delete(name)
