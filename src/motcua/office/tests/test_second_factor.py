"""Officials sign in with a password and a code from an authenticator app; the first time they
set one up and get recovery codes, each of which works once."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts import second_factor
from motcua.accounts.tests.factories import UserFactory
from motcua.office.tests.helpers import PASSWORD
from motcua.testing import authenticator_for, give_code, sign_in_official

pytestmark = pytest.mark.django_db


def password_step(client, user, next_url=None):
    data = {"username": user.username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("office:login"), data)


def code_for(key_hex: str, at: float | None = None) -> str:
    totp = TOTP(bytes.fromhex(key_hex))
    if at is not None:
        totp.time = at
    return f"{totp.token():06d}"


def test_a_password_alone_opens_no_office_page(client, world):
    authenticator_for(world.receptionist)
    assert password_step(client, world.receptionist).status_code == 302
    for name in ("office:home", "office:queues", "office:reception"):
        response = client.get(reverse(name))
        assert response.status_code == 302, name
        location = urlparse(response["Location"])
        assert location.path == reverse("office:second_factor")
        assert parse_qs(location.query)["next"] == [reverse(name)]


def test_the_right_code_opens_the_page_asked_for_and_a_new_session_key(client, world):
    authenticator_for(world.leader)
    password_step(client, world.leader)
    before = client.session.session_key
    response = give_code(client, world.leader, reverse("office:queues"))
    assert response.status_code == 302 and response["Location"] == reverse("office:queues")
    assert client.session.session_key != before
    assert client.get(reverse("office:queues")).status_code == 200


def test_a_wrong_code_is_refused_beside_the_field_and_the_next_waits(client, world, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # django-otp's: 60 s after one failure, then 120…
    device = authenticator_for(world.leader)
    password_step(client, world.leader)
    right = second_factor.code_now(device)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = client.post(reverse("office:second_factor"), {"code": wrong})
    assert response.status_code == 400
    assert "Mã không đúng." in response.content.decode()
    again = client.post(reverse("office:second_factor"), {"code": right})
    assert again.status_code == 400 and "Hãy chờ" in again.content.decode()
    assert client.get(reverse("office:home")).status_code == 302


def test_something_that_is_no_code_gets_a_field_message_not_a_500(client, world):
    authenticator_for(world.leader)
    password_step(client, world.leader)
    for typed in ("", "12345", "x" * 40, "²³", "1234567"):
        response = client.post(reverse("office:second_factor"), {"code": typed})
        assert response.status_code == 400, typed
        assert 'aria-invalid="true"' in response.content.decode() or "field-error" in (
            response.content.decode()
        )


def test_a_code_is_accepted_once(client, world):
    device = authenticator_for(world.leader)
    code = second_factor.code_now(device)
    password_step(client, world.leader)
    assert client.post(reverse("office:second_factor"), {"code": code}).status_code == 302
    other = Client()
    password_step(other, world.leader)
    assert other.post(reverse("office:second_factor"), {"code": code}).status_code == 400


def test_the_next_address_must_be_on_this_site(client, world):
    authenticator_for(world.leader)
    password_step(client, world.leader)
    response = give_code(client, world.leader, "https://evil.example/")
    assert response["Location"] == reverse("office:home")


def test_first_sign_in_sets_up_the_authenticator_and_shows_recovery_codes_once(client, world):
    official = world.specialist
    assert second_factor.authenticator(official) is None
    password_step(client, official)
    step = client.get(reverse("office:home"))
    code_page = client.get(step["Location"])
    assert code_page.status_code == 302
    assert code_page["Location"].startswith(reverse("office:enrol"))
    page = client.get(code_page["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html
    assert "no-store" in page["Cache-Control"]
    device = TOTPDevice.objects.get(user=official)
    assert not device.confirmed
    # The secret typed by hand is the one in the QR code.
    secret = re.search(r'class="otp-secret">([A-Z2-7 ]+)<', html).group(1).replace(" ", "")
    assert bytes.fromhex(device.key) == __import__("base64").b32decode(secret)
    # Reloading shows the same secret: the phone that already scanned it stays right.
    assert secret in client.get(reverse("office:enrol")).content.decode().replace(" ", "")
    # A wrong code confirms nothing.
    wrong = f"{(int(code_for(device.key)) + 1) % 1_000_000:06d}"
    assert client.post(reverse("office:enrol"), {"code": wrong}).status_code == 400
    device.refresh_from_db()
    device.throttle_reset()
    done = client.post(reverse("office:enrol"), {"code": code_for(device.key)})
    assert done.status_code == 200 and "no-store" in done["Cache-Control"]
    codes = re.findall(r"<li><code>([a-z2-7]{4}-[a-z2-7]{4})</code></li>", done.content.decode())
    assert len(codes) == second_factor.RECOVERY_CODES == len(set(codes))
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("office:home")).status_code == 200
    # Shown once: the set-up page is gone for this account.
    assert client.get(reverse("office:enrol"))["Location"] == reverse("office:home")


def test_a_recovery_code_works_once(client, world):
    sign_in_official(client, world.leader)
    codes = second_factor.new_recovery_codes(world.leader)
    client.logout()
    first = Client()
    password_step(first, world.leader)
    response = first.post(reverse("office:second_factor"), {"code": codes[0].upper()})
    assert response.status_code == 302
    assert first.get(reverse("office:home")).status_code == 200
    assert StaticToken.objects.filter(device__user=world.leader).count() == len(codes) - 1
    second = Client()
    password_step(second, world.leader)
    refused = second.post(reverse("office:second_factor"), {"code": codes[0]})
    assert refused.status_code == 400
    assert second.get(reverse("office:home")).status_code == 302
    # Another, unused code works (the static device's throttle waits a second after the miss).
    device = StaticToken.objects.filter(device__user=world.leader).first().device
    device.throttle_reset()
    assert second.post(reverse("office:second_factor"), {"code": codes[1]}).status_code == 302


def test_a_citizen_has_no_second_step(client):
    citizen = UserFactory()
    client.force_login(citizen)
    response = client.get(reverse("office:second_factor"))
    assert response.status_code == 302 and response["Location"] == reverse("office:home")
    assert client.get(reverse("portal:home")).status_code == 200


def test_an_account_given_a_role_while_signed_in_is_stopped_at_the_office(client, world):
    from motcua.agencies.choices import Role
    from motcua.agencies.models import RoleGrant

    citizen = UserFactory()
    client.force_login(citizen)
    RoleGrant.objects.create(user=citizen, agency=world.centre, role=Role.RECEPTION)
    response = client.get(reverse("office:home"))
    assert response["Location"].startswith(reverse("office:second_factor"))


def test_the_demo_code_page_shows_the_current_code_only_in_demo_mode(client, world, settings):
    device = authenticator_for(world.leader)  # the demo's published secret
    password_step(client, world.leader)
    settings.DEMO_MODE = True
    page = client.get(reverse("office:second_factor")).content.decode()
    shown = re.search(r'class="demo-otp-code">(\d{6})<', page).group(1)
    assert shown == second_factor.code_now(device)
    assert second_factor.DEMO_TOTP_KEY_BASE32 in page
    assert client.post(reverse("office:second_factor"), {"code": shown}).status_code == 302
    settings.DEMO_MODE = False
    other = Client()
    password_step(other, world.leader)
    page = other.get(reverse("office:second_factor")).content.decode()
    assert "demo-otp-code" not in page and second_factor.DEMO_TOTP_KEY_BASE32 not in page


def test_an_authenticator_with_its_own_secret_shows_no_code_even_in_the_demo(client, world):
    TOTPDevice.objects.create(user=world.leader, name="riêng", confirmed=True)
    password_step(client, world.leader)
    assert "demo-otp-code" not in client.get(reverse("office:second_factor")).content.decode()


# --- the admin -----------------------------------------------------------------------------


def test_the_admin_takes_the_second_factor_too(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    authenticator_for(staff)
    response = client.post(
        reverse("admin:login"),
        {"username": staff.username, "password": PASSWORD, "next": reverse("admin:index")},
    )
    assert response["Location"] == reverse("admin:index")
    step = client.get(reverse("admin:index"))
    assert step["Location"].startswith(reverse("office:second_factor"))
    assert give_code(client, staff, reverse("admin:index"))["Location"] == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_staff_session_without_the_code_has_no_admin_permission(rf):
    from django.contrib import admin

    staff = UserFactory(is_staff=True, is_superuser=True)
    request = rf.get("/admin/")
    request.user = staff
    staff.is_verified = lambda: False
    assert not admin.site.has_permission(request)
    staff.is_verified = lambda: True
    assert admin.site.has_permission(request)
