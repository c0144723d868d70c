"""Guests submit with only an email address, so submissions are limited per email and per IP
address, and lookups by code and secret per IP; each limit answers 429 with a page that says
what happened in Vietnamese."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.models import Dossier
from motcua.portal.tests.submission_fixtures import (
    apply_online_through_portal,
    fill_form,
    review_token,
    start_draft,
    submit,
    upload_documents,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]


def ready_draft(client, online, **form):
    draft = start_draft(client, online)
    fill_form(client, draft, **form)
    upload_documents(client, draft)
    return draft, review_token(client, draft)


def from_ip(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def test_guest_submissions_are_limited_per_email_address(online, settings):
    settings.GUEST_SUBMIT_EMAIL_LIMIT = 2
    for address in ("10.0.0.1", "10.0.0.2"):
        apply_online_through_portal(from_ip(address), online)
    client = from_ip("10.0.0.3")
    draft, token = ready_draft(client, online, **{"nn.email": "NGOC@example.vn"})
    response = submit(client, draft, token)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "Địa chỉ thư điện tử ngoc@example.vn đã được dùng để nộp 2 hồ sơ" in html
    draft.refresh_from_db()
    assert draft.status == DossierStatus.DRAFT
    # Another email address from the same place is not held back.
    other, other_token = ready_draft(client, online, **{"nn.email": "lan@example.vn"})
    assert submit(client, other, other_token).status_code == 302


def test_guest_submissions_are_limited_per_ip_address(online, settings):
    settings.GUEST_SUBMIT_IP_LIMIT = 3  # drafts and submissions are counted separately
    client = from_ip("10.0.0.9")
    first, first_token = ready_draft(client, online, **{"nn.email": "a@example.vn"})
    second, second_token = ready_draft(client, online, **{"nn.email": "b@example.vn"})
    assert submit(client, first, first_token).status_code == 302
    assert submit(client, second, second_token).status_code == 302
    third, third_token = ready_draft(client, online, **{"nn.email": "c@example.vn"})
    assert submit(client, third, third_token).status_code == 302
    # The fourth draft is refused before it exists.
    response = client.post(
        reverse("portal:submission_start", args=[online.procedure.code]),
        {"case": online.case.pk, "receiving_agency": online.centre.pk},
    )
    assert response.status_code == 429
    assert "Có quá nhiều hồ sơ được lập từ địa chỉ mạng của bạn" in response.content.decode()
    assert Dossier.objects.count() == 3


def test_the_ip_limit_on_submissions_names_the_address_not_the_email(online, settings):
    settings.GUEST_SUBMIT_IP_LIMIT = 3
    client = from_ip("10.0.0.7")
    drafts = [ready_draft(client, online, **{"nn.email": f"{n}@example.vn"}) for n in "abc"]
    settings.GUEST_SUBMIT_IP_LIMIT = 2
    assert [submit(client, *ready).status_code for ready in drafts] == [302, 302, 429]
    refused = submit(client, *drafts[2])
    assert "Có quá nhiều hồ sơ được nộp từ địa chỉ mạng của bạn" in refused.content.decode()
    assert "c@example.vn" not in refused.content.decode()


def test_signed_in_citizens_are_not_held_to_the_guest_limits(online, settings):
    from motcua.accounts.tests.factories import UserFactory

    settings.GUEST_SUBMIT_EMAIL_LIMIT = 1
    settings.GUEST_SUBMIT_IP_LIMIT = 1
    client = from_ip("10.0.0.5")
    client.force_login(UserFactory())
    for _ in range(2):
        draft, token = ready_draft(client, online)
        assert submit(client, draft, token).status_code == 302


def test_lookups_are_limited_per_ip_address(online, settings):
    settings.LOOKUP_RATE_LIMIT = 2
    dossier, secret = apply_online_through_portal(from_ip("10.0.0.4"), online)
    client = from_ip("10.0.0.8")
    for _ in range(2):
        response = client.post(reverse("portal:track"), {"code": dossier.code, "secret": "X"})
        assert response.status_code == 200
    blocked = client.post(reverse("portal:track"), {"code": dossier.code, "secret": secret})
    assert blocked.status_code == 429
    assert "Bạn tra cứu quá nhiều lần" in blocked.content.decode()
    # The API's lookup shares the count: guessing through the other face is no faster.
    api = client.get("/api/v1/lookup", {"code": dossier.code, "secret": secret})
    assert api.status_code == 429
