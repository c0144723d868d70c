"""Failed sign-ins make further tries of the same (user name, address) pair wait, longer after
each failure; nobody else's failures ever refuse the right password."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from motcua.accounts.signin_limits import SignInThrottle, wait_after
from motcua.accounts.tests.factories import UserFactory
from motcua.office.tests.helpers import PASSWORD

pytestmark = pytest.mark.django_db

WAIT = "hãy chờ"


@pytest.fixture(autouse=True)
def small_limits(settings):
    # Records live in the cache, which outlives a test: start each at zero.
    cache.clear()
    settings.SIGNIN_FREE_FAILURES = 3
    settings.SIGNIN_DELAY_SECONDS = 30
    settings.SIGNIN_DELAY_MAX_SECONDS = 600
    yield
    cache.clear()


def sign_in(client, username, password, ip="203.0.113.7"):
    return client.post(
        reverse("office:login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_the_wait_doubles_after_each_failure_past_the_free_ones_up_to_the_cap():
    assert [wait_after(n) for n in range(1, 9)] == [0, 0, 30, 60, 120, 240, 480, 600]
    assert wait_after(10_000) == 600


def test_the_failure_that_starts_the_wait_says_so_and_answers_429(client, world):
    name = world.receptionist.username
    for _ in range(2):
        response = sign_in(client, name, "sai")
        assert response.status_code == 200 and WAIT not in response.content.decode()
    response = sign_in(client, name, "sai")
    assert response.status_code == 429
    page = response.content.decode()
    # The usual message, and the wait.
    assert "mật khẩu chính xác" in page
    assert re.search(r"hãy chờ 30 giây rồi thử lại", page)
    assert 0 < int(response["Retry-After"]) <= 30
    # The form is shown again, with the name kept, so the official knows where they are.
    assert 'name="username"' in page and f'value="{name}"' in page


def test_during_the_wait_the_pair_is_refused_without_checking_the_password(client, world):
    name = world.receptionist.username
    for _ in range(3):
        sign_in(client, name, "sai")
    response = sign_in(client, name, PASSWORD)
    assert response.status_code == 429 and WAIT in response.content.decode()
    assert client.get(reverse("office:home")).status_code == 302  # not signed in
    # A try during the wait is not counted: the wait does not grow by hammering.
    throttle = SignInThrottle(name, "203.0.113.7")
    assert 0 < throttle.seconds_to_wait() <= 30


def test_the_wait_grows_with_each_failure_after_it_and_ends(world):
    throttle = SignInThrottle(world.receptionist.username, "203.0.113.7")
    start = 1_900_000_000.0
    waits = [throttle.count_failure(now=start + 1000 * n) for n in range(5)]
    assert waits == [0, 0, 30, 60, 120]
    last = start + 4000
    assert throttle.seconds_to_wait(now=last + 1) == 119
    assert throttle.seconds_to_wait(now=last + 119.5) == 1
    assert throttle.seconds_to_wait(now=last + 120) == 0


def test_failures_from_another_address_never_refuse_the_right_password(client, world):
    name = world.receptionist.username
    for _ in range(20):
        sign_in(client, name, "sai", ip="198.51.100.66")
    assert sign_in(client, name, "sai", ip="198.51.100.66").status_code == 429
    response = sign_in(client, name, PASSWORD, ip="203.0.113.7")
    assert response.status_code == 302


def test_failures_on_other_names_from_the_same_address_do_not_slow_down_a_name(client, world):
    # The officials of a one-stop shop share one address.
    for number in range(30):
        sign_in(client, f"thu-{number % 5}", "sai")
    response = sign_in(client, world.receptionist.username, PASSWORD)
    assert response.status_code == 302


def test_an_unknown_name_is_answered_exactly_like_a_real_one(client, world):
    real = [sign_in(client, world.receptionist.username, "sai") for _ in range(4)]
    unknown = [sign_in(client, "khong-ton-tai", "sai") for _ in range(4)]
    assert [r.status_code for r in real] == [r.status_code for r in unknown] == [200, 200, 429, 429]
    for a, b in zip(real, unknown, strict=True):
        assert list(a.context["form"].non_field_errors()) == list(
            b.context["form"].non_field_errors()
        )


def test_the_pair_ignores_the_letter_case_typed(client, world):
    name = world.receptionist.username
    for typed in (name, name.upper(), name.title()):
        sign_in(client, typed, "sai")
    assert sign_in(client, name, PASSWORD).status_code == 429


def test_a_successful_sign_in_clears_the_pairs_record(client, world):
    name = world.receptionist.username
    for _ in range(2):
        sign_in(client, name, "sai")
    assert sign_in(client, name, PASSWORD).status_code == 302
    client.post(reverse("office:logout"))
    for _ in range(2):
        assert sign_in(client, name, "sai").status_code == 200
    assert sign_in(client, name, PASSWORD).status_code == 302


# --- the Django admin's sign-in: the same waits, the same records ------------------------------


def admin_sign_in(client, username, password, ip="203.0.113.7"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=ip,
    )


def test_the_admin_sign_in_waits_like_the_offices(client, world):
    name = world.receptionist.username
    assert client.get(reverse("admin:login")).status_code == 200
    for _ in range(2):
        response = admin_sign_in(client, name, "sai")
        assert response.status_code == 200 and WAIT not in response.content.decode()
    response = admin_sign_in(client, name, "sai")
    assert response.status_code == 429 and WAIT in response.content.decode()
    assert 0 < int(response["Retry-After"]) <= 30
    locked = admin_sign_in(client, name, PASSWORD)
    assert locked.status_code == 429
    assert client.get(reverse("admin:index")).status_code == 302
    # From another address the right password goes through.
    assert admin_sign_in(client, name, PASSWORD, ip="192.0.2.44").status_code == 302


def test_the_admin_and_the_office_share_the_record(client, world):
    name = world.receptionist.username
    sign_in(client, name, "sai")
    admin_sign_in(client, name, "sai")
    assert sign_in(client, name, "sai").status_code == 429
    assert admin_sign_in(client, name, PASSWORD).status_code == 429


def test_an_account_that_is_not_staff_is_refused_by_the_admin_and_counted(client, world):
    citizen = UserFactory()
    for _ in range(2):
        response = admin_sign_in(client, citizen.username, PASSWORD)
        assert response.status_code == 200 and WAIT not in response.content.decode()
    assert admin_sign_in(client, citizen.username, PASSWORD).status_code == 429
