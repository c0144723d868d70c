"""The rate limiter counts per key and window, on Django's cache (the demo) and on Redis (every
worker of a production server shares the counts); a Redis outage lets attempts through."""

from __future__ import annotations

import logging
import os
import uuid

import pytest
import redis
from django.core.cache import cache

from motcua.lib import ratelimit

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_or_skip() -> None:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as exc:
        reason = f"no Redis at {REDIS_URL}: {exc}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(params=["memory", "redis"])
def backend(request, settings):
    if request.param == "redis":
        _redis_or_skip()
        settings.REDIS_URL = REDIS_URL
    else:
        settings.REDIS_URL = ""
        cache.clear()
    return request.param


def test_the_limit_allows_that_many_attempts_per_key_then_refuses(backend):
    scope = f"test-{uuid.uuid4().hex}"
    allowed = [ratelimit.hit(scope, "203.0.113.7", limit=3, window=3600) for _ in range(5)]
    assert allowed == [True, True, True, False, False]
    assert ratelimit.hit(scope, "203.0.113.8", limit=3, window=3600)  # another key counts apart


def test_reached_does_not_count_and_reset_forgets(backend):
    scope = f"test-{uuid.uuid4().hex}"
    ratelimit.hit(scope, "tiepnhan", limit=2, window=3600)
    assert not ratelimit.reached(scope, "tiepnhan", limit=2, window=3600)
    assert not ratelimit.reached(scope, "tiepnhan", limit=2, window=3600)
    ratelimit.hit(scope, "tiepnhan", limit=2, window=3600)
    assert ratelimit.reached(scope, "tiepnhan", limit=2, window=3600)
    ratelimit.reset(scope, "tiepnhan", window=3600)
    assert not ratelimit.reached(scope, "tiepnhan", limit=2, window=3600)


def test_on_redis_the_count_expires_with_its_window():
    _redis_or_skip()
    from django.test import override_settings

    scope = f"test-{uuid.uuid4().hex}"
    with override_settings(REDIS_URL=REDIS_URL):
        ratelimit.hit(scope, "k", limit=5, window=3600)
        client = redis.Redis.from_url(REDIS_URL)
        (name,) = client.keys(f"motcua:rl:{scope}:*")
        assert 3500 < client.ttl(name) <= 3605


def test_an_unreachable_redis_lets_the_attempt_through_logs_and_is_left_alone(settings, caplog):
    settings.REDIS_URL = "redis://127.0.0.1:9/0"  # nothing listens on the discard port
    with caplog.at_level(logging.ERROR, logger="motcua.lib.ratelimit"):
        assert ratelimit.hit("lookup", "203.0.113.7", limit=1, window=3600)
    assert "Redis unreachable" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.ERROR, logger="motcua.lib.ratelimit"):
        # Left alone for a while: no second wait for a timeout, nothing more logged.
        assert ratelimit.hit("lookup", "203.0.113.7", limit=1, window=3600)
        assert not ratelimit.reached("lookup", "203.0.113.7", limit=1, window=3600)
    assert caplog.text == ""


@pytest.mark.parametrize(
    ("trusted", "forwarded", "remote", "expected"),
    [
        (0, "198.51.100.9", "10.0.0.5", "10.0.0.5"),  # no proxy: the header is the client's
        (1, "198.51.100.9", "10.0.0.5", "198.51.100.9"),
        (1, "1.2.3.4, 198.51.100.9", "10.0.0.5", "198.51.100.9"),  # a forged first hop
        (2, "1.2.3.4, 198.51.100.9, 10.0.0.7", "10.0.0.5", "198.51.100.9"),
        (2, "198.51.100.9", "10.0.0.5", "10.0.0.5"),  # fewer hops than proxies
        (1, "", "10.0.0.5", "10.0.0.5"),
    ],
)
def test_the_clients_address_is_the_hop_our_outermost_proxy_appended(
    settings, rf, trusted, forwarded, remote, expected
):
    settings.TRUSTED_PROXY_COUNT = trusted
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)
    assert ratelimit.client_ip(request) == expected


def test_a_failure_record_counts_in_a_row_keeps_the_last_moment_and_is_forgotten(backend):
    scope = f"test-{uuid.uuid4().hex}"
    assert ratelimit.failures(scope, "tiepnhan\n203.0.113.7") == (0, 0.0)
    assert ratelimit.add_failure(scope, "tiepnhan\n203.0.113.7", at=1000.5, keep=60) == 1
    assert ratelimit.add_failure(scope, "tiepnhan\n203.0.113.7", at=1010.25, keep=60) == 2
    assert ratelimit.failures(scope, "tiepnhan\n203.0.113.7") == (2, 1010.25)
    assert ratelimit.failures(scope, "tiepnhan\n198.51.100.1") == (0, 0.0)  # another pair
    ratelimit.forget(scope, "tiepnhan\n203.0.113.7")
    assert ratelimit.failures(scope, "tiepnhan\n203.0.113.7") == (0, 0.0)


def test_on_redis_a_failure_record_lapses_after_keep():
    _redis_or_skip()
    from django.test import override_settings

    scope = f"test-{uuid.uuid4().hex}"
    with override_settings(REDIS_URL=REDIS_URL):
        ratelimit.add_failure(scope, "tiepnhan", at=1.0, keep=30)
        client = redis.Redis.from_url(REDIS_URL)
        ttl = client.ttl(ratelimit._record_key(scope, "tiepnhan"))
        assert 0 < ttl <= 30
