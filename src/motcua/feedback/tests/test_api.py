"""The feedback API: a citizen's own ratings and complaints, nobody else's; the national
portal's complaint, once however often it is pushed."""

from __future__ import annotations

import pytest

from motcua.accounts.apiclients import NATIONAL_PORTAL_SCOPE, create_api_client
from motcua.dossiers.tests.fixtures import received
from motcua.feedback.models import Complaint, Rating
from motcua.feedback.tests.conftest import owned_dossier
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db

BASE = "/api/v1/feedback"
RATING = {
    "access": 4,
    "procedure": 4,
    "attitude": 5,
    "timeliness": 3,
    "result": 4,
    "overall": "satisfied",
    "comment": "Ổn.",
}


def _rate(client, dossier):
    return client.post(
        f"{BASE}/mine/ratings",
        {**RATING, "dossier_code": dossier.code},
        content_type="application/json",
    )


def test_a_citizen_rates_and_reads_their_own_but_not_anothers(
    client, world, citizen, other_citizen
):
    dossier = owned_dossier(world, citizen)
    client.force_login(citizen)
    made = _rate(client, dossier)
    assert made.status_code == 201, made.content
    rating_id = made.json()["id"]
    assert made.json()["scores"]["attitude"] == 5
    again = _rate(client, dossier)
    assert again.status_code == 409
    assert Rating.objects.count() == 1
    assert [r["id"] for r in client.get(f"{BASE}/mine/ratings").json()] == [rating_id]

    client.force_login(other_citizen)
    assert client.get(f"{BASE}/mine/ratings/{rating_id}").status_code == 404
    assert client.get(f"{BASE}/mine/ratings").json() == []
    # Nor rate it in their name: the dossier is not theirs.
    assert _rate(client, dossier).status_code == 404


def test_a_complaint_is_its_senders_alone(client, world, citizen, other_citizen):
    dossier = owned_dossier(world, citizen)
    client.force_login(citizen)
    made = client.post(
        f"{BASE}/mine/complaints",
        {
            "kind": "complaint",
            "title": "Trễ hẹn",
            "content": "Trả kết quả muộn.",
            "dossier_code": dossier.code,
        },
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    code = made.json()["code"]
    assert client.get(f"{BASE}/mine/complaints/{code}").json()["title"] == "Trễ hẹn"
    client.force_login(other_citizen)
    assert client.get(f"{BASE}/mine/complaints/{code}").status_code == 404
    assert client.get(f"{BASE}/mine/complaints").json() == []


def test_bad_input_is_a_field_level_4xx(client, world, citizen):
    client.force_login(citizen)
    answer = client.post(
        f"{BASE}/mine/complaints",
        {"kind": "rant", "title": "", "content": "", "procedure_code": world.procedure.code},
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert {e["field"] for e in answer.json()["errors"]} >= {"kind", "title", "content"}


def test_no_session_or_an_officials_is_refused(client, world):
    assert client.get(f"{BASE}/mine/ratings").status_code == 401
    sign_in_official(client, world.receptionist)
    assert client.get(f"{BASE}/mine/complaints").status_code == 401


def _push(client, key, **overrides):
    body = {
        "MaPAKN": "PAKN-QG-0001",
        "kind": "petition",
        "title": "Đề nghị rút ngắn thời gian cấp phép",
        "content": "Thời gian 15 ngày là quá dài.",
        "contact_name": "Lê Thị Hoa",
        "contact_phone": "0987654321",
        **overrides,
    }
    return client.post(
        f"{BASE}/national-portal/complaints",
        body,
        content_type="application/json",
        HTTP_X_API_KEY=key,
    )


def test_the_national_portals_complaint_twice_is_one(client, world):
    _portal, key = create_api_client(
        "Cổng Dịch vụ công quốc gia",
        agency=world.centre.parent,
        scopes=["dossiers:submit", NATIONAL_PORTAL_SCOPE],
    )
    first = _push(client, key, procedure_code=world.procedure.code)
    assert first.status_code == 201, first.content
    second = _push(client, key, procedure_code=world.procedure.code, title="Khác")
    assert second.status_code == 200
    assert second.json()["code"] == first.json()["code"]
    assert Complaint.objects.count() == 1
    complaint = Complaint.objects.get()
    assert complaint.source == "national_portal" and complaint.agency == world.department
    about_dossier = _push(client, key, MaPAKN="PAKN-QG-0002", dossier_code=received(world).code)
    assert about_dossier.status_code == 201 and about_dossier.json()["dossier_code"]


def test_only_the_national_portals_client_pushes_complaints(client, world):
    _kiosk, key = create_api_client("Ki-ốt", agency=world.centre, scopes=["dossiers:submit"])
    refused = _push(client, key, procedure_code=world.procedure.code)
    assert refused.status_code == 403
    assert _push(client, "not-a-key", procedure_code=world.procedure.code).status_code == 401
    assert not Complaint.objects.exists()
