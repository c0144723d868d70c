"""Work across agencies (liên thông) through the API: an agency no longer active is refused on
its field, and returning to a coordinating step reopens it where it was held."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.accounts.apiclients import create_api_client
from motcua.agencies.models import Agency
from motcua.api.tests.test_dossiers_api import multipart, payload
from motcua.dossiers.tests.test_inter_agency import COORDINATING, with_a_coordinating_step

pytestmark = pytest.mark.django_db


@pytest.fixture
def kiosk(world):
    _, key = create_api_client(
        "Ki-ốt trung tâm",
        agency=world.centre,
        scopes=["dossiers:submit", "dossiers:read", "dossiers:receive"],
    )
    return Client(HTTP_X_API_KEY=key)


def _client(name, agency):
    _, key = create_api_client(
        name, agency=agency, scopes=["dossiers:read", "dossiers:process", "dossiers:lead"]
    )
    return Client(HTTP_X_API_KEY=key)


def _received(world, kiosk) -> str:
    code = kiosk.post(
        "/api/v1/dossiers", multipart(world, payload(world)), HTTP_IDEMPOTENCY_KEY="lt"
    ).json()["code"]
    version = kiosk.get(f"/api/v1/dossiers/{code}").json()["version"]
    response = kiosk.post(
        f"/api/v1/dossiers/{code}/receive", {"version": version}, content_type="application/json"
    )
    assert response.status_code == 200, response.json()
    return code


def _post(client, code, action, **body):
    version = client.get(f"/api/v1/dossiers/{code}").json()["version"]
    return client.post(
        f"/api/v1/dossiers/{code}/{action}",
        {"version": version, **body},
        content_type="application/json",
    )


def _field_errors(response) -> list[str]:
    return [error["field"] for error in response.json()["errors"]]


@pytest.mark.parametrize("coordinating_step", [False, True])
def test_sending_a_dossier_to_an_agency_no_longer_active_is_a_422_on_to_agency(
    world, kiosk, coordinating_step
):
    if coordinating_step:
        with_a_coordinating_step(world)
    code = _received(world, kiosk)
    construction = _client("Phần mềm Sở Xây dựng", world.department)
    Agency.objects.filter(pk=world.other.pk).update(is_active=False)
    before = construction.get(f"/api/v1/dossiers/{code}").json()
    if coordinating_step:
        response = _post(construction, code, "forward", to_agency=world.other.code)
    else:
        response = _post(
            construction, code, "hand-over", to_agency=world.other.code, reason="Lấy ý kiến"
        )
    assert response.status_code == 422, response.json()
    assert _field_errors(response) == ["to_agency"]
    assert "đã ngừng hoạt động" in response.json()["errors"][0]["message"]
    after = construction.get(f"/api/v1/dossiers/{code}").json()
    assert (after["version"], after["steps"]) == (before["version"], before["steps"])


def test_returning_to_a_coordinating_step_reopens_it_at_the_agency_that_held_it(world, kiosk):
    with_a_coordinating_step(world)
    code = _received(world, kiosk)
    construction = _client("Phần mềm Sở Xây dựng", world.department)
    justice = _client("Phần mềm Sở Tư pháp", world.other)
    response = _post(construction, code, "forward", to_agency=world.other.code)
    assert response.status_code == 200, response.json()
    assert _post(justice, code, "forward", note="Thống nhất").status_code == 200
    response = _post(construction, code, "return-to-step", order=3, reason="Cần ý kiến rõ hơn")
    assert response.status_code == 200, response.json()
    step = response.json()["steps"][-1]
    assert (step["name"], step["unit"]["code"]) == (COORDINATING, world.other.code)


def test_an_inactive_responsible_agency_is_refused_with_the_services_words(world, kiosk):
    Agency.objects.filter(pk=world.department.pk).update(is_active=False)
    body = payload(world)
    body["responsible_agency"] = world.department.code
    response = kiosk.post(
        "/api/v1/dossiers", multipart(world, body), HTTP_IDEMPOTENCY_KEY="inactive"
    )
    assert response.status_code == 422, response.json()
    assert _field_errors(response) == ["responsible_agency"]
    assert "đã ngừng hoạt động" in response.json()["errors"][0]["message"]
