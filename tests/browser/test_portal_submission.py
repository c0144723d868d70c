"""A guest finds a procedure, applies online (e-form, two small PDFs), gets the code and the
lookup secret, and tracks the dossier from another browser; each page of the way passes axe."""

from __future__ import annotations

import re

import pytest
from browser_helpers import fill_guest_applicant, pdf_file, serious_violations
from django.urls import reverse

from motcua.dossiers.models import Dossier

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_guest_applies_online_and_tracks_the_dossier(live_server, page, browser, online):
    procedure = online.procedure
    page.goto(live_server.url + reverse("portal:procedure_list"))
    page.get_by_label("Tên thủ tục hoặc từ khóa").press_sequentially("giay phep xay dung")
    page.locator("#results").get_by_role("link", name=procedure.name).click()
    page.wait_for_url(f"**/thu-tuc/{procedure.code}/")
    page.locator(".cta").get_by_role("link", name="Nộp hồ sơ trực tuyến").click()

    # Where to submit: the department's procedure is received at the service centre.
    page.get_by_label("Nơi nộp hồ sơ").select_option(label=online.centre.name)
    page.get_by_role("button", name="Bắt đầu khai hồ sơ").click()
    page.wait_for_url(re.compile(r".*/nop-ho-so/\d+/to-khai/$"))

    # The e-form, then the applicant; the draft saves itself as they go.
    page.get_by_label("Chủ đầu tư").fill("Trần Thị Bích Ngọc")
    # Enter in a picker's search box runs the search; it does not send the half-filled form.
    page.evaluate("window.stayed = true")
    search = page.get_by_label("Tìm xã, phường nơi xây dựng theo tên")
    search.evaluate("box => { box.value = 'hoan kiem'; }")  # no input event: Enter searches
    search.press("Enter")
    place = page.get_by_label("Xã, phường nơi xây dựng", exact=True)
    # The province's whole list gives way to what the search found.
    page.wait_for_function(
        "id => [...document.getElementById(id).options].every("
        "o => !o.value || o.text.includes('Hoàn Kiếm'))",
        arg=place.get_attribute("id"),
    )
    place.select_option(label="Phường Hoàn Kiếm, Thành phố Hà Nội")
    assert page.evaluate("window.stayed") is True
    assert page.locator(".field-error").count() == 0
    page.get_by_label("Diện tích xây dựng (m²)").fill("120,5")
    page.get_by_label("Số tầng").fill("4")
    page.get_by_label("Ngày dự kiến khởi công").fill("2026-04-01")
    page.get_by_label("Loại công trình").select_option(label="Nhà ở riêng lẻ")
    page.get_by_label("Tôi cam đoan nội dung khai là đúng sự thật").check()
    fill_guest_applicant(page, return_by="Trực tuyến")
    page.locator("#save-status").filter(has_text="Đã tự động lưu bản nháp").wait_for()
    draft = Dossier.objects.get()
    assert draft.applicant_email == "ngoc@example.vn" and draft.code is None
    assert serious_violations(page) == [], "form"
    page.get_by_role("button", name="Tiếp tục: tải giấy tờ").click()

    # One file per required document.
    page.wait_for_url("**/giay-to/")
    page.get_by_label("Đơn đề nghị cấp giấy phép xây dựng").set_input_files(pdf_file("don.pdf"))
    page.get_by_label("Giấy chứng nhận quyền sử dụng đất").set_input_files(pdf_file("gcn.pdf"))
    page.get_by_role("button", name="Tiếp tục: kiểm tra hồ sơ").click()

    # Review everything, then submit; a double click still sends one submission.
    page.wait_for_url("**/kiem-tra/")
    review = page.locator("main").inner_text()
    assert "120,5" in review and "don.pdf" in review and "Phường Cửa Nam" in review
    assert serious_violations(page) == [], "review"
    page.get_by_role("button", name="Nộp hồ sơ").dblclick()
    page.wait_for_url("**/da-nop/")
    dossier = Dossier.objects.get()
    assert dossier.audit_events.filter(action="submit").count() == 1

    code = page.locator("#dossier-code").inner_text()
    secret = page.locator("#lookup-secret").inner_text()
    assert code == dossier.code and re.fullmatch(r"[A-Z2-9]{10}", secret)
    assert "Mã tra cứu chỉ hiển thị một lần" in page.locator("main").inner_text()
    assert serious_violations(page) == [], "confirmation"

    # Another browser (no session): track it by code and secret.
    other = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    try:
        phone = other.new_page()
        phone.goto(live_server.url + reverse("portal:track"))
        assert serious_violations(phone) == [], "lookup"
        phone.get_by_label("Mã hồ sơ").fill(code)
        phone.get_by_label("Mã tra cứu").fill(secret.lower())
        phone.get_by_role("button", name="Tra cứu").click()
        phone.wait_for_url(f"**/tra-cuu/{code}/")
        status = phone.locator(".status-box").inner_text()
        assert "Chờ tiếp nhận" in status
        overflow = phone.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        assert serious_violations(phone) == [], "tracking"
    finally:
        other.close()


def test_the_form_explains_mistakes_beside_each_field_on_a_phone(live_server, page, online):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(live_server.url + reverse("portal:submission_start", args=[online.procedure.code]))
    page.get_by_label("Nơi nộp hồ sơ").select_option(label=online.centre.name)
    page.get_by_role("button", name="Bắt đầu khai hồ sơ").click()
    page.get_by_label("Số định danh cá nhân", exact=True).fill("0011")
    page.get_by_role("button", name="Tiếp tục: tải giấy tờ").click()
    page.locator("#nn-personal_id-error").wait_for()
    assert "12 chữ số" in page.locator("#nn-personal_id-error").inner_text()
    assert (
        page.get_by_label("Số định danh cá nhân", exact=True).get_attribute("aria-invalid")
        == "true"
    )
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    assert serious_violations(page) == [], "form with errors"
