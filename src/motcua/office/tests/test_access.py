"""Only signed-in officials with a role reach the office; sign-in and sign-out work."""

from __future__ import annotations

import pytest
from django.urls import reverse

from motcua.accounts.second_factor import code_now
from motcua.accounts.tests.factories import UserFactory
from motcua.office.tests.helpers import PASSWORD
from motcua.testing import authenticator_for, sign_in_official

pytestmark = pytest.mark.django_db


def test_the_sign_in_page_is_in_vietnamese(client):
    response = client.get(reverse("office:login"))
    assert response.status_code == 200
    assert "Đăng nhập dành cho cán bộ" in response.content.decode()


def test_an_anonymous_visitor_is_sent_to_the_sign_in_page(client):
    for name, args in [("office:home", []), ("office:queues", []), ("office:reception", [])]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("office:login") + "?next=")


def test_an_account_without_any_role_is_refused_with_a_403(client):
    client.force_login(UserFactory())
    response = client.get(reverse("office:home"))
    assert response.status_code == 403
    assert "chưa được giao vai trò cán bộ" in response.content.decode()


def test_an_official_signs_in_and_lands_on_a_home_listing_their_queues(client, world):
    response = client.post(
        reverse("office:login"),
        {"username": world.receptionist.username, "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("office:home")
    # The second step: the code from the official's authenticator.
    step = client.get(reverse("office:home"))
    assert step.status_code == 302 and step["Location"].startswith(reverse("office:second_factor"))
    code = code_now(authenticator_for(world.receptionist))
    response = client.post(step["Location"], {"code": code})
    assert response.status_code == 302 and response["Location"] == reverse("office:home")
    page = client.get(reverse("office:home")).content.decode()
    assert "Tiếp nhận hồ sơ tại quầy" in page
    assert "Chờ tiếp nhận" in page
    # A receptionist leads no unit: no leader's queues and no load table.
    assert "Chờ lãnh đạo duyệt" not in page and reverse("office:load") not in page


def test_a_wrong_password_shows_the_form_again_with_a_message(client, world):
    response = client.post(
        reverse("office:login"), {"username": world.receptionist.username, "password": "sai"}
    )
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_a_leader_home_lists_the_leaders_queues_and_the_load_table(client, world):
    sign_in_official(client, world.leader)
    page = client.get(reverse("office:home")).content.decode()
    assert "Chưa phân công" in page and "Chờ lãnh đạo duyệt" in page
    assert reverse("office:load") in page
    assert "Tiếp nhận hồ sơ tại quầy" not in page


def test_signing_out_ends_the_session(client, world):
    sign_in_official(client, world.specialist)
    response = client.post(reverse("office:logout"))
    assert response.status_code == 302 and response["Location"] == reverse("office:login")
    assert client.get(reverse("office:home")).status_code == 302
