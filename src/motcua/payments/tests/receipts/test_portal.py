"""The applicant's receipts on the tracking page: listed after a lookup with the dossier code
and its secret, each downloadable as PDF, a cancelled one shown and printed as cancelled;
nobody else gets them."""

from django.urls import reverse

from motcua.dossiers.tests.fixtures import submit_online
from motcua.dossiers.tests.test_printouts_2025 import pdf_lines
from motcua.payments import receipt_services
from motcua.payments.tests.receipts.fixtures import record_payment


def _paid(desk):
    submission = submit_online(desk.world)
    payment = record_payment(submission.dossier)
    receipt = receipt_services.issue_receipt_for_payment(payment)
    return submission, receipt


def _look_up(client, submission):
    return client.post(
        reverse("portal:track"),
        {"code": submission.dossier.code, "secret": submission.lookup_secret},
    )


def test_the_applicant_downloads_the_receipt_after_looking_the_dossier_up(client, desk):
    submission, receipt = _paid(desk)
    code = submission.dossier.code
    url = reverse("portal:track_receipt_pdf", args=[code, receipt.pk])
    before = client.get(url)
    assert before.status_code == 302 and reverse("portal:track") in before["Location"]
    assert _look_up(client, submission).status_code == 302
    page = client.get(reverse("portal:track_detail", args=[code])).content.decode()
    assert "Biên lai ký hiệu C26TBL, số 0000001: 105.000 đồng" in page
    assert url in page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "bien-lai-C26TBL-0000001.pdf" in response["Content-Disposition"]
    assert "Một trăm linh năm nghìn đồng" in "\n".join(pdf_lines(response.content))


def test_a_cancelled_receipt_stays_visible_as_cancelled(client, desk):
    submission, receipt = _paid(desk)
    receipt_services.cancel_receipt(receipt, reason="Thu nhầm", actor=desk.cashier)
    _look_up(client, submission)
    code = submission.dossier.code
    page = client.get(reverse("portal:track_detail", args=[code])).content.decode()
    assert "số 0000001" in page and "đã huỷ" in page
    pdf = client.get(reverse("portal:track_receipt_pdf", args=[code, receipt.pk]))
    assert "BIÊN LAI ĐÃ BỊ HUỶ" in "\n".join(pdf_lines(pdf.content))


def test_another_dossiers_receipt_is_not_given(client, desk):
    mine, _receipt = _paid(desk)
    _theirs, their_receipt = _paid(desk)
    _look_up(client, mine)
    url = reverse("portal:track_receipt_pdf", args=[mine.dossier.code, their_receipt.pk])
    assert client.get(url).status_code == 404
