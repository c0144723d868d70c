"""The open data page: the figures of the chosen months and agency with their licence and the
downloads; no personal data; bad months answered on the page; English when asked."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from motcua.api.tests.test_open_data_api import build_month, personal_values

pytestmark = pytest.mark.django_db

URL = "/du-lieu-mo/"


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    settings.REPORTS_LIVE_AGGREGATES = True
    cache.clear()
    yield
    cache.clear()


def test_the_page_shows_the_months_figures_the_licence_and_the_downloads(world, settings):
    build_month(world, settings)
    settings.OPEN_DATA_MIN_COUNT = 1
    assert reverse("portal:open_data") == URL
    response = Client().get(URL, {"tu": "2026-03", "den": "2026-03"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dữ liệu mở về giải quyết thủ tục hành chính" in html
    assert world.procedure.name in html and world.department.name in html
    assert 'rel="license"' in html and "Creative Commons Attribution 4.0" in html
    assert "/api/v1/open/figures?start=2026-03-01&amp;end=2026-03-31&amp;format=csv" in html
    assert response["Cache-Control"].startswith("public, max-age=")
    for value in personal_values():
        assert value not in html, value
    # The page shows what the API publishes.
    rows = Client().get("/api/v1/open/figures", {"start": "2026-03-01"}).json()["rows"]
    assert rows and all(row["procedure_code"] in html for row in rows)


def test_an_agency_narrows_the_rows(world, settings):
    build_month(world, settings)
    settings.OPEN_DATA_MIN_COUNT = 1
    response = Client().get(URL, {"tu": "2026-03", "co_quan": world.other.code})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cấp phiếu lý lịch tư pháp" in html
    assert world.procedure.name not in html.split('id="figures-title"', 1)[1].split("</section>")[0]


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"tu": "2026-13"}, "Tháng không hợp lệ"),
        ({"tu": "2026-03", "den": "2026-01"}, "Ngày kết thúc phải sau ngày bắt đầu"),
        ({"tu": "2024-01", "den": "2026-03"}, "tối đa 12 tháng"),
        ({"co_quan": "000.00.99.H99"}, "Không có cơ quan nào mang mã này"),
    ],
)
def test_bad_choices_are_answered_on_the_page(world, params, words):
    response = Client().get(URL, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert words in html and 'aria-invalid="true"' in html


def test_in_english(world):
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": URL})
    html = client.get(URL).content.decode()
    assert "Open data" in html
    assert "Giấy phép sử dụng" not in html


def test_rate_limited_like_the_api(world, settings):
    settings.OPEN_DATA_RATE_LIMIT = 1
    client = Client()
    assert client.get(URL).status_code == 200
    refused = client.get(URL)
    assert refused.status_code == 429 and refused["Retry-After"]
