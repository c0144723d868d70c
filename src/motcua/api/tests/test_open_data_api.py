"""The open data API: the figures are the reports module's for the same scope, with small
counts hidden; no personal data anywhere; CSV that parses back; the licence in every answer;
ETag and Cache-Control; a per-address limit; field-level 422s."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.fixtures import received
from motcua.events.services import run_deliveries
from motcua.reports import figures, open_data
from motcua.reports.scope import Scope
from motcua.reports.tests.scenario import NOW, build

pytestmark = pytest.mark.django_db

URL = "/api/v1/open/figures"
MARCH = {"start": "2026-03-01", "end": "2026-03-31"}
# Applicants of their own, so the test below looks for more than one name.
OTHERS = [
    {
        "name": "Lương Thế Vinh",
        "personal_id": "001085000111",
        "phone": "0987000111",
        "email": "vinh@example.vn",
        "address": "7 ngõ Tạm Thương",
    },
    {
        "name": "Hồ Xuân Hương",
        "personal_id": "038172000222",
        "phone": "0903000222",
        "email": "huong@example.vn",
        "address": "45 phố Hàng Gai",
    },
]


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    settings.REPORTS_LIVE_AGGREGATES = True  # the reports' aggregates follow the outbox
    cache.clear()  # the open tables and the per-address counts
    yield
    cache.clear()


def build_month(world, settings):
    """The reports' March 2026 (reports/tests/scenario.py) and two more applicants, with the
    aggregates brought up to date."""
    month = build(world, settings)
    for applicant in OTHERS:
        received(world, **applicant)
    while run_deliveries(limit=500, now=NOW) != (0, 0):
        pass
    return month


@pytest.fixture
def march(world, settings):
    return build_month(world, settings)


def personal_values() -> set[str]:
    """Every applicant's and submitter's personal data in the database, and the dossiers'
    codes: none may appear in an open answer."""
    values: set[str] = set()
    for row in Dossier.objects.values(
        "code",
        "applicant_name",
        "applicant_personal_id",
        "applicant_tax_code",
        "applicant_address",
        "applicant_phone",
        "applicant_email",
        "submitter_name",
        "submitter_personal_id",
    ):
        values.update(value for value in row.values() if value)
    return values


def test_the_figures_are_the_reports_modules_for_the_same_scope(march, world, settings):
    settings.OPEN_DATA_MIN_COUNT = 1  # nothing hidden: every value is the module's
    body = Client().get(URL, MARCH).json()
    now = timezone.now()
    expected = {}
    top = Scope(start=date(2026, 3, 1), end=date(2026, 3, 31))
    for unit in figures.breakdown(top, "agency", now=now):
        for row in figures.breakdown(unit.scope, "procedure", now=now):
            f = row.figures
            expected[(unit.scope.agency.code, row.scope.procedure.code)] = {
                "received": f.received,
                "received_online": f.received_online + f.received_national_portal,
                "finished": f.finished,
                "finished_on_time": f.finished_early + f.finished_on_time,
                "finished_late": f.finished_late,
            }
    got = {
        (row["agency_code"], row["procedure_code"]): {name: row[name] for name in expected_keys()}
        for row in body["rows"]
    }
    assert got == expected
    assert got  # the scenario's month has dossiers
    assert {row["month"] for row in body["rows"]} == {"2026-03"}


def expected_keys():
    return ("received", "received_online", "finished", "finished_on_time", "finished_late")


def test_an_agency_gives_the_rows_of_its_children(march, world, settings):
    settings.OPEN_DATA_MIN_COUNT = 1
    city = world.centre.parent
    body = Client().get(URL, {**MARCH, "agency": city.code}).json()
    assert body["agency"]["code"] == city.code
    children = {child.code for child in city.children.all()}
    assert {row["agency_code"] for row in body["rows"]} <= children
    scope = Scope(start=date(2026, 3, 1), end=date(2026, 3, 31), agency=world.department)
    by_department = [row for row in body["rows"] if row["agency_code"] == world.department.code]
    assert (
        sum(row["received"] for row in by_department)
        == figures.dossier_figures(scope, now=timezone.now()).received
    )
    # A leaf: its own rows.
    leaf = Client().get(URL, {**MARCH, "agency": world.unit.code}).json()
    assert {row["agency_code"] for row in leaf["rows"]} <= {world.unit.code}


def test_small_counts_are_hidden_and_cannot_be_given_back(march, world, settings):
    settings.OPEN_DATA_MIN_COUNT = 5
    body = Client().get(URL, MARCH).json()
    settings.OPEN_DATA_MIN_COUNT = 1
    cache.clear()
    raw = {
        (row["agency_code"], row["procedure_code"]): row
        for row in Client().get(URL, MARCH).json()["rows"]
    }
    assert body["suppression"]["min_count"] == 5
    hidden = 0
    for row in body["rows"]:
        full = raw[(row["agency_code"], row["procedure_code"])]
        for name in expected_keys():
            if row[name] is None:
                hidden += 1
            else:
                assert row[name] == full[name]
                assert row[name] == 0 or row[name] >= 5, (name, row)
        # A published total never sits beside exactly one hidden part.
        if row["finished"] is not None:
            parts = [row["finished_on_time"], row["finished_late"]]
            assert parts.count(None) in (0, 2)
        if row["finished"] is None:
            assert row["processing_days_mean"] is None
    assert hidden  # the scenario's second procedure has one dossier: hidden


def test_suppression_rules():
    values = {
        "received": 12,
        "received_online": 9,
        "finished": 8,
        "finished_on_time": 6,
        "finished_late": 2,
        "processing_days_mean": 3.14159,
    }
    out = open_data.suppress(values, 5)
    # 12 - 9 = 3 received otherwise: the online count would give it back.
    assert out["received"] == 12 and out["received_online"] is None
    assert out["finished"] == 8
    assert out["finished_on_time"] is None and out["finished_late"] is None
    assert out["processing_days_mean"] == 3.1
    tiny = open_data.suppress(
        {**values, "finished": 3, "finished_on_time": 3, "finished_late": 0}, 5
    )
    assert tiny["finished"] is None and tiny["processing_days_mean"] is None
    assert tiny["finished_on_time"] is None and tiny["finished_late"] is None
    zeros = open_data.suppress(
        {**values, "received_online": 0, "finished": 0, "finished_on_time": 0, "finished_late": 0},
        5,
    )
    # 12 - 0 = 12: nothing small anywhere; zeros are published.
    assert zeros["received_online"] == 0 and zeros["finished_late"] == 0
    assert open_data.suppress(values, 1)["finished_late"] == 2


def test_no_personal_data_in_any_answer(march, world, settings):
    settings.OPEN_DATA_MIN_COUNT = 1
    personal = personal_values()
    assert {"Trần Thị Bích Ngọc", "Lương Thế Vinh", "001085000111"} <= personal
    client = Client()
    answers = [
        client.get(URL, MARCH),
        client.get(URL, {**MARCH, "format": "csv"}),
        client.get(URL, {**MARCH, "agency": world.centre.parent.code}),
        client.get("/api/v1/open/agencies"),
        client.get("/api/v1/open/licence"),
    ]
    for response in answers:
        assert response.status_code == 200
        text = response.content.decode("utf-8-sig")
        for value in personal:
            assert value not in text, value
    # Only the documented columns, whatever the data.
    row = answers[0].json()["rows"][0]
    assert set(row) == {name for name, _label in open_data.columns()}
    agency = answers[3].json()["agencies"][0]
    assert set(agency) == {"code", "name", "short_name", "kind", "kind_label", "parent", "depth"}


def test_csv_parses_back_to_the_json_rows_with_the_licence(march, settings):
    settings.OPEN_DATA_MIN_COUNT = 5
    client = Client()
    rows = client.get(URL, MARCH).json()["rows"]
    response = client.get(URL, {**MARCH, "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="du-lieu-mo_')
    assert response.content.startswith("\ufeff".encode())
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, data = lines[0], lines[1:]
    assert header[:3] == ["Tháng", "Mã cơ quan", "Tên cơ quan"]
    assert "Số hồ sơ tiếp nhận" in header and header[-2:] == ["Giấy phép", "Nguồn"]
    assert len(data) == len(rows)
    names = [name for name, _label in open_data.columns()]
    for line, row in zip(data, rows, strict=True):
        parsed = dict(zip(names, line, strict=False))
        for name in names:
            value = row[name]
            assert parsed[name] == ("" if value is None else str(value)), name
        assert line[-2] == "CC-BY-4.0 https://creativecommons.org/licenses/by/4.0/"
        assert line[-1] == settings.OPEN_DATA_PUBLISHER
    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'


def test_the_licence_is_a_setting_and_in_every_answer(march, settings):
    client = Client()
    for path in (URL, "/api/v1/open/agencies", "/api/v1/open/licence"):
        body = client.get(path).json()
        assert body["licence"]["code"] == "CC-BY-4.0"
        assert "creativecommons.org/licenses/by/4.0" in body["licence"]["attribution"]
    settings.OPEN_DATA_LICENCE = "CC0-1.0"
    settings.OPEN_DATA_PUBLISHER = "UBND tỉnh Thử Nghiệm"
    cache.clear()
    body = client.get("/api/v1/open/licence").json()
    assert body["licence"]["code"] == "CC0-1.0"
    assert body["licence"]["publisher"] == "UBND tỉnh Thử Nghiệm"
    assert body["suppression"]["min_count"] == settings.OPEN_DATA_MIN_COUNT
    csv_text = client.get(URL, {**MARCH, "format": "csv"}).content.decode("utf-8-sig")
    assert "CC0-1.0 https://creativecommons.org/publicdomain/zero/1.0/" in csv_text


def test_answers_are_cacheable_with_an_etag(march, settings):
    settings.OPEN_DATA_CACHE_SECONDS = 120
    client = Client()
    first = client.get(URL, MARCH)
    assert first["Cache-Control"] == "public, max-age=120"
    etag = first["ETag"]
    again = client.get(URL, MARCH, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    as_csv = client.get(URL, {**MARCH, "format": "csv"})
    assert as_csv["ETag"] != etag
    assert client.get(URL, MARCH, HTTP_IF_NONE_MATCH='"other"').status_code == 200
    # Computed afresh each time, the same figures keep the same tag.
    settings.OPEN_DATA_CACHE_SECONDS = 0
    assert client.get(URL, MARCH, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_live_the_next_reading_counts_a_new_dossier(world, settings):
    """No cache: a dossier received now is in the next answer (this month, its agency)."""
    settings.OPEN_DATA_MIN_COUNT = 1
    settings.OPEN_DATA_CACHE_SECONDS = 0
    now = timezone.now()

    def received_now():
        rows = Client().get(URL).json()["rows"]
        return sum(row["received"] or 0 for row in rows)

    before = received_now()
    from motcua.dossiers import services
    from motcua.dossiers.tests.fixtures import submit_online

    dossier = submit_online(world, now=now).dossier
    services.receive_dossier(dossier, actor=world.receptionist, now=now)
    while run_deliveries(limit=500, now=now) != (0, 0):
        pass
    assert received_now() == before + 1


def test_rate_limited_per_address(settings):
    settings.OPEN_DATA_RATE_LIMIT = 2
    client = Client()
    assert client.get("/api/v1/open/licence").status_code == 200
    assert client.get("/api/v1/open/agencies").status_code == 200
    refused = client.get("/api/v1/open/licence")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
    assert "quá nhiều yêu cầu" in refused.json()["detail"]
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.get("/api/v1/open/licence").status_code == 200


@pytest.mark.parametrize(
    ("params", "field", "words"),
    [
        ({"start": "2026-03-01", "end": "2026-01-31"}, "end", "sau ngày bắt đầu"),
        ({"start": "2024-01-01", "end": "2025-06-30"}, "end", "tối đa 12 tháng"),
        ({"start": "2099-01-01"}, "start", "Chưa có số liệu"),
        ({"start": "1999-12-01"}, "start", "2000"),
        ({"start": "ngày đầu"}, "start", "Ngày giờ không hợp lệ"),
        ({"agency": "000.00.99.H99"}, "agency", "Không có cơ quan"),
        ({"format": "xml"}, "format", "json"),
    ],
)
def test_bad_parameters_are_422_naming_the_field(world, params, field, words):
    response = Client().get(URL, params)
    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert [error["field"] for error in errors] == [field]
    assert words in errors[0]["message"]


def test_any_day_stands_for_its_whole_month(march, settings):
    body = Client().get(URL, {"start": "2026-03-17", "end": "2026-03-18"}).json()
    assert (body["start"], body["end"]) == ("2026-03-01", "2026-03-31")


def test_documented_in_openapi_with_examples():
    document = json.loads(Client().get("/api/v1/openapi.json").content)
    operation = document["paths"]["/api/v1/open/figures"]["get"]
    assert "text/csv" in operation["responses"]["200"]["content"]
    schemas = document["components"]["schemas"]
    assert schemas["OpenFiguresOut"]["examples"][0]["rows"][0]["procedure_name"]
    assert schemas["LicenceAnswer"]["examples"]
    assert schemas["OpenAgenciesOut"]["examples"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert set(parameters) >= {"start", "end", "agency", "format"}


def test_the_month_is_vietnams_not_utcs(world, monkeypatch):
    """At 00:30 on 1 December in Vietnam it is still 30 November in UTC: December is open."""
    from datetime import UTC, datetime

    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 11, 30, 17, 30, tzinfo=UTC))
    response = Client().get(URL, {"start": "2026-12-01"})
    assert response.status_code == 200, response.content
    assert response.json()["end"] == "2026-12-31"
    assert Client().get(URL).json()["start"] == "2026-12-01"
