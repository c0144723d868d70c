"""A citizen on a 360-pixel phone: searches "dang ki khai sinh" (the i/y spelling), applies,
sees the fee before submitting, submits, looks the dossier up with its code in lower case and
reads its history. No page scrolls sideways, and axe finds nothing serious on any of them."""

from __future__ import annotations

import re

import pytest
from browser_helpers import fill_guest_applicant, pdf_file, serious_violations
from django.urls import reverse

from motcua.catalog.tests.factories import FeeFactory
from motcua.dossiers.models import Dossier

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def no_sideways_scroll(page) -> bool:
    return (
        page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        <= 0
    )


def test_a_phone_user_applies_sees_the_fee_and_tracks_with_a_lowercase_code(
    live_server, page, browser, online
):
    procedure = online.procedure
    procedure.name = "Đăng ký khai sinh"
    procedure.save()
    FeeFactory(procedure=procedure, name="Lệ phí đăng ký", amount=75000)
    page.set_viewport_size({"width": 360, "height": 740})

    page.goto(live_server.url + reverse("portal:procedure_list"))
    page.get_by_label("Tên thủ tục hoặc từ khóa").press_sequentially("dang ki khai sinh")
    found = page.locator("#results").get_by_role("link", name="Đăng ký khai sinh")
    found.wait_for()
    # Typing sends a search per key: wait until the last one has answered.
    page.wait_for_function("!document.querySelector('.htmx-request')")
    assert no_sideways_scroll(page), "search"
    assert serious_violations(page) == [], "search"
    found.click()
    page.wait_for_url(f"**/thu-tuc/{procedure.code}/")
    assert no_sideways_scroll(page), "procedure"
    assert serious_violations(page) == [], "procedure"
    page.locator(".cta").get_by_role("link", name="Nộp hồ sơ trực tuyến").click()
    assert serious_violations(page) == [], "start"

    page.get_by_label("Nơi nộp hồ sơ").select_option(label=online.centre.name)
    page.get_by_role("button", name="Bắt đầu khai hồ sơ").click()
    page.wait_for_url(re.compile(r".*/nop-ho-so/\d+/to-khai/$"))
    assert "Lệ phí đăng ký: 75.000 đồng" in page.locator("main").inner_text()
    page.get_by_label("Chủ đầu tư").fill("Trần Thị Bích Ngọc")
    page.get_by_label("Diện tích xây dựng (m²)").fill("120,5")
    page.get_by_label("Tôi cam đoan nội dung khai là đúng sự thật").check()
    fill_guest_applicant(page, return_by="Trực tuyến")
    assert no_sideways_scroll(page), "form"
    assert serious_violations(page) == [], "form"
    page.get_by_role("button", name="Tiếp tục: tải giấy tờ").click()

    page.wait_for_url("**/giay-to/")
    page.get_by_label("Đơn đề nghị cấp giấy phép xây dựng").set_input_files(pdf_file("don.pdf"))
    page.get_by_label("Giấy chứng nhận quyền sử dụng đất").set_input_files(pdf_file("gcn.pdf"))
    page.get_by_role("button", name="Tiếp tục: kiểm tra hồ sơ").click()

    page.wait_for_url("**/kiem-tra/")
    assert "Lệ phí đăng ký: 75.000 đồng" in page.locator("main").inner_text()
    assert no_sideways_scroll(page), "review"
    assert serious_violations(page) == [], "review"
    page.get_by_role("button", name="Nộp hồ sơ").click()

    page.wait_for_url("**/da-nop/")
    code = page.locator("#dossier-code").inner_text()
    secret = page.locator("#lookup-secret").inner_text()
    assert code == Dossier.objects.get().code
    # The code is on one line, and the page fits the screen.
    box = page.locator("#dossier-code").bounding_box()
    line = page.locator("#dossier-code").evaluate("e => parseFloat(getComputedStyle(e).lineHeight)")
    assert box["height"] < 1.5 * line
    assert "75.000 đồng" in page.locator("main").inner_text()
    assert no_sideways_scroll(page), "submitted"
    assert serious_violations(page) == [], "submitted"

    # The acknowledgement fits the screen too, its code on one line.
    page.get_by_role("link", name="Giấy xác nhận nộp hồ sơ").click()
    page.wait_for_url("**/giay-bien-nhan/")
    assert code in page.locator("body").inner_text()
    assert no_sideways_scroll(page), "acknowledgement"
    ack_code = page.locator(".code-block .code")
    font = ack_code.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert ack_code.inner_text() == code and ack_code.bounding_box()["height"] < 2 * font
    assert serious_violations(page) == [], "acknowledgement"

    other = browser.new_context(locale="vi-VN", viewport={"width": 360, "height": 740})
    try:
        phone = other.new_page()
        phone.goto(live_server.url + reverse("portal:track"))
        phone.get_by_label("Mã hồ sơ").fill(f" {code.lower()} ")
        phone.get_by_label("Mã tra cứu").fill(secret.lower())
        phone.get_by_role("button", name="Tra cứu").click()
        phone.wait_for_url(f"**/tra-cuu/{code}/")
        history = phone.locator("ol.history").inner_text()
        assert "Bạn nộp hồ sơ trực tuyến" in history
        assert no_sideways_scroll(phone), "tracking"
        assert serious_violations(phone) == [], "tracking"
    finally:
        other.close()
