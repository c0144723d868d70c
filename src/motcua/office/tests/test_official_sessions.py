"""Officials' sessions end with the browser and after OFFICIAL_SESSION_HOURS; the API's session
sign-in takes only a session that passed the second factor."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse

from motcua.accounts.official_sessions import OFFICIAL_SINCE
from motcua.accounts.tests.factories import UserFactory
from motcua.office.tests.helpers import PASSWORD, received
from motcua.testing import authenticator_for, give_code, sign_in_official

pytestmark = pytest.mark.django_db


def session_cookie(response):
    return response.cookies["sessionid"]


def test_an_officials_session_cookie_ends_with_the_browser(client, world):
    authenticator_for(world.leader)
    response = client.post(
        reverse("office:login"), {"username": world.leader.username, "password": PASSWORD}
    )
    cookie = session_cookie(response)
    assert cookie.value and not cookie["expires"] and not cookie["max-age"]
    response = give_code(client, world.leader)
    cookie = session_cookie(response)  # a new key after the code, still without an expiry
    assert cookie.value and not cookie["expires"] and not cookie["max-age"]


def test_a_citizens_session_cookie_outlives_the_browser(client):
    UserFactory(username="congdan")
    response = client.post(reverse("portal:login"), {"username": "congdan", "password": PASSWORD})
    assert session_cookie(response)["max-age"]


def _age(client, hours: float) -> None:
    session = client.session
    session[OFFICIAL_SINCE] = time.time() - hours * 3600
    session.save()


def test_an_officials_session_ends_after_eight_hours(client, world, settings):
    assert settings.OFFICIAL_SESSION_HOURS == 8
    sign_in_official(client, world.leader)
    _age(client, 7.9)
    assert client.get(reverse("office:queues")).status_code == 200
    _age(client, 8.01)
    response = client.get(reverse("office:queues"))
    assert response.status_code == 302
    assert response["Location"] == reverse("office:login") + "?next=" + reverse("office:queues")
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "Phiên làm việc đã kết thúc sau 8 giờ" in page


def test_the_password_given_again_asks_for_the_code_again(client, world):
    sign_in_official(client, world.leader)
    _age(client, 7.9)
    client.post(reverse("office:login"), {"username": world.leader.username, "password": PASSWORD})
    response = client.get(reverse("office:queues"))
    assert response["Location"].startswith(reverse("office:second_factor"))


def test_an_old_session_is_over_for_the_api_too(client, world):
    sign_in_official(client, world.leader)
    assert client.get("/api/v1/dossiers").status_code == 200
    _age(client, 9)
    assert client.get("/api/v1/dossiers").status_code == 401


def test_the_api_refuses_a_session_that_has_not_passed_the_second_factor(client, world):
    dossier = received(world)
    client.force_login(world.receptionist)  # the password step only
    assert client.get("/api/v1/dossiers").status_code == 401
    assert client.get(f"/api/v1/dossiers/{dossier.code}").status_code == 401
    refused = client.post(
        f"/api/v1/dossiers/{dossier.code}/refuse",
        {"version": dossier.version, "reasons": ["x"]},
        content_type="application/json",
    )
    assert refused.status_code in (401, 403)
    verified = Client()
    sign_in_official(verified, world.receptionist)
    answer = verified.get(f"/api/v1/dossiers/{dossier.code}")
    assert answer.status_code == 200 and answer.json()["code"] == dossier.code
