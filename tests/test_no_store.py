"""Answers that carry personal data tell browsers and proxies not to keep them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from motcua.accounts.apiclients import create_api_client
from motcua.accounts.tests.factories import UserFactory
from motcua.office.tests.helpers import received
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_office_pages_are_not_stored(client, world):
    dossier = received(world)
    anonymous = client.get(reverse("office:login"))
    assert no_store(anonymous)
    sign_in_official(client, world.receptionist)
    for url in (
        reverse("office:home"),
        reverse("office:queues"),
        reverse("office:dossier", args=[dossier.code]),
        reverse("office:reception"),
    ):
        response = client.get(url)
        assert response.status_code == 200 and no_store(response), url


def test_a_citizens_pages_are_not_stored_and_public_pages_are(client):
    public = Client().get(reverse("portal:home"))
    assert public.status_code == 200 and not no_store(public)
    citizen = UserFactory()
    client.force_login(citizen)
    for url in (reverse("portal:my_dossiers"), reverse("portal:home")):
        response = client.get(url)
        assert response.status_code == 200 and no_store(response), url


def test_the_tracking_form_is_not_stored(client):
    assert no_store(client.get(reverse("portal:track")))


def test_the_apis_dossier_answers_are_not_stored_and_the_catalog_is(world):
    dossier = received(world)
    _, key = create_api_client(
        "Ki-ốt trung tâm", agency=world.centre, scopes=["dossiers:read", "dossiers:receive"]
    )
    kiosk = Client(HTTP_X_API_KEY=key)
    for url in ("/api/v1/dossiers", f"/api/v1/dossiers/{dossier.code}"):
        response = kiosk.get(url)
        assert response.status_code == 200 and no_store(response), url
    catalog = kiosk.get("/api/v1/procedures")
    assert catalog.status_code == 200 and not no_store(catalog)
