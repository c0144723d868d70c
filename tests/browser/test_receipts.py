"""Receipts in the browser: the office's list, a receipt's page and the reconciliation pass
axe; reception cancels a receipt from its page and it stays listed as cancelled; the applicant
downloads the receipt's PDF from the tracking page."""

import pytest
from browser_helpers import check_a11y, downloaded_pdf_text, sign_in
from django.urls import reverse

from motcua.dossiers.tests.fixtures import submit_online
from motcua.payments.tests.receipts.fixtures import desk as desk_fixture
from motcua.payments.tests.receipts.fixtures import record_payment

pytestmark = pytest.mark.browser
desk = desk_fixture  # the service centre's receipt template and series


def _paid(desk):
    from motcua.payments import receipt_services

    submission = submit_online(desk.world)
    payment = record_payment(submission.dossier)
    return submission, receipt_services.issue_receipt_for_payment(payment)


def test_reception_reads_and_cancels_a_receipt(live_server, page, desk):
    _submission, receipt = _paid(desk)
    sign_in(page, live_server, desk.cashier)
    page.goto(live_server.url + reverse("office:receipts"))
    check_a11y(page, "receipts")
    page.get_by_label("Số biên lai, tên hoặc số giấy tờ người nộp, mã hồ sơ").fill("tran thi")
    page.get_by_role("button", name="Lọc").click()
    page.get_by_role("link", name="C26TBL 0000001").click()
    check_a11y(page, "receipt")
    text = downloaded_pdf_text(page, page.get_by_role("link", name="Tải biên lai (PDF)"))
    assert "Một trăm linh năm nghìn đồng" in text
    page.get_by_label("Lý do huỷ").fill("Thu nhầm hồ sơ")
    page.get_by_role("button", name="Huỷ biên lai").click()
    assert page.get_by_text("Lý do: Thu nhầm hồ sơ").is_visible()
    page.goto(live_server.url + reverse("office:receipts") + "?trang-thai=cancelled")
    assert page.get_by_role("link", name="C26TBL 0000001").is_visible()
    page.goto(live_server.url + reverse("office:reconciliation") + "?tu-ngay=2026-03-02")
    check_a11y(page, "reconciliation")
    assert page.get_by_text("Khoản đã thu chưa có biên lai còn hiệu lực").is_visible()


def test_the_applicant_downloads_the_receipt_from_tracking(live_server, page, desk):
    submission, _receipt = _paid(desk)
    page.goto(live_server.url + reverse("portal:track"))
    page.get_by_label("Mã hồ sơ").fill(submission.dossier.code)
    page.get_by_label("Mã tra cứu").fill(submission.lookup_secret)
    page.get_by_role("button", name="Tra cứu").click()
    check_a11y(page, "tracking with a receipt")
    text = downloaded_pdf_text(page, page.get_by_role("link", name="Tải biên lai (PDF)"))
    assert "BIÊN LAI THU PHÍ, LỆ PHÍ" in text and "0000001" in text
