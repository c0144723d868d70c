"""An official at the counter receives a dossier in the browser, prints form 01, and the
office's pages pass an accessibility check."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from motcua.dossiers.tests.fixtures import PDF_BYTES
from motcua.office.tests.helpers import PASSWORD, received, submit_online

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _sign_in(page, live_server, user):
    page.goto(live_server.url + reverse("office:login"))
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(live_server.url + reverse("office:home"))


def _serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:5])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def test_a_dossier_is_received_at_the_counter_and_form_01_downloads_as_pdf(
    live_server, page, world
):
    _sign_in(page, live_server, world.receptionist)
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
    page.locator("#id_checklist-DON-file").set_input_files(
        {"name": "don.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    page.get_by_role("button", name="Tiếp nhận và cấp giấy hẹn (mẫu 01)").click()

    page.wait_for_url("**/can-bo/tiep-nhan/da-tiep-nhan/**")
    code = page.locator("#dossier-code").inner_text().strip()
    assert code.startswith(world.centre.code)

    with page.expect_download() as info:
        page.get_by_role("link", name="Tải PDF mẫu 01").click()
    download = info.value
    with open(download.path(), "rb") as handle:
        data = handle.read()
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert code in text


def test_the_office_pages_have_no_serious_accessibility_violations(live_server, page, world):
    waiting = submit_online(world, personal_id="001190012398")
    dossier = received(world)
    page.goto(live_server.url + reverse("office:login"))
    assert page.evaluate("document.documentElement.lang") == "vi"
    assert _serious_violations(page) == [], "sign-in"

    _sign_in(page, live_server, world.receptionist)
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
        assert _serious_violations(page) == [], name
