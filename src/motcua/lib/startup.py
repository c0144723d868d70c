"""Checks run once when a web process starts (wsgi.py), before it takes a request: what the
settings alone cannot know, such as whether the Redis server the settings name answers."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def check_redis() -> None:
    """With REDIS_URL set, the rate limits and the lookup secrets waiting to be shown live on
    Redis: refuse to start when it does not answer, rather than fail on the first request or
    count each process's limits on its own. Without REDIS_URL, nothing to check (settings.py
    already refuses a production setup of several workers without it)."""
    if not settings.REDIS_URL:
        return
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=3, socket_timeout=3
        )
        client.ping()
    except (redis.RedisError, OSError, ValueError) as exc:
        raise ImproperlyConfigured(
            f"REDIS_URL={_without_password(settings.REDIS_URL)} does not answer: {exc}"
        ) from exc


def _without_password(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    if "@" in rest:
        rest = "***@" + rest.split("@", 1)[1]
    return f"{scheme}{sep}{rest}"
