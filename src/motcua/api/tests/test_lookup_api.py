"""The public lookup over HTTP: its answer, its query count, its refusals and its rate limit."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.test import Client
from django.utils import timezone

from motcua.api.dossier_schemas import LookupOut
from motcua.dossiers import services
from motcua.dossiers.choices import PauseReason
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.fixtures import submit_online, vn


@pytest.fixture(autouse=True)
def _fresh_rate_limit(pinned_rate_windows):
    """The limiter counts per address in the cache, which outlives a test (in windows that no
    boundary cuts)."""
    cache.clear()
    yield
    cache.clear()


def ask(code: str, secret: str):
    return Client().get("/api/v1/lookup", {"code": code, "secret": secret})


def test_a_lookup_answers_the_declared_shape_in_one_query(world, django_assert_num_queries):
    submission = submit_online(world)
    services.receive_dossier(submission.dossier, actor=world.receptionist, now=vn(2026, 3, 2, 10))
    stored = Dossier.objects.get(pk=submission.dossier.pk)

    with django_assert_num_queries(1):
        response = ask(stored.code, submission.lookup_secret)

    assert response.status_code == 200
    answer = response.json()
    assert set(answer) == set(LookupOut.model_fields)
    LookupOut.model_validate(answer)

    def moment(value):
        # Moments are answered in Vietnam time, +07:00.
        return DjangoJSONEncoder().default(timezone.localtime(value))

    assert answer == {
        "code": stored.code,
        "status": "processing",
        "status_label": "Đang xử lý",
        "procedure_name": "Cấp giấy phép xây dựng nhà ở riêng lẻ",
        "submitted_at": moment(stored.submitted_at),
        "received_at": moment(stored.received_at),
        "due_at": moment(stored.due_at),
        "applicant_due_at": None,
        "decided_at": None,
        "pending_supplement": [],
    }
    assert "Trần Thị Bích Ngọc" not in response.content.decode()


def test_a_paused_dossier_shows_what_the_applicant_must_supplement(
    world, django_assert_num_queries
):
    submission = submit_online(world)
    dossier = services.receive_dossier(
        submission.dossier, actor=world.receptionist, now=vn(2026, 3, 2, 10)
    )
    services.pause_dossier(
        dossier,
        actor=world.specialist,
        reason=PauseReason.SUPPLEMENT,
        note="Thiếu bản vẽ",
        items=["Bản vẽ mặt bằng công trình"],
        now=vn(2026, 3, 4, 10),
    )
    with django_assert_num_queries(2):  # the dossier, then its open pause
        answer = ask(dossier.code, submission.lookup_secret).json()
    assert answer["status"] == "paused" and answer["due_at"] is None
    assert answer["pending_supplement"] == ["Bản vẽ mặt bằng công trình"]


def test_a_wrong_secret_and_an_unknown_code_get_the_same_answer(world):
    submission = submit_online(world)
    wrong_secret = ask(submission.dossier.code, "AAAAAAAAAA")
    unknown_code = ask("000.00.99.H26-260302-0001", submission.lookup_secret)
    not_a_code = ask("000\x00", submission.lookup_secret)  # PostgreSQL refuses a NUL in text
    assert wrong_secret.status_code == unknown_code.status_code == not_a_code.status_code == 404
    assert wrong_secret.content == unknown_code.content == not_a_code.content
    assert json.loads(wrong_secret.content) == {
        "detail": "Mã hồ sơ hoặc mã tra cứu không đúng.",
        "errors": [],
    }


def test_every_lookup_counts_toward_the_limit_whatever_its_answer(world, settings):
    settings.LOOKUP_RATE_LIMIT = 3
    submission = submit_online(world)
    code, secret = submission.dossier.code, submission.lookup_secret
    assert [
        ask(*pair).status_code
        for pair in [(code, secret), (code, "AAAAAAAAAA"), ("khong-co", secret), (code, secret)]
    ] == [200, 404, 404, 429]


def test_the_lookup_stays_documented_in_the_openapi_schema(client, db):
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/lookup"]["get"]
    assert {(p["name"], p["in"], p["required"]) for p in operation["parameters"]} == {
        ("code", "query", True),
        ("secret", "query", True),
    }
    answers = operation["responses"]
    assert answers["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/LookupOut"
    }
    assert {"404", "429"} <= set(answers)


def test_a_lookup_by_post_keeps_the_secret_out_of_the_address_and_answers_alike(world):
    submission = submit_online(world)
    code, secret = submission.dossier.code, submission.lookup_secret
    by_get = ask(code, secret)
    by_post = Client().post(
        "/api/v1/lookup", {"code": code, "secret": secret}, content_type="application/json"
    )
    assert by_post.status_code == 200 and by_post.json() == by_get.json()

    wrong = Client().post(
        "/api/v1/lookup", {"code": code, "secret": "ABCDEFGHJK"}, content_type="application/json"
    )
    unknown = Client().post(
        "/api/v1/lookup", {"code": code + "9", "secret": secret}, content_type="application/json"
    )
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json() == unknown.json()
    missing = Client().post("/api/v1/lookup", {"code": code}, content_type="application/json")
    assert missing.status_code == 422


def test_the_api_reads_a_code_typed_in_lower_case_with_spaces(world):
    submission = submit_online(world)
    response = ask(f" {submission.dossier.code.lower()} ", submission.lookup_secret.lower())
    assert response.status_code == 200
    assert response.json()["code"] == submission.dossier.code
