"""Each API client's rate limit: over it a 429 in the API's error shape with an honest
Retry-After; another client is not slowed; the count ages out; administrators set a client's
own figure (audited); on Redis the count is shared by processes and none over-admits."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from motcua.accounts.apiclients import create_api_client, set_rate_limit
from motcua.accounts.models import ApiClient
from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.choices import Role
from motcua.agencies.tests.factories import RoleGrantFactory
from motcua.events.models import ReferenceAuditEvent
from motcua.lib import sliding_window
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db

REDIS = "redis://127.0.0.1:6379/0"


def redis_cache():
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }


@pytest.fixture(params=["locmem", "redis"])
def cache_backend(request, settings):
    if request.param == "redis":
        settings.CACHES = redis_cache()
        settings.REDIS_URL = REDIS
    return request.param


def api_client(world, name, **kwargs):
    _client, key = create_api_client(
        name, agency=world.centre, scopes=["dossiers:read", "dossiers:receive"]
    )
    if kwargs:
        ApiClient.objects.filter(pk=_client.pk).update(**kwargs)
    return Client(HTTP_X_API_KEY=key)


def test_a_client_over_its_rate_gets_429_with_retry_after_and_another_is_not_slowed(
    world, settings, cache_backend
):
    settings.API_CLIENT_RATE_LIMIT = 3
    settings.API_CLIENT_RATE_WINDOW_SECONDS = 2
    kiosk = api_client(world, "Ki-ốt 1")
    postal = api_client(world, "Bưu điện")
    # Start at the beginning of a window so that the whole burst lands in it.
    time.sleep(2 - time.time() % 2)
    assert [kiosk.get("/api/v1/dossiers").status_code for _ in range(3)] == [200, 200, 200]
    refused = kiosk.get("/api/v1/dossiers")
    assert refused.status_code == 429
    wait = int(refused["Retry-After"])
    assert 1 <= wait <= 4
    body = refused.json()
    assert body["errors"] == []
    assert "quá 3 yêu cầu" in body["detail"] and "thử lại sau" in body["detail"]
    # Knocking again is refused too, and is not counted against the client.
    assert kiosk.get("/api/v1/dossiers").status_code == 429
    # Another client of the same agency is not affected.
    assert postal.get("/api/v1/dossiers").status_code == 200
    # Once Retry-After has passed, the client is let in again.
    time.sleep(wait)
    assert kiosk.get("/api/v1/dossiers").status_code == 200


def test_the_window_resets_after_a_quiet_spell(world, settings):
    settings.API_CLIENT_RATE_LIMIT = 2
    settings.API_CLIENT_RATE_WINDOW_SECONDS = 1
    kiosk = api_client(world, "Ki-ốt 2")
    time.sleep(1 - time.time() % 1)
    statuses = [kiosk.get("/api/v1/dossiers").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    time.sleep(2)  # two whole windows: nothing of the burst weighs any more
    assert [kiosk.get("/api/v1/dossiers").status_code for _ in range(2)] == [200, 200]


def test_a_clients_own_figure_overrides_the_default(world, settings):
    settings.API_CLIENT_RATE_LIMIT = 1
    settings.API_CLIENT_RATE_WINDOW_SECONDS = 3600
    generous = api_client(world, "Hệ thống lớn", rate_limit=4)
    statuses = [generous.get("/api/v1/dossiers").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]


def test_sliding_window_weighs_the_previous_window_and_retry_after_is_exact():
    scope, key = "test-sliding", uuid.uuid4().hex
    start = 1_000_000 * 60.0  # the start of a window of 60 s
    for second in range(10):
        assert sliding_window.take(scope, key, limit=10, window=60, now=start + second).allowed
    refused = sliding_window.take(scope, key, limit=10, window=60, now=start + 30)
    assert not refused.allowed and refused.retry_after == 30 + 6  # 10 × (1 - 6/60) = 9
    # Next window, 6 s in: 10 counted before weigh 9, so one more fits and a second does not.
    assert sliding_window.take(scope, key, limit=10, window=60, now=start + 66).allowed
    second = sliding_window.take(scope, key, limit=10, window=60, now=start + 66)
    assert not second.allowed
    retry_at = start + 66 + second.retry_after
    assert not sliding_window.take(scope, key, limit=10, window=60, now=retry_at - 1).allowed
    assert sliding_window.take(scope, key, limit=10, window=60, now=retry_at).allowed


def test_administrators_set_a_clients_rate_audited_and_others_may_not(world):
    client, _key = create_api_client("Ki-ốt 3", agency=world.centre, scopes=["dossiers:read"])
    stranger = UserFactory(official=True)
    RoleGrantFactory(user=stranger, agency=world.other, role=Role.SYSTEM_ADMIN)
    with pytest.raises(PermissionDenied):
        set_rate_limit(client, 50, actor=stranger)
    admin = UserFactory(official=True, is_staff=True, is_superuser=True)
    set_rate_limit(client, 50, actor=admin)
    client.refresh_from_db()
    assert client.rate_limit == 50
    event = ReferenceAuditEvent.objects.get(action="api_client_rate_limit_changed")
    assert event.subject_key == "Ki-ốt 3" and event.data == {"before": None, "after": 50}


def test_the_admin_changes_a_clients_rate_through_the_service(world):
    client, _key = create_api_client("Ki-ốt 4", agency=world.centre, scopes=["dossiers:read"])
    admin = UserFactory(official=True, is_staff=True, is_superuser=True)
    browser = Client()
    sign_in_official(browser, admin)
    page = browser.get(f"/admin/accounts/apiclient/{client.pk}/change/")
    assert page.status_code == 200 and "mc_" not in page.content.decode()
    response = browser.post(f"/admin/accounts/apiclient/{client.pk}/change/", {"rate_limit": "7"})
    assert response.status_code == 302
    client.refresh_from_db()
    assert client.rate_limit == 7
    assert ReferenceAuditEvent.objects.filter(
        action="api_client_rate_limit_changed", subject_key="Ki-ốt 4"
    ).exists()


COUNTER = """
import django, sys
django.setup()
from motcua.lib import sliding_window
allowed = sum(
    sliding_window.take("test-procs", sys.argv[1], limit=25, window=3600).allowed
    for _ in range(20)
)
print(allowed)
"""


def test_on_redis_processes_share_the_count_and_never_admit_more_than_the_limit():
    key = uuid.uuid4().hex
    env = {
        **os.environ,
        "REDIS_URL": REDIS,
        "DJANGO_SETTINGS_MODULE": "motcua.settings",
        "DEBUG": "1",
    }
    runs = [
        subprocess.Popen(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", COUNTER, key], env=env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(4)
    ]
    allowed = [int(run.communicate(timeout=120)[0].strip()) for run in runs]
    # 80 attempts, 25 places: exactly 25 are let in, wherever they came from.
    assert sum(allowed) == 25


def test_an_unreachable_cache_lets_requests_through(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    decisions = [
        sliding_window.take("test-down", "k", limit=1, window=60).allowed for _ in range(3)
    ]
    assert decisions == [True, True, True]
