"""A sliding-window rate limit over Django's cache (Redis when `REDIS_URL` is set, so every
process shares the counts; local memory otherwise, right for the single-process demo).

The window is the "sliding window counter": requests are counted in fixed buckets of `window`
seconds, and the rate at a moment is the current bucket's count plus the previous bucket's
count weighted by how much of the previous bucket still lies inside the last `window` seconds.
A client that stops altogether is back to zero after two windows; unlike a plain fixed window,
a burst on each side of a boundary cannot reach twice the limit.

`take(scope, key, limit=, window=)` counts one request and answers whether it is allowed and,
when it is not, how many whole seconds to wait (`Retry-After`). A refused request is not
counted (its count is given back), so a client that keeps knocking is let in again as soon as
its earlier requests age out. On Redis a request costs one round trip (INCR, EXPIRE and the
previous bucket's GET, pipelined). The increment is atomic on the cache (Redis `INCR`), so two
processes never both take the last place; two refused at the same moment may both give back,
which only errs toward refusing. If the cache cannot be reached the request is allowed and
the failure logged: a broken counter must not lock every system out.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from dataclasses import dataclass

from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: int = 0  # whole seconds, at least 1 when refused


def _name(scope: str, key: str, bucket: int) -> str:
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"motcua:sw:{scope}:{digest}:{bucket}"


def _counts_on_redis(current_name: str, previous_name: str, timeout: int) -> tuple[int, int]:
    """On Django's Redis cache, one round trip: INCR the current bucket, set its expiry, read
    the previous one. The keys are the cache's own (its prefix and version), and counters are
    stored as plain integers, as the cache itself stores them."""
    backend = caches["default"]
    current_key = backend.make_and_validate_key(current_name)
    previous_key = backend.make_and_validate_key(previous_name)
    client = backend._cache.get_client(current_key, write=True)  # the backend's redis client
    pipe = client.pipeline(transaction=False)
    pipe.incr(current_key)
    pipe.expire(current_key, timeout)
    pipe.get(previous_key)
    current, _expiry, previous = pipe.execute()
    return int(current), int(previous or 0)


def _counts(current_name: str, previous_name: str, timeout: int) -> tuple[int, int]:
    if isinstance(caches["default"], RedisCache):
        return _counts_on_redis(current_name, previous_name, timeout)
    return _increment(current_name, timeout), cache.get(previous_name, 0) or 0


def _increment(name: str, timeout: int) -> int:
    if cache.add(name, 1, timeout=timeout):
        return 1
    try:
        return cache.incr(name)
    except ValueError:  # lapsed between add and incr
        cache.add(name, 0, timeout=timeout)
        return cache.incr(name)


def wait_seconds(*, limit: int, window: int, previous: int, current: int, elapsed: float) -> float:
    """Seconds from now until one more request fits, if no other comes meanwhile. `elapsed`:
    seconds into the current bucket; `current`: requests counted in it (the refused one not
    included); `previous`: those of the bucket before."""
    room = limit - 1 - current  # what the previous bucket's weight must fall to
    if previous > 0 and room >= 0:
        # previous * (1 - (elapsed + x) / window) <= room
        x = window * (1 - room / previous) - elapsed
        if x <= window - elapsed:
            return max(x, 0.0)
    # In the next bucket this one becomes the previous: current * (1 - y / window) <= limit - 1
    y = window * (1 - (limit - 1) / current) if current > 0 else 0.0
    return window - elapsed + max(y, 0.0)


def take(scope: str, key: str, *, limit: int, window: int, now: float | None = None) -> Decision:
    """Count one request of `key` against `limit` per `window` seconds."""
    moment = time.time() if now is None else now
    bucket, elapsed = divmod(moment, window)
    bucket = int(bucket)
    current_name = _name(scope, key, bucket)
    try:
        current, previous = _counts(
            current_name, _name(scope, key, bucket - 1), timeout=2 * window + 5
        )
        weight = 1 - elapsed / window
        if previous * weight + current <= limit + 1e-9:  # rounding of the weight
            return Decision(True)
        cache.decr(current_name)
    except Exception:  # noqa: BLE001 - the cache's errors (Redis down) must not refuse everyone
        logger.exception("rate limit %s: the cache failed, request allowed", scope)
        return Decision(True)
    wait = wait_seconds(
        limit=limit, window=window, previous=previous, current=current - 1, elapsed=elapsed
    )
    return Decision(False, retry_after=max(1, math.ceil(wait)))
