"""A receipt as PDF: what it carries (payer, items, amounts in figures and words, the
collecting agency, its marks), its QR code decoded from the rendered page, and a cancelled
receipt printed as cancelled."""

from motcua.dossiers.printouts.formatting import parse_qr_payload
from motcua.dossiers.tests.fixtures import vn
from motcua.dossiers.tests.test_printouts_2025 import pdf_lines, qr_fields
from motcua.payments import receipt_services
from motcua.payments.models import Receipt
from motcua.payments.receipt_printout import receipt_html, receipt_pdf
from motcua.payments.tests.receipts.fixtures import paid_dossier


def test_the_pdf_carries_payer_items_amounts_agency_and_marks(desk):
    dossier, _payment, receipt = paid_dossier(desk)
    data = receipt_pdf(receipt)
    assert data.startswith(b"%PDF")
    text = "\n".join(pdf_lines(data))
    assert "BIÊN LAI THU PHÍ, LỆ PHÍ" in text
    assert "01BLP0-001" in text and "C26TBL" in text and "0000001" in text
    assert "Trần Thị Bích Ngọc" in text and "001190012345" in text
    assert "Lệ phí cấp giấy phép xây dựng" in text and "Phí thẩm định hồ sơ" in text
    assert "75.000" in text and "30.000" in text and "105.000" in text
    assert "Một trăm linh năm nghìn đồng" in text
    assert f"Cơ quan thu: {desk.world.centre.name}" in text
    assert dossier.code in text
    assert "ĐÃ HUỶ" not in text


def test_the_qr_code_names_the_receipt(desk):
    dossier, _payment, receipt = paid_dossier(desk)
    fields = qr_fields(receipt_pdf(receipt))
    assert fields["loai"] == "bien_lai"
    assert (fields["mau_so"], fields["ky_hieu"], fields["so"]) == (
        "01BLP0-001",
        "C26TBL",
        "0000001",
    )
    assert fields["ma_ho_so"] == dossier.code
    assert fields["so_tien"] == "105000"
    assert fields["ma_co_quan"] == desk.world.centre.code
    assert "trang_thai" not in fields


def test_a_cancelled_receipt_prints_as_cancelled_with_its_reason(desk):
    _dossier, _payment, receipt = paid_dossier(desk)
    receipt_services.cancel_receipt(
        receipt, reason="Thu nhầm hồ sơ", actor=desk.cashier, now=vn(2026, 3, 2, 11)
    )
    receipt = Receipt.objects.get(pk=receipt.pk)
    data = receipt_pdf(receipt)
    text = "\n".join(pdf_lines(data))
    assert "BIÊN LAI ĐÃ BỊ HUỶ" in text and "Thu nhầm hồ sơ" in text
    assert "ĐÃ HUỶ" in receipt_html(receipt)
    assert qr_fields(data)["trang_thai"] == "da_huy"


def test_a_replacement_names_the_receipt_it_replaces_and_the_old_names_it(desk):
    _dossier, _payment, receipt = paid_dossier(desk)
    new = receipt_services.replace_receipt(
        receipt, reason="Sai địa chỉ", payer_address="15 phố Hàng Bạc", actor=desk.cashier
    )
    new_text = "\n".join(pdf_lines(receipt_pdf(new)))
    assert "thay thế biên lai ký hiệu C26TBL, số 0000001" in new_text
    assert "15 phố Hàng Bạc" in new_text
    old_text = "\n".join(pdf_lines(receipt_pdf(Receipt.objects.get(pk=receipt.pk))))
    assert "Được thay thế bằng biên lai ký hiệu C26TBL, số 0000002" in old_text


def test_the_qr_text_is_one_field_per_line():
    from motcua.payments.receipts import qr_text

    text = qr_text({"loai": "bien_lai", "so": "0000001", "ma_ho_so": "A\nB", "so_tien": ""})
    assert parse_qr_payload(text) == {"loai": "bien_lai", "so": "0000001", "ma_ho_so": "A B"}
