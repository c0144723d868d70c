"""The OpenAPI document is whole, valid and states what the API enforces; bad values get 4xx."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from openapi_spec_validator import validate

from motcua.api.tests.test_dossiers_api import kiosk, multipart, payload  # noqa: F401


@pytest.fixture(scope="module")
def document():
    return json.loads(Client().get("/api/v1/openapi.json").content)


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def test_the_document_is_a_valid_openapi_document(document):
    validate(document)


def test_every_reference_resolves(document):
    refs = set(_refs(document))
    assert "#/components/schemas/DossierIn" in refs
    for ref in refs:
        assert ref.startswith("#/"), ref
        node = document
        for part in ref[2:].split("/"):
            assert part in node, f"{ref} does not resolve"
            node = node[part]


def test_the_submission_body_is_described_for_json_and_multipart(document):
    content = document["paths"]["/api/v1/dossiers"]["post"]["requestBody"]["content"]
    multipart_schema = content["multipart/form-data"]["schema"]
    assert multipart_schema["properties"]["data"] == {"$ref": "#/components/schemas/DossierIn"}
    assert content["multipart/form-data"]["encoding"]["data"]["contentType"] == "application/json"
    # The documents' parts are named by a pattern, not by a placeholder.
    assert not [name for name in multipart_schema["properties"] if "<" in name]
    (part,) = multipart_schema["patternProperties"]
    assert part.startswith("^documents\\.")
    applicant = document["components"]["schemas"]["ApplicantIn"]
    assert applicant["properties"]["name"]["maxLength"] == 300


def test_the_document_states_the_limits(document):
    schemas = document["components"]["schemas"]
    parameters = {
        p["name"]: p["schema"] for p in document["paths"]["/api/v1/dossiers"]["get"]["parameters"]
    }
    assert parameters["page_size"]["maximum"] == 100
    assert parameters["page"]["maximum"] >= 1
    assert schemas["DossierIn"]["properties"]["receiving_agency"]["minLength"] == 1
    assert "receiving_agency" in schemas["DossierIn"]["required"]
    due = {
        p["name"]: p["schema"]
        for p in document["paths"]["/api/v1/calendar/due"]["get"]["parameters"]
    }
    assert due["days"]["multipleOf"] == 0.01 and due["calendar_days"]["type"] == "integer"
    assert "pattern" in due["from"]
    pause_reason = schemas["PauseIn"]["properties"]["reason"]["$ref"].rsplit("/", 1)[1]
    assert schemas[pause_reason]["enum"] == ["supplement", "financial", "applicant_request"]
    stop = schemas["StopIn"]["properties"]
    assert stop["reason"]["maxLength"] == 2000 and stop["reason"]["minLength"] == 1
    stop_kind = stop["reason_kind"]["$ref"].rsplit("/", 1)[1]
    assert schemas[stop_kind]["enum"] == ["applicant_request", "legal_reason"]


@pytest.mark.parametrize("page", ["10000000000000000000", "-1", "0", "1000001", "abc"])
def test_an_absurd_page_is_a_422_not_a_500(world, kiosk, page):  # noqa: F811
    for path in ("/api/v1/dossiers", "/api/v1/procedures"):
        response = kiosk.get(path, {"page": page})
        assert response.status_code == 422, (path, response.content)
        assert response.json()["errors"][0]["field"] == "page"


@pytest.mark.parametrize("field", ["receiving_agency", "procedure", "case"])
def test_an_empty_code_in_a_submission_is_a_422(world, kiosk, field):  # noqa: F811
    for body in (multipart(world, payload(world, **{field: ""})), None):
        if body is None:
            response = kiosk.post(
                "/api/v1/dossiers",
                json.dumps(payload(world, **{field: ""})),
                content_type="application/json",
                HTTP_IDEMPOTENCY_KEY=f"empty-{field}-json",
            )
        else:
            response = kiosk.post("/api/v1/dossiers", body, HTTP_IDEMPOTENCY_KEY=f"empty-{field}")
        assert response.status_code == 422, response.content
        assert field in [error["field"] for error in response.json()["errors"]]


def test_a_huge_file_id_or_version_is_a_4xx(world, kiosk):  # noqa: F811
    code = kiosk.post(
        "/api/v1/dossiers", multipart(world, payload(world)), HTTP_IDEMPOTENCY_KEY="huge"
    ).json()["code"]
    response = kiosk.get(f"/api/v1/dossiers/{code}/files/10000000000000000000")
    assert 400 <= response.status_code < 500
    response = kiosk.post(
        f"/api/v1/dossiers/{code}/receive",
        {"version": 10**19},
        content_type="application/json",
    )
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "version"


def test_moments_are_answered_in_vietnam_time(world, kiosk):  # noqa: F811
    code = kiosk.post(
        "/api/v1/dossiers", multipart(world, payload(world)), HTTP_IDEMPOTENCY_KEY="tz"
    ).json()["code"]
    detail = kiosk.get(f"/api/v1/dossiers/{code}").json()
    assert detail["submitted_at"].endswith("+07:00")
    assert all(f["uploaded_at"].endswith("+07:00") for f in detail["files"])
    listed = kiosk.get("/api/v1/dossiers").json()["results"][0]
    assert listed["submitted_at"].endswith("+07:00")
    due = Client().get("/api/v1/calendar/due", {"from": "2026-02-13T03:00:00Z", "days": "1"}).json()
    assert due["due"].endswith("+07:00")


def test_a_nul_character_anywhere_is_a_4xx(world, kiosk):  # noqa: F811
    nul = "a\x00b"
    for path, params in [
        ("/api/v1/dossiers", {"q": nul}),
        ("/api/v1/dossiers", {"agency": nul}),
        (f"/api/v1/dossiers/{nul}", {}),
    ]:
        response = kiosk.get(path, params)
        assert 400 <= response.status_code < 500, (path, params, response.content)
    body = payload(world, form_data={"dien_tich": 95, "ghi_chu": nul})
    body["applicant"]["name"] = nul
    response = kiosk.post("/api/v1/dossiers", multipart(world, body), HTTP_IDEMPOTENCY_KEY="nul")
    assert response.status_code == 422
    assert {"name", "form_data"} <= {e["field"] for e in response.json()["errors"]}
