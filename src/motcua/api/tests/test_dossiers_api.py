"""The dossier API: submission with an Idempotency-Key, scoped reads, actions, and errors."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from motcua.accounts.apiclients import create_api_client
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.fixtures import PDF_BYTES, submit_online


def payload(world, **overrides):
    body = {
        "procedure": world.procedure.code,
        "case": "TH1",
        "channel": "online",
        "receiving_agency": world.centre.code,
        "applicant": {
            "kind": "citizen",
            "name": "Vũ Minh Châu",
            "personal_id": "001200054321",
            "phone": "0987654321",
            "commune_code": "00070",
        },
        "form_data": {"dien_tich": 95, "so_tang": 3},
    }
    body.update(overrides)
    return body


def multipart(world, body, **files):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {"data": json.dumps(body)}
    for code in ("DON", "GCN"):
        data[f"documents.{code}"] = files.get(code) or SimpleUploadedFile(
            f"{code}.pdf", PDF_BYTES, "application/pdf"
        )
    return data


@pytest.fixture
def kiosk(world):
    client, key = create_api_client(
        "Ki-ốt trung tâm",
        agency=world.centre,
        scopes=["dossiers:submit", "dossiers:read", "dossiers:receive"],
    )
    return Client(HTTP_X_API_KEY=key)


@pytest.fixture
def construction(world):
    client, key = create_api_client(
        "Phần mềm Sở Xây dựng",
        agency=world.department,
        scopes=["dossiers:read", "dossiers:process", "dossiers:lead"],
    )
    return Client(HTTP_X_API_KEY=key)


@pytest.fixture
def justice(world):
    client, key = create_api_client(
        "Phần mềm Sở Tư pháp",
        agency=world.other,
        scopes=["dossiers:read", "dossiers:process", "dossiers:lead"],
    )
    return Client(HTTP_X_API_KEY=key)


def test_submitting_with_files_returns_the_code_and_secret_once(world, kiosk):
    response = kiosk.post(
        "/api/v1/dossiers", multipart(world, payload(world)), HTTP_IDEMPOTENCY_KEY="k-1"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["code"].startswith(world.centre.code) and len(body["lookup_secret"]) == 10
    assert Dossier.objects.get(code=body["code"]).files.count() == 2


def test_an_idempotency_key_retry_returns_the_first_dossier(world, kiosk):
    first = kiosk.post(
        "/api/v1/dossiers", multipart(world, payload(world)), HTTP_IDEMPOTENCY_KEY="same"
    )
    again = kiosk.post(
        "/api/v1/dossiers", multipart(world, payload(world)), HTTP_IDEMPOTENCY_KEY="same"
    )
    assert again.status_code == 201 and again.json() == first.json()
    assert Dossier.objects.count() == 1


def test_the_same_key_with_a_different_body_gets_422(world, kiosk):
    kiosk.post("/api/v1/dossiers", multipart(world, payload(world)), HTTP_IDEMPOTENCY_KEY="same")
    changed = payload(world, form_data={"dien_tich": 200})
    response = kiosk.post(
        "/api/v1/dossiers", multipart(world, changed), HTTP_IDEMPOTENCY_KEY="same"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "Idempotency-Key"
    assert Dossier.objects.count() == 1


def test_a_missing_idempotency_key_is_a_clear_400(world, kiosk):
    response = kiosk.post("/api/v1/dossiers", multipart(world, payload(world)))
    assert response.status_code == 400 and "Idempotency-Key" in response.json()["detail"]


@pytest.mark.parametrize(
    "change,field",
    [
        ({"procedure": "9.999999"}, "procedure"),
        ({"case": "KHONG-CO"}, "case"),
        ({"receiving_agency": "999.99.99.H26"}, "receiving_agency"),
        ({"form_data": {"dien_tich": -5}}, "form_data.dien_tich"),
        (
            {
                "applicant": {
                    "kind": "citizen",
                    "name": "A",
                    "personal_id": "12",
                    "phone": "0912345678",
                }
            },
            "personal_id",
        ),
        ({"channel": "fax"}, "channel"),
    ],
)
def test_bad_fields_get_a_422_naming_the_field(world, kiosk, change, field):
    response = kiosk.post(
        "/api/v1/dossiers",
        multipart(world, payload(world, **change)),
        HTTP_IDEMPOTENCY_KEY=f"bad-{field}",
    )
    assert response.status_code == 422, response.content
    assert field in [error["field"] for error in response.json()["errors"]]
    assert all(error["message"] for error in response.json()["errors"])


def test_a_file_that_is_not_what_it_claims_is_refused(world, kiosk):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("DON.pdf", b"<html>not a pdf</html>", "application/pdf")
    response = kiosk.post(
        "/api/v1/dossiers", multipart(world, payload(world), DON=fake), HTTP_IDEMPOTENCY_KEY="fake"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "documents.DON"


def test_an_oversized_file_is_refused_while_streaming(world, kiosk, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.UPLOAD_MAX_BYTES = 2048
    big = SimpleUploadedFile("DON.pdf", PDF_BYTES + b"0" * 5000, "application/pdf")
    response = kiosk.post(
        "/api/v1/dossiers", multipart(world, payload(world), DON=big), HTTP_IDEMPOTENCY_KEY="big"
    )
    assert response.status_code == 413
    assert response.json()["errors"][0]["field"] == "documents.DON"


def test_bad_json_and_a_missing_key_are_4xx(world, kiosk):
    response = kiosk.post(
        "/api/v1/dossiers", "{not json", content_type="application/json", HTTP_IDEMPOTENCY_KEY="j"
    )
    assert response.status_code == 422
    assert Client().get("/api/v1/dossiers").status_code == 401


def test_another_agencys_client_gets_404_on_read_and_action_and_an_empty_list(
    world, kiosk, justice
):
    code = kiosk.post(
        "/api/v1/dossiers", multipart(world, payload(world)), HTTP_IDEMPOTENCY_KEY="x"
    ).json()["code"]
    assert justice.get(f"/api/v1/dossiers/{code}").status_code == 404
    response = justice.post(
        f"/api/v1/dossiers/{code}/forward", {"version": 1}, content_type="application/json"
    )
    assert response.status_code == 404
    assert justice.get("/api/v1/dossiers").json()["count"] == 0
    assert kiosk.get("/api/v1/dossiers").json()["count"] == 1


def test_actions_through_the_api_and_a_stale_version(world, kiosk, construction):
    code = kiosk.post(
        "/api/v1/dossiers", multipart(world, payload(world)), HTTP_IDEMPOTENCY_KEY="life"
    ).json()["code"]
    detail = kiosk.get(f"/api/v1/dossiers/{code}").json()
    received = kiosk.post(
        f"/api/v1/dossiers/{code}/receive",
        {"version": detail["version"]},
        content_type="application/json",
    )
    assert received.status_code == 200, received.json()
    assert received.json()["status"] == "processing" and received.json()["due_at"]
    stale = construction.post(
        f"/api/v1/dossiers/{code}/forward",
        {"version": detail["version"]},
        content_type="application/json",
    )
    assert stale.status_code == 409 and "phiên bản" in stale.json()["detail"]
    version = received.json()["version"]
    paused = construction.post(
        f"/api/v1/dossiers/{code}/pause",
        {
            "version": version,
            "reason": "supplement",
            "note": "Thiếu bản vẽ",
            "items": ["Bản vẽ mặt bằng"],
        },
        content_type="application/json",
    )
    assert paused.status_code == 200 and paused.json()["status"] == "paused"
    refused = kiosk.post(
        f"/api/v1/dossiers/{code}/refuse",
        {"version": paused.json()["version"], "reasons": "x"},
        content_type="application/json",
    )
    assert refused.status_code == 409 and "Tạm dừng" in refused.json()["detail"]


def test_a_key_without_the_scope_is_refused(world, kiosk):
    code = kiosk.post(
        "/api/v1/dossiers", multipart(world, payload(world)), HTTP_IDEMPOTENCY_KEY="s"
    ).json()["code"]
    response = kiosk.post(
        f"/api/v1/dossiers/{code}/decide",
        {"version": 2, "outcome": "approved"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_list_and_detail_query_counts_are_pinned(world, kiosk, django_assert_num_queries):
    # key, grants, count, page and one insert into the personal-data access log; the same
    # however many dossiers the page shows
    kiosk.get("/api/v1/dossiers")  # the key's last-used time is written at most once a minute
    for rows in (3, 12):
        while Dossier.objects.count() < rows:
            submit_online(world, name=f"Người {Dossier.objects.count()}")
        with django_assert_num_queries(5):
            assert kiosk.get("/api/v1/dossiers").json()["count"] == rows
    code = Dossier.objects.first().code
    # the detail's money: obligations, payments, refunds, the postal choice, receipts
    with django_assert_num_queries(15):
        assert kiosk.get(f"/api/v1/dossiers/{code}").status_code == 200


def test_lookup_by_code_and_secret_and_its_rate_limit(world, settings, pinned_rate_windows):
    submission = submit_online(world)
    public = Client()
    ok = public.get(
        "/api/v1/lookup", {"code": submission.dossier.code, "secret": submission.lookup_secret}
    )
    assert ok.status_code == 200 and ok.json()["status"] == "submitted"
    text = json.dumps(ok.json(), ensure_ascii=False)
    assert "Trần Thị Bích Ngọc" not in text and "001190012345" not in text
    wrong = public.get("/api/v1/lookup", {"code": submission.dossier.code, "secret": "AAAAAAAAAA"})
    assert wrong.status_code == 404
    settings.LOOKUP_RATE_LIMIT = 1
    from django.core.cache import cache

    cache.clear()
    public.get("/api/v1/lookup", {"code": "x", "secret": "y"})
    assert public.get("/api/v1/lookup", {"code": "x", "secret": "y"}).status_code == 429


def test_every_action_through_the_api(world, kiosk):
    """One dossier walked through every action endpoint, each by a client whose scopes give the
    service user the role that action needs on the agency concerned."""
    from motcua.accounts.tests.factories import UserFactory
    from motcua.agencies.choices import Role
    from motcua.agencies.tests.factories import RoleGrantFactory

    _, lead_key = create_api_client(
        "Lãnh đạo Sở XD",
        agency=world.department,
        scopes=["dossiers:read", "dossiers:process", "dossiers:lead"],
    )
    lead = Client(HTTP_X_API_KEY=lead_key)
    _, return_key = create_api_client(
        "Quầy trả kết quả", agency=world.centre, scopes=["dossiers:read", "dossiers:return"]
    )
    returner = Client(HTTP_X_API_KEY=return_key)
    _, coordinating_key = create_api_client(
        "Sở Tư pháp", agency=world.other, scopes=["dossiers:read", "dossiers:process"]
    )
    coordinating = Client(HTTP_X_API_KEY=coordinating_key)
    specialist = UserFactory(official=True, username="cv.capphep")
    RoleGrantFactory(user=specialist, agency=world.unit, role=Role.SPECIALIST)

    def act(client, action, **body):
        version = client.get(f"/api/v1/dossiers/{code}").json()["version"]
        response = client.post(
            f"/api/v1/dossiers/{code}/{action}",
            {"version": version, **body},
            content_type="application/json",
        )
        assert response.status_code == 200, (action, response.json())
        return response.json()

    # Returned for completion, then resubmitted by the applicant would need the portal; a second
    # dossier shows refusal and withdrawal.
    other = kiosk.post(
        "/api/v1/dossiers", multipart(world, payload(world)), HTTP_IDEMPOTENCY_KEY="other"
    ).json()["code"]
    code = other
    assert (
        act(kiosk, "return-for-completion", missing=["Bản vẽ thiết kế"], note="")["status"]
        == "returned_for_completion"
    )
    code = kiosk.post(
        "/api/v1/dossiers", multipart(world, payload(world)), HTTP_IDEMPOTENCY_KEY="refuse"
    ).json()["code"]
    assert act(kiosk, "refuse", reasons="Không thuộc thẩm quyền")["status"] == "refused"
    code = kiosk.post(
        "/api/v1/dossiers", multipart(world, payload(world)), HTTP_IDEMPOTENCY_KEY="withdraw"
    ).json()["code"]
    assert act(kiosk, "withdraw", reason="Người nộp đề nghị rút")["status"] == "withdrawn"

    code = kiosk.post(
        "/api/v1/dossiers", multipart(world, payload(world)), HTTP_IDEMPOTENCY_KEY="main"
    ).json()["code"]
    assert (
        act(
            kiosk,
            "receive",
            checklist=[
                {"document_code": "DON", "form": "original", "quantity": 1},
                {"document_code": "GCN", "form": "certified_copy", "quantity": 1},
            ],
        )["status"]
        == "processing"
    )
    assert act(lead, "assign", assignee="cv.capphep")["steps"][-1]["assigned_to"]
    assert act(lead, "pause", reason="financial", note="Chờ nộp lệ phí")["status"] == "paused"
    assert act(lead, "resume", note="Đã nộp")["status"] == "processing"
    assert (
        act(lead, "hand-over", to_agency=world.other.code, reason="Lấy ý kiến")["steps"][-1][
            "unit"
        ]["code"]
        == world.other.code
    )
    assert act(coordinating, "forward", note="Thống nhất")["steps"][-1]["name"] == "Phê duyệt"
    assert (
        act(lead, "return-to-step", order=2, reason="Bổ sung thẩm định")["steps"][-1]["name"]
        == "Thẩm định hồ sơ"
    )
    assert act(lead, "forward", note="Đã thẩm định lại")["steps"][-1]["name"] == "Phê duyệt"
    detail = lead.get(f"/api/v1/dossiers/{code}").json()
    apology = act(
        lead, "apologise", reason="Chờ ý kiến liên ngành", new_due_at="2099-01-05T10:00:00+07:00"
    )
    assert apology["applicant_due_at"] and apology["due_at"] == detail["due_at"]
    decided = act(
        lead,
        "decide",
        outcome="approved",
        documents=[
            {
                "title": "Giấy phép xây dựng",
                "number": "15/GPXD",
                "signed_on": "2026-03-10",
                "signer": "Nguyễn Đức Minh",
            }
        ],
    )
    assert decided["status"] == "decided"
    returned = act(
        returner,
        "return-result",
        channel="counter",
        collected_by_name="Vũ Minh Châu",
        collected_by_id_number="001200054321",
    )
    assert returned["status"] == "returned"
    from motcua.events.verify import verify_all

    assert verify_all(Dossier.objects.all()) == []


@pytest.mark.parametrize(
    "action,body,field",
    [
        ("pause", {"reason": "holiday", "note": "x"}, "reason"),
        ("pause", {"reason": "supplement", "note": "x", "items": []}, "items"),
        ("decide", {"outcome": "maybe"}, "outcome"),
        ("decide", {"outcome": "rejected", "reason": ""}, "reason"),
        ("assign", {"assignee": "khong-ton-tai"}, "assignee"),
        ("hand-over", {"to_agency": "999.99.99.H26", "reason": "x"}, "to_agency"),
        ("return-to-step", {"order": 9, "reason": "x"}, "order"),
        ("apologise", {"reason": "x", "new_due_at": "30/02/2026"}, "new_due_at"),
        ("stop", {"reason_kind": "whim", "reason": "x"}, "reason_kind"),
        ("stop", {"reason_kind": "legal_reason", "reason": "   "}, "reason"),
        ("stop", {"reason_kind": "legal_reason", "reason": "x" * 2001}, "reason"),
    ],
)
def test_bad_action_bodies_get_a_field_level_4xx(world, kiosk, construction, action, body, field):
    code = kiosk.post(
        "/api/v1/dossiers",
        multipart(world, payload(world)),
        HTTP_IDEMPOTENCY_KEY=f"a-{action}-{field}",
    ).json()["code"]
    submitted = kiosk.get(f"/api/v1/dossiers/{code}").json()["version"]
    version = kiosk.post(
        f"/api/v1/dossiers/{code}/receive", {"version": submitted}, content_type="application/json"
    ).json()["version"]
    response = construction.post(
        f"/api/v1/dossiers/{code}/{action}",
        {"version": version, **body},
        content_type="application/json",
    )
    assert 400 <= response.status_code < 500, response.content
    assert field in [error["field"] for error in response.json()["errors"]], response.json()


def test_a_leader_stops_a_dossier_through_the_api_and_reception_may_not(world, kiosk, construction):
    code = kiosk.post(
        "/api/v1/dossiers", multipart(world, payload(world)), HTTP_IDEMPOTENCY_KEY="stop"
    ).json()["code"]
    submitted = kiosk.get(f"/api/v1/dossiers/{code}").json()["version"]
    received = kiosk.post(
        f"/api/v1/dossiers/{code}/receive", {"version": submitted}, content_type="application/json"
    ).json()
    assert received["national_code"] == 4
    # How the responsible agency was chosen, and the supplement count, as the dossier keeps them.
    kept = Dossier.objects.get(code=code)
    assert received["routing_reason"] == kept.routing_reason != ""
    assert received["supplement_requests"] == kept.supplement_requests == 0
    body = {
        "version": received["version"],
        "reason_kind": "applicant_request",
        "reason": "Người nộp đề nghị dừng giải quyết",
    }
    refused = kiosk.post(f"/api/v1/dossiers/{code}/stop", body, content_type="application/json")
    assert refused.status_code == 403
    stopped = construction.post(
        f"/api/v1/dossiers/{code}/stop", body, content_type="application/json"
    )
    assert stopped.status_code == 200, stopped.json()
    answer = stopped.json()
    assert answer["status"] == "stopped" and answer["national_code"] == 8
    assert answer["stop_reason_kind"] == "applicant_request"
    assert answer["stop_reason"] == "Người nộp đề nghị dừng giải quyết"
    assert answer["stopped_at"] and answer["due_at"] is None
