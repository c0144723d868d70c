"""Citizens and organisations sign in to the portal, find their dossiers and sign out."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from motcua.accounts.choices import AccountKind
from motcua.accounts.tests.factories import UserFactory
from motcua.dossiers import services
from motcua.dossiers.choices import DocumentForm
from motcua.dossiers.tests.fixtures import vn
from motcua.testing import give_code

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-thu-nghiem"  # UserFactory's
WAIT = "hãy chờ"


def sign_out_form() -> str:
    return f'action="{reverse("portal:logout")}"'


@pytest.fixture(autouse=True)
def small_limits(settings, fresh_rate_limits):
    settings.SIGNIN_FREE_FAILURES = 3
    settings.SIGNIN_DELAY_SECONDS = 30


def sign_in(client, username, password=PASSWORD, *, next_url=None, ip="203.0.113.7"):
    data = {"username": username, "password": password}
    if next_url is not None:
        data["next"] = next_url
    return client.post(reverse("portal:login"), data, REMOTE_ADDR=ip)


def test_the_sign_in_page_offers_user_name_and_password_and_says_vneid_is_not_there_yet(client):
    response = client.get(reverse("portal:login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="username"' in html and 'name="password"' in html
    assert "VNeID chưa được hỗ trợ" in html
    # Nothing that looks like a VNeID button, working or not.
    assert "Đăng nhập bằng VNeID" not in html


def test_a_citizen_signs_in_and_lands_on_their_dossiers(client):
    citizen = UserFactory(username="congdan", full_name="Nguyễn Văn An")
    response = sign_in(client, "congdan")
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:my_dossiers")
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.context["citizen"] == citizen
    # The header names the person and offers their dossiers and signing out, not signing in.
    assert "Nguyễn Văn An" in html
    assert f'href="{reverse("portal:my_dossiers")}"' in html
    assert sign_out_form() in html
    assert f'href="{reverse("portal:login")}' not in html


def test_an_organisation_signs_in_the_same_way(client):
    UserFactory(
        username="doanhnghiep",
        kind=AccountKind.ORGANISATION,
        tax_code="0109876543",
        organisation_name="Công ty TNHH Thương mại Sông Hồng",
    )
    response = sign_in(client, "doanhnghiep")
    assert response["Location"] == reverse("portal:my_dossiers")
    assert client.get(response["Location"]).context["citizen"].username == "doanhnghiep"


def test_an_anonymous_visitor_sees_a_sign_in_link_back_to_the_page(client):
    html = client.get(reverse("portal:track")).content.decode()
    assert f'href="{reverse("portal:login")}?next=/tra-cuu/"' in html
    assert sign_out_form() not in html


def test_a_wrong_password_shows_the_form_again_with_the_name_kept(client):
    UserFactory(username="congdan")
    response = sign_in(client, "congdan", "sai")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="congdan"' in html and 'role="alert"' in html
    assert "_auth_user_id" not in client.session


def test_sign_in_follows_next_on_this_site_only(client):
    UserFactory(username="congdan")
    response = sign_in(client, "congdan", next_url="/tra-cuu/?ma=ABC")
    assert response["Location"] == "/tra-cuu/?ma=ABC"
    other = Client()
    for unsafe in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        response = sign_in(other, "congdan", next_url=unsafe)
        assert response["Location"] == reverse("portal:my_dossiers"), unsafe
        other.logout()


def test_failed_sign_ins_on_the_portal_make_the_pair_wait_at_the_office_too(client):
    citizen = UserFactory(username="congdan")
    statuses = [sign_in(client, "congdan", "sai").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    refused = sign_in(client, "congdan")
    assert refused.status_code == 429 and WAIT in refused.content.decode()
    assert 0 < int(refused["Retry-After"]) <= 30
    assert "_auth_user_id" not in client.session
    # The same name from the same address waits on the office's page too…
    office = client.post(
        reverse("office:login"),
        {"username": citizen.username, "password": PASSWORD},
        REMOTE_ADDR="203.0.113.7",
    )
    assert office.status_code == 429
    # …but not from another address: nobody else's failures refuse the right password.
    assert sign_in(Client(), "congdan", ip="198.51.100.9").status_code == 302


def test_an_official_may_sign_in_on_the_portal_and_is_a_guest_there(client):
    official = UserFactory(username="tiepnhan", official=True, full_name="Nguyễn Thị Thu Hà")
    response = sign_in(client, "tiepnhan")
    assert response["Location"] == reverse("portal:home")
    # An official gives their second factor before any page opens, the portal's too.
    step = client.get(reverse("portal:home"))
    assert step["Location"].startswith(reverse("office:second_factor"))
    assert give_code(client, official, reverse("portal:home"))["Location"] == reverse("portal:home")
    html = client.get(reverse("portal:home")).content.decode()
    assert official.full_name in html and sign_out_form() in html
    assert f'href="{reverse("portal:my_dossiers")}"' not in html
    mine = client.get(reverse("portal:my_dossiers"))
    assert mine.status_code == 200 and mine.context["citizen"] is None
    assert "tài khoản cán bộ" in mine.content.decode()


def test_the_office_sign_in_page_is_unchanged(client, world):
    page = client.get(reverse("office:login")).content.decode()
    # No portal sign-in link in the office's header: it has its own page.
    assert f'href="{reverse("portal:login")}' not in page
    response = client.post(
        reverse("office:login"), {"username": world.receptionist.username, "password": PASSWORD}
    )
    assert response["Location"] == reverse("office:home")
    give_code(client, world.receptionist)
    office_home = client.get(reverse("office:home")).content.decode()
    assert f'action="{reverse("office:logout")}"' in office_home
    assert sign_out_form() not in office_home


def test_signing_out_takes_a_post_with_the_csrf_token():
    UserFactory(username="congdan")
    client = Client(enforce_csrf_checks=True)
    client.login(username="congdan", password=PASSWORD)
    assert client.get(reverse("portal:logout")).status_code == 405
    assert client.post(reverse("portal:logout")).status_code == 403
    assert "_auth_user_id" in client.session
    page = client.get(reverse("portal:home"))
    token = page.context["csrf_token"]
    response = client.post(reverse("portal:logout"), {"csrfmiddlewaretoken": str(token)})
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    assert "_auth_user_id" not in client.session
    html = client.get(response["Location"]).content.decode()
    assert "Bạn đã đăng xuất." in html
    assert f'href="{reverse("portal:login")}' in html


def test_my_dossiers_sends_an_anonymous_visitor_to_the_portal_sign_in(client):
    response = client.get(reverse("portal:my_dossiers"))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:login") + "?next=/ho-so-cua-toi/"
    UserFactory(username="congdan")
    signed_in = sign_in(client, "congdan", next_url="/ho-so-cua-toi/")
    assert signed_in["Location"] == "/ho-so-cua-toi/"


def test_a_counter_dossier_under_the_citizens_id_number_is_not_shown_to_their_account(
    client, world
):
    # The account's number is typed, not verified: matching on it would show this dossier to
    # anyone who claimed the number.
    citizen = UserFactory(personal_id="001090012345")
    counter = services.receive_at_counter(
        actor=world.receptionist,
        procedure=world.procedure,
        case=world.case,
        applicant=world.applicant(personal_id="001090012345"),
        receiving_agency=world.centre,
        checklist=[
            services.ChecklistLine("DON", DocumentForm.ORIGINAL, 1),
            services.ChecklistLine("GCN", DocumentForm.CERTIFIED_COPY, 1),
        ],
        form_data={"dien_tich": 80},
        now=vn(2026, 3, 2, 10, 0),
    ).dossier
    client.force_login(citizen)
    page = client.get(reverse("portal:my_dossiers"))
    html = page.content.decode()
    assert list(page.context["dossiers"]) == []
    assert counter.code not in html
    assert "Hồ sơ nộp tại quầy" in html and "chưa được xác thực định danh" in html
    assert client.get(reverse("portal:track_detail", args=[counter.code])).status_code == 302
