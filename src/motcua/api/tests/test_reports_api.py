"""The reports API for leaders' systems: a `reports:read` client reads its agency's subtree and
gets the reports module's figures; another agency is a 403 that says what it may read; bad
parameters are 422s naming the field."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from motcua.accounts.apiclients import create_api_client
from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.choices import Role
from motcua.agencies.tests.factories import RoleGrantFactory
from motcua.api.tests.test_open_data_api import build_month, personal_values
from motcua.reports import figures
from motcua.reports.scope import Scope
from motcua.reports.service_index import league_table, service_index
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db

FIGURES = "/api/v1/reports/figures"
INDEX = "/api/v1/reports/service-index"
MARCH = {"start": "2026-03-01", "end": "2026-03-31"}


def key_client(agency, scopes=("reports:read",)):
    _client, key = create_api_client(
        f"Hệ thống lãnh đạo {uuid.uuid4().hex[:8]}", agency=agency, scopes=list(scopes)
    )
    return Client(HTTP_X_API_KEY=key)


@pytest.fixture(autouse=True)
def _live_aggregates(settings):
    settings.REPORTS_LIVE_AGGREGATES = True


@pytest.fixture
def march(world, settings):
    return build_month(world, settings)


def test_a_client_reads_its_agencys_figures_as_the_reports_module_counts_them(march, world):
    client = key_client(world.department)
    response = client.get(FIGURES, MARCH)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["scope"]["agency"]["code"] == world.department.code
    scope = Scope(start=date(2026, 3, 1), end=date(2026, 3, 31), agency=world.department)
    expected = figures.dossier_figures(scope, now=timezone.now())
    for name in ("received", "received_online", "finished", "finished_late", "refused"):
        assert body["dossiers"][name] == getattr(expected, name), name
    assert body["dossiers"]["received"] > 0
    catalog = figures.catalog_figures(scope)
    assert body["catalog"]["total"] == catalog.total
    assert [row["agency"]["code"] for row in body["agencies"]] == [world.unit.code]
    assert response["Cache-Control"] == "private, no-cache"
    # Without `agency`: the client's own agency, the topmost it may read.
    assert client.get(FIGURES, MARCH).json()["scope"]["agency"]["code"] == world.department.code
    # Narrower: a procedure, a field.
    procedure = client.get(FIGURES, {**MARCH, "procedure": world.procedure.code}).json()
    assert procedure["scope"]["procedure"]["code"] == world.procedure.code
    narrower = scope.narrower(procedure=world.procedure)
    assert (
        procedure["dossiers"]["received"]
        == figures.dossier_figures(narrower, now=timezone.now()).received
    )
    field = client.get(FIGURES, {**MARCH, "field": str(world.procedure.field_id)}).json()
    assert field["scope"]["field"]["code"] == world.procedure.field.code
    # No personal data in the leaders' figures either.
    text = response.content.decode()
    for value in personal_values():
        assert value not in text


def test_another_agencys_figures_are_403_with_a_clear_message(world):
    client = key_client(world.other)
    response = client.get(FIGURES, {**MARCH, "agency": world.department.code})
    assert response.status_code == 403
    detail = response.json()["detail"]
    assert world.department.name in detail and world.other.name in detail
    assert "chỉ được xem số liệu" in detail
    # The whole province is not its to read either.
    whole = key_client(world.other).get(FIGURES, {**MARCH, "agency": str(world.centre.parent_id)})
    assert whole.status_code == 403
    # Its own subtree is.
    assert client.get(FIGURES, {**MARCH, "agency": world.other.code}).status_code == 200


def test_a_key_without_the_reports_scope_or_no_key_is_refused(world):
    reader = key_client(world.department, scopes=("dossiers:read",))
    response = reader.get(FIGURES, MARCH)
    assert response.status_code == 403
    assert "reports:read" in response.json()["detail"]
    assert Client().get(FIGURES, MARCH).status_code == 401


def test_a_signed_in_report_reader_reads_through_the_session(world):
    reader = UserFactory(official=True, full_name="Mai Văn Đọc")
    RoleGrantFactory(
        user=reader, agency=world.centre.parent, role=Role.REPORT_READER, includes_subtree=True
    )
    client = Client()
    sign_in_official(client, reader)
    response = client.get(FIGURES, MARCH)
    assert response.status_code == 200, response.content
    assert response.json()["scope"]["agency"] is None  # the whole province


@pytest.mark.parametrize(
    ("params", "field", "words"),
    [
        ({"start": "2026-03-31", "end": "2026-03-01"}, "end", "sau hoặc bằng ngày đầu"),
        ({"start": "2025-01-01", "end": "2026-03-31"}, "end", "tối đa 366 ngày"),
        ({"start": "1999-01-01", "end": "2026-03-31"}, "start", "2000"),
        ({"end": "2026-03-31"}, "start", "bắt buộc"),
        ({**MARCH, "agency": "000.00.99.H99"}, "agency", "Không có cơ quan"),
        ({**MARCH, "field": "KHONG-CO"}, "field", "Không có lĩnh vực"),
        ({**MARCH, "procedure": "9.999999"}, "procedure", "Không có thủ tục"),
    ],
)
def test_bad_parameters_are_422_naming_the_field(world, params, field, words):
    response = key_client(world.department).get(FIGURES, params)
    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert [error["field"] for error in errors] == [field]
    assert words in errors[0]["message"]


def test_the_service_index_of_the_clients_agency(march, world):
    client = key_client(world.centre.parent)
    response = client.get(INDEX, {**MARCH, "agency": world.centre.parent.code})
    assert response.status_code == 200, response.content
    body = response.json()
    scope = Scope(start=date(2026, 3, 1), end=date(2026, 3, 31), agency=world.centre.parent)
    card = service_index(scope, now=timezone.now())
    assert body["card"]["total"] == pytest.approx(card.total)
    assert body["card"]["band"]["code"] == card.band.code
    assert [item["code"] for item in body["card"]["indicators"]] == [
        score.indicator.code for score in card.indicators
    ]
    league = league_table(scope, now=timezone.now())
    assert [row["agency"]["code"] for row in body["league"]] == [row.agency.code for row in league]
    # Without an agency, a client of the top agency reads the whole province: its league is
    # the top-level agencies.
    whole = client.get(INDEX, MARCH).json()
    assert whole["scope"]["agency"] is None
    assert [row["agency"]["code"] for row in whole["league"]] == [world.centre.parent.code]
    denied = key_client(world.other).get(INDEX, {**MARCH, "agency": world.department.code})
    assert denied.status_code == 403
