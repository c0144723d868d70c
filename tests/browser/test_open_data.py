"""The open data page in a browser: choose a month and an agency, read the table, download the
CSV; every state passes axe."""

from __future__ import annotations

import csv
import io

import pytest
from browser_helpers import check_a11y
from django.core.cache import cache

from motcua.api.tests.test_open_data_api import build_month

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_open_data_page(live_server, page, world, settings):
    cache.clear()
    settings.REPORTS_LIVE_AGGREGATES = True
    build_month(world, settings)
    settings.OPEN_DATA_MIN_COUNT = 1
    page.goto(live_server.url + "/du-lieu-mo/")
    check_a11y(page, "open data, this month")
    page.get_by_label("Từ tháng", exact=True).fill("2026-03")
    page.get_by_label("Đến tháng", exact=True).fill("2026-03")
    page.get_by_role("button", name="Xem số liệu").click()
    page.wait_for_url("**tu=2026-03**")
    table = page.locator("table.figures-table")
    assert world.procedure.name in table.inner_text()
    check_a11y(page, "open data, March")

    page.get_by_label("Cơ quan", exact=True).select_option(value=world.other.code)
    page.get_by_role("button", name="Xem số liệu").click()
    page.wait_for_url(f"**co_quan={world.other.code}**")
    assert "Cấp phiếu lý lịch tư pháp" in table.inner_text()

    with page.expect_download() as info:
        page.get_by_role("link", name="CSV (mở được bằng Excel)").click()
    download = info.value
    assert download.suggested_filename.startswith(f"du-lieu-mo_{world.other.code}_2026-03")
    text = open(download.path(), encoding="utf-8-sig").read()
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0][0] == "Tháng" and lines[1][-1] == settings.OPEN_DATA_PUBLISHER

    page.get_by_label("Từ tháng", exact=True).fill("2024-01")
    page.get_by_role("button", name="Xem số liệu").click()
    assert "tối đa 12 tháng" in page.locator("main").inner_text()
    check_a11y(page, "open data, a period too long")
