"""A citizen finds the building permit procedure without typing diacritics, and reads it."""

from __future__ import annotations

import re

import pytest
from browser_helpers import serious_violations
from django.urls import reverse

from motcua.catalog.tests.factories import FieldFactory, ProcedureFactory, complete_procedure

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def catalog():
    construction = FieldFactory(code="XD", name="Hoạt động xây dựng")
    permit = complete_procedure(
        name="Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", field=construction
    )
    civil = FieldFactory(code="HT", name="Hộ tịch")
    ProcedureFactory(name="Đăng ký khai sinh", field=civil)
    ProcedureFactory(name="Đăng ký kết hôn", field=civil)
    ProcedureFactory(name="Cấp phiếu lý lịch tư pháp")
    return permit


def test_typing_without_diacritics_finds_the_permit_and_opens_its_page(live_server, page, catalog):
    page.goto(live_server.url + reverse("portal:procedure_list"))
    results = page.locator("#results")
    # Before typing, everything is listed; the unrelated procedures must disappear.
    assert results.get_by_role("link", name="Đăng ký khai sinh").is_visible()

    page.get_by_label("Tên thủ tục hoặc từ khóa").press_sequentially("giay phep xay dung", delay=30)
    permit_link = results.get_by_role("link", name=catalog.name)
    permit_link.wait_for()
    page.wait_for_function(
        "() => !document.querySelector('#results').textContent.includes('Đăng ký khai sinh')"
    )
    assert page.locator("#result-status").inner_text() == "Tìm thấy 1 thủ tục."
    # htmx pushed the search into the address bar, so the result can be shared or revisited.
    assert re.search(r"q=giay(\+|%20)phep(\+|%20)xay(\+|%20)dung", page.url)

    permit_link.click()
    page.wait_for_url(f"**/thu-tuc/{catalog.code}/")
    assert page.get_by_role("heading", level=1).inner_text() == catalog.name
    documents = page.locator("section", has=page.locator("#ho-so"))
    assert documents.get_by_role("cell", name="Tờ khai theo mẫu").is_visible()
    assert documents.get_by_role("cell", name="Bản sao giấy tờ tùy thân").is_visible()
    assert "50.000 đồng" in page.locator("section", has=page.locator("#phi")).inner_text()


def test_home_search_and_procedure_pages_have_no_serious_accessibility_violations(
    live_server, page, catalog
):
    for path in [
        reverse("portal:home"),
        reverse("portal:procedure_list") + "?q=giay+phep",
        reverse("portal:procedure_detail", args=[catalog.code]),
    ]:
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.lang") == "vi"
        assert page.locator("h1").count() == 1, path
        assert serious_violations(page) == [], path


def test_the_search_page_fits_a_phone_screen(live_server, page, catalog):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(live_server.url + reverse("portal:procedure_list") + "?q=giay+phep")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
