"""Who may call the dossier API: the session sign-in accepts only active officials holding a
role, creation and actions are checked in the domain, and scopes are checked before any lookup
so that nothing is learnt from the order of the refusals."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.accounts.apiclients import create_api_client
from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.choices import Role
from motcua.agencies.tests.factories import RoleGrantFactory
from motcua.api.tests.test_dossiers_api import multipart, payload
from motcua.dossiers.models import Dossier
from motcua.office.tests.helpers import assigned, submit_online
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db


def session_of(user) -> Client:
    client = Client()
    sign_in_official(client, user)
    return client


def counter_body(world):
    return payload(world, channel="counter")


def report_reader(world):
    reader = UserFactory(official=True)
    RoleGrantFactory(
        user=reader, agency=world.centre.parent, role=Role.REPORT_READER, includes_subtree=True
    )
    return reader


def post_json(client, path, body, **headers):
    return client.post(path, body, content_type="application/json", **headers)


def test_a_citizens_session_is_not_a_way_into_the_api(world):
    dossier = assigned(world)
    before = Dossier.objects.count()
    citizen = session_of(UserFactory())
    created = post_json(citizen, "/api/v1/dossiers", counter_body(world), HTTP_IDEMPOTENCY_KEY="c")
    assert created.status_code == 401
    online = post_json(citizen, "/api/v1/dossiers", payload(world), HTTP_IDEMPOTENCY_KEY="o")
    assert online.status_code == 401
    assert Dossier.objects.count() == before
    acted = post_json(citizen, f"/api/v1/dossiers/{dossier.code}/forward", {"version": 1})
    assert acted.status_code == 401
    assert citizen.get("/api/v1/dossiers").status_code == 401


def test_an_official_without_a_role_or_inactive_is_refused_too(world):
    assert session_of(UserFactory(official=True)).get("/api/v1/dossiers").status_code == 401
    retired = UserFactory(official=True)
    RoleGrantFactory(user=retired, agency=world.centre, role=Role.RECEPTION)
    client = session_of(retired)
    assert client.get("/api/v1/dossiers").status_code == 200
    retired.is_active = False
    retired.save(update_fields=["is_active"])
    assert client.get("/api/v1/dossiers").status_code == 401


def test_a_report_readers_session_can_neither_create_nor_act(world):
    dossier = assigned(world)
    before = Dossier.objects.count()
    reader = session_of(report_reader(world))
    created = post_json(reader, "/api/v1/dossiers", counter_body(world), HTTP_IDEMPOTENCY_KEY="r")
    assert created.status_code == 403
    assert "Tiếp nhận hồ sơ" in created.json()["detail"]
    assert Dossier.objects.count() == before
    for action, body in (
        ("forward", {"version": dossier.version}),
        ("assign", {"version": dossier.version, "assignee": "khong-co-ai"}),
        ("withdraw", {"version": dossier.version, "reason": "Rút"}),
    ):
        response = post_json(reader, f"/api/v1/dossiers/{dossier.code}/{action}", body)
        assert response.status_code == 404, action
    assert Dossier.objects.get(pk=dossier.pk).version == dossier.version


def test_reception_signed_in_files_at_the_counter_through_the_api(world):
    client = session_of(world.receptionist)
    response = client.post(
        "/api/v1/dossiers",
        multipart(world, counter_body(world)),
        HTTP_IDEMPOTENCY_KEY="quay",
    )
    assert response.status_code == 201, response.json()
    dossier = Dossier.objects.get(code=response.json()["code"])
    assert dossier.channel == "counter"
    # An official does not file online: that is the applicant's own channel.
    online = client.post(
        "/api/v1/dossiers", multipart(world, payload(world)), HTTP_IDEMPOTENCY_KEY="mang"
    )
    assert online.status_code == 403


def test_a_client_files_only_in_its_subtree_and_never_through_the_national_portal(world):
    _client, key = create_api_client(
        "Ki-ốt trung tâm", agency=world.centre, scopes=["dossiers:submit"]
    )
    kiosk = Client(HTTP_X_API_KEY=key)
    elsewhere = kiosk.post(
        "/api/v1/dossiers",
        multipart(world, payload(world, receiving_agency=world.other.code)),
        HTTP_IDEMPOTENCY_KEY="a",
    )
    assert elsewhere.status_code == 403
    portal = kiosk.post(
        "/api/v1/dossiers",
        multipart(world, payload(world, channel="national_portal")),
        HTTP_IDEMPOTENCY_KEY="b",
    )
    assert portal.status_code == 403 and "Cổng Dịch vụ công quốc gia" in portal.json()["detail"]
    assert not Dossier.objects.exists()


def test_the_scope_is_checked_before_the_dossier_and_the_user_name(world):
    visible = submit_online(world).dossier
    _client, key = create_api_client(
        "Phần mềm Sở Tư pháp", agency=world.other, scopes=["dossiers:read", "dossiers:process"]
    )
    justice = Client(HTTP_X_API_KEY=key)
    _client, key = create_api_client(
        "Lãnh đạo Sở Tư pháp", agency=world.other, scopes=["dossiers:read", "dossiers:lead"]
    )
    justice_lead = Client(HTTP_X_API_KEY=key)
    answers = []
    for code in (visible.code, "KHONG-CO-HO-SO"):
        for username in (world.specialist.username, "khong-co-ai"):
            body = {"version": 1, "assignee": username}
            # Without the scope: the same 403 whatever the dossier and the user name.
            response = post_json(justice, f"/api/v1/dossiers/{code}/assign", body)
            assert response.status_code == 403
            answers.append(response.json())
            # With it: a dossier it may not see is not found, whoever the user name names.
            hidden = post_json(justice_lead, f"/api/v1/dossiers/{code}/assign", body)
            assert hidden.status_code == 404
            answers.append(hidden.json())
    assert len({str(answer) for answer in answers[0::2]}) == 1
    assert len({str(answer) for answer in answers[1::2]}) == 2  # two codes named, two messages
