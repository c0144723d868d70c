"""An official at the counter receives a dossier in the browser, prints form 01, and the
office's pages pass an accessibility check."""

from __future__ import annotations

import pytest
from browser_helpers import downloaded_pdf_text, pdf_file, serious_violations, sign_in
from django.urls import reverse

from motcua.office import lookup_secrets
from motcua.office.tests.helpers import received, submit_online

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_dossier_is_received_at_the_counter_and_form_01_downloads_as_pdf(
    live_server, page, world
):
    sign_in(page, live_server, world.receptionist)
    page.get_by_role("link", name="Tiếp nhận tại quầy").first.click()
    page.get_by_role("heading", level=1, name="Tiếp nhận hồ sơ tại quầy").wait_for()

    page.get_by_role("searchbox", name="Tìm thủ tục").press_sequentially(
        "giay phep xay dung", delay=20
    )
    case_link = page.get_by_role("link", name=f"Nhập hồ sơ: {world.case.name}")
    case_link.wait_for()
    case_link.click()
    page.get_by_role("group", name="2. Người nộp hồ sơ").wait_for()

    page.get_by_label("Số định danh cá nhân (CCCD)").fill("001190012399")
    page.get_by_label("Họ tên người nộp / tên tổ chức").fill("Nguyễn Thị Quầy")
    page.get_by_label("Điện thoại").fill("0912000111")
    page.get_by_label("Địa chỉ").fill("8 phố Tràng Tiền")
    page.get_by_label("Diện tích xây dựng (m²)").fill("120,5")
    page.get_by_label("Số tầng").fill("3")
    page.locator("#id_checklist-DON-received").check()
    page.locator("#id_checklist-GCN-received").check()
    page.locator("#id_checklist-DON-file").set_input_files(pdf_file("don.pdf"))
    page.get_by_role("button", name="Tiếp nhận và cấp giấy hẹn (mẫu 01)").click()

    page.wait_for_url("**/can-bo/tiep-nhan/da-tiep-nhan/**")
    code = page.locator("#dossier-code").inner_text().strip()
    assert code.startswith(world.centre.code)

    text = downloaded_pdf_text(page, page.get_by_role("link", name="Tải PDF mẫu 01"))
    assert code in text

    # The lookup secret, shown now only, and the slip for the applicant with its QR link.
    page.get_by_role("heading", name="Mã tra cứu").wait_for()
    secret = page.locator("#lookup-secret").inner_text().strip()
    assert len(secret) == 10
    assert serious_violations(page) == [], "received"
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="In phiếu mã tra cứu").click()
    slip = opened.value
    slip.get_by_role("heading", name="PHIẾU MÃ TRA CỨU HỒ SƠ").wait_for()
    assert slip.locator("#lookup-secret").inner_text().strip() == secret
    assert serious_violations(slip) == [], "lookup slip"
    slip.close()

    # What the QR code opens: the lookup form filled in, the secret gone from the address bar.
    link = lookup_secrets.tracking_link(code, secret)
    page.goto(live_server.url + link[link.index("/tra-cuu/") :])
    page.get_by_role("heading", level=1, name="Tra cứu hồ sơ").wait_for()
    assert page.get_by_label("Mã hồ sơ").input_value() == code
    assert page.get_by_label("Mã tra cứu").input_value() == secret
    assert "#" not in page.url and secret not in page.url
    page.get_by_role("button", name="Tra cứu").click()
    page.wait_for_url(f"**/tra-cuu/{code}/")


def test_the_office_pages_have_no_serious_accessibility_violations(live_server, page, world):
    waiting = submit_online(world, personal_id="001190012398").dossier
    dossier = received(world)
    page.goto(live_server.url + reverse("office:login"))
    assert page.evaluate("document.documentElement.lang") == "vi"
    assert serious_violations(page) == [], "sign-in"

    sign_in(page, live_server, world.receptionist)
    desk = reverse("office:reception") + (
        f"?thu_tuc={world.procedure.code}&truong_hop={world.case.code}&q=giay+phep"
    )
    for name, path in [
        ("home", reverse("office:home")),
        ("queue", reverse("office:queues") + "?hang=cho-tiep-nhan"),
        ("reception", desk),
        ("dossier (submitted)", reverse("office:dossier", args=[waiting.code])),
        ("dossier (processing)", reverse("office:dossier", args=[dossier.code])),
    ]:
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1, name
        for details in page.locator("details").all():
            details.evaluate("element => element.open = true")
        assert serious_violations(page) == [], name


SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_the_queue_and_the_dossier_page_fit_a_phone_screen(live_server, page, world):
    dossier = received(world)
    sign_in(page, live_server, world.leader)
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(live_server.url + reverse("office:queues") + "?hang=tat-ca")
    assert page.evaluate(SIDEWAYS) <= 0
    # Each row is a card: every cell, the last column's too, is on the screen, none scrolls.
    assert page.evaluate(
        "[...document.querySelectorAll('.table-scroll')].every(e => e.scrollWidth <= e.clientWidth)"
    )
    step = page.locator("table.queue td").last
    assert "Thẩm định hồ sơ" in step.inner_text()
    label = step.evaluate("e => getComputedStyle(e, '::before').content")
    assert label == '"Bước hiện tại"'  # the column's name, above the cell's value
    box = step.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    page.get_by_role("link", name=dossier.code).click()
    page.get_by_role("heading", level=1).wait_for()
    assert page.evaluate(SIDEWAYS) <= 0


def test_the_case_buttons_at_the_desk_have_no_row_rule_under_them(live_server, page, world):
    sign_in(page, live_server, world.receptionist)
    page.goto(live_server.url + reverse("office:reception") + "?q=giay+phep")
    case = page.locator(".case-list li").first
    case.wait_for()
    assert case.evaluate("e => getComputedStyle(e).borderBottomStyle") == "none"
