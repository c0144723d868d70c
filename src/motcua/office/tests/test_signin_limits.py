"""Failed sign-ins to the office are limited per user name and per IP address."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.office.tests.helpers import PASSWORD

pytestmark = pytest.mark.django_db

LOCKED = "Đăng nhập không thành công quá nhiều lần"


@pytest.fixture(autouse=True)
def small_limits(settings):
    # Counters live in the cache, which outlives a test: start each at zero.
    cache.clear()
    settings.SIGNIN_FAILURES_PER_USERNAME = 3
    settings.SIGNIN_FAILURES_PER_IP = 5
    settings.SIGNIN_FAILURE_WINDOW_MINUTES = 15
    yield
    cache.clear()


def sign_in(client, username, password, ip="203.0.113.7"):
    return client.post(
        reverse("office:login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_the_failure_that_reaches_the_limit_says_sign_in_is_paused(client, world):
    name = world.receptionist.username
    for _ in range(2):
        response = sign_in(client, name, "sai")
        assert response.status_code == 200 and LOCKED not in response.content.decode()
    response = sign_in(client, name, "sai")
    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED in page and re.search(r"thử lại sau khoảng \d+ phút", page)
    assert 0 < int(response["Retry-After"]) <= 15 * 60
    # The form is shown again, with the name kept, so the official knows where they are.
    assert 'name="username"' in page and f'value="{name}"' in page


def test_once_locked_even_the_right_password_is_refused(client, world):
    name = world.receptionist.username
    for _ in range(3):
        sign_in(client, name, "sai")
    response = sign_in(client, name, PASSWORD)
    assert response.status_code == 429 and LOCKED in response.content.decode()
    assert client.get(reverse("office:home")).status_code == 302  # not signed in


def test_an_unknown_name_is_refused_exactly_like_a_real_one(client, world):
    real = [sign_in(client, world.receptionist.username, "sai") for _ in range(4)]
    unknown = [sign_in(client, "khong-ton-tai", "sai", ip="198.51.100.9") for _ in range(4)]
    assert [r.status_code for r in real] == [r.status_code for r in unknown] == [200, 200, 429, 429]
    for a, b in zip(real, unknown, strict=True):
        assert list(a.context["form"].non_field_errors()) == list(
            b.context["form"].non_field_errors()
        )


def test_the_lock_on_a_name_ignores_the_letter_case_typed(client, world):
    name = world.receptionist.username
    for typed in (name, name.upper(), name.title()):
        sign_in(client, typed, "sai")
    assert sign_in(client, name, PASSWORD).status_code == 429


def test_a_locked_name_does_not_lock_another_official(client, world):
    for _ in range(3):
        sign_in(client, world.receptionist.username, "sai")
    response = sign_in(client, world.specialist.username, PASSWORD)
    assert response.status_code == 302


def test_failures_with_many_names_from_one_address_lock_that_address_only(client, world):
    for number in range(5):
        sign_in(client, f"thu-{number}", "sai")
    locked = sign_in(client, world.receptionist.username, PASSWORD)
    assert locked.status_code == 429 and LOCKED in locked.content.decode()
    elsewhere = sign_in(client, world.receptionist.username, PASSWORD, ip="192.0.2.44")
    assert elsewhere.status_code == 302


def test_a_successful_sign_in_clears_the_count_of_its_name(client, world):
    name = world.receptionist.username
    for _ in range(2):
        sign_in(client, name, "sai")
    assert sign_in(client, name, PASSWORD).status_code == 302
    client.post(reverse("office:logout"))
    for _ in range(2):
        assert sign_in(client, name, "sai").status_code == 200
    assert sign_in(client, name, PASSWORD).status_code == 302


# --- the Django admin's sign-in: the same limit, the same counts ------------------------------


def admin_sign_in(client, username, password, ip="203.0.113.7"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=ip,
    )


def test_the_admin_sign_in_is_limited_like_the_offices(client, world):
    name = world.receptionist.username
    assert client.get(reverse("admin:login")).status_code == 200
    for _ in range(2):
        response = admin_sign_in(client, name, "sai")
        assert response.status_code == 200 and LOCKED not in response.content.decode()
    response = admin_sign_in(client, name, "sai")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert 0 < int(response["Retry-After"]) <= 15 * 60
    # Locked: the right password is refused too, and nobody is signed in.
    locked = admin_sign_in(client, name, PASSWORD)
    assert locked.status_code == 429 and LOCKED in locked.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302


def test_the_admin_and_the_office_share_the_count(client, world):
    name = world.receptionist.username
    sign_in(client, name, "sai")
    admin_sign_in(client, name, "sai")
    assert sign_in(client, name, "sai").status_code == 429
    assert admin_sign_in(client, name, PASSWORD).status_code == 429


def test_a_staff_account_signs_in_to_the_admin_and_clears_its_count(client, world):
    name = world.receptionist.username
    for _ in range(2):
        admin_sign_in(client, name, "sai")
    response = admin_sign_in(client, name, PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")
    client.logout()
    for _ in range(2):
        assert admin_sign_in(client, name, "sai").status_code == 200


def test_an_account_that_is_not_staff_is_refused_by_the_admin_and_counted(client, world):
    citizen = UserFactory()
    for _ in range(2):
        response = admin_sign_in(client, citizen.username, PASSWORD)
        assert response.status_code == 200 and LOCKED not in response.content.decode()
    assert admin_sign_in(client, citizen.username, PASSWORD).status_code == 429
