"""The forms of Circular 03/2025: their numbers, the stop notice, the QR code read back from the
printed page, and agency names that never break inside a place's name."""

from __future__ import annotations

import io
from datetime import date

import pypdfium2
import pytest
import zxingcpp
from pypdf import PdfReader

from motcua.agencies.models import Agency
from motcua.dossiers import services
from motcua.dossiers.choices import DocumentForm, PauseReason
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier, IssuedForm
from motcua.dossiers.printouts import (
    PAGE_SIZES,
    TITLES,
    form_title,
    issue_form,
    issued_pdf,
    render_form_html,
    render_logbook_html,
    render_pdf,
)
from motcua.dossiers.printouts.formatting import parse_qr_payload
from motcua.dossiers.tests.fixtures import vn

# The printout tests' own fixtures (autouse): quick passwords, PDFs kept out of the media folder.
from motcua.dossiers.tests.test_printouts import fast_passwords, private_files  # noqa: F401


def receive(world, *, now=None, **applicant) -> Dossier:
    return services.receive_at_counter(
        actor=world.receptionist,
        procedure=world.procedure,
        case=world.case,
        applicant=world.applicant(**applicant),
        receiving_agency=world.centre,
        checklist=[
            services.ChecklistLine("DON", DocumentForm.ORIGINAL, 1),
            services.ChecklistLine("GCN", DocumentForm.CERTIFIED_COPY, 1),
        ],
        form_data={"dien_tich": 80},
        sets_count=1,
        now=now or vn(2026, 3, 2, 10, 0),
    ).dossier


def pdf_lines(data: bytes) -> list[str]:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return [" ".join(line.replace("\u00a0", " ").split()) for line in text.splitlines()]


def qr_fields(data: bytes) -> dict:
    """Render the PDF's first page to an image and decode its QR code with ZXing."""
    page = pypdfium2.PdfDocument(data)[0]
    image = page.render(scale=4).to_pil()
    codes = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(codes) == 1, "one QR code on the page"
    return parse_qr_payload(codes[0].text)


STOP = {
    "reason_kind": "applicant_request",
    "reason": "Người nộp hồ sơ đề nghị dừng để điều chỉnh thiết kế",
    "official": "Nguyễn Đức Minh",
}


def test_the_qr_code_on_form_01_decodes_to_the_dossier_procedure_applicant_and_document(world):
    dossier = receive(world)
    fields = qr_fields(issued_pdf(dossier.issued_forms.get(form="01")))
    assert fields["ma_ho_so"] == dossier.code
    assert fields["ma_tthc"] == world.procedure.code
    assert fields["ma_doi_tuong"] == dossier.applicant_personal_id != ""
    assert fields["ten_giay_to"] == "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
    assert fields["mau"] == "01"
    assert fields["so"].endswith("/TNHS")


def test_the_stop_notice_is_issued_kept_and_its_qr_names_it(world):
    dossier = receive(world)
    issued = issue_form(dossier, "05", now=vn(2026, 3, 10, 9), context=STOP)
    assert issued.edition == "03/2025"
    data = issued_pdf(issued)
    text = "\n".join(pdf_lines(data))
    assert str(TITLES["05"]) in text and dossier.code in text
    assert "Theo đề nghị của người nộp hồ sơ" in text
    assert "Người nộp hồ sơ đề nghị dừng để điều chỉnh thiết kế" in text
    assert "Hồ sơ đã nộp:" in text and "Phí, lệ phí:" in text
    assert "THỦ TRƯỞNG CƠ QUAN" in text and "Nguyễn Đức Minh" in text
    # Issued by the agency that handles the dossier, not its one-stop shop.
    assert "SỞ XÂY DỰNG" in text and "BỘ PHẬN MỘT CỬA" not in text
    fields = qr_fields(data)
    assert fields["ten_giay_to"] == "Thông báo dừng giải quyết hồ sơ"
    assert fields["ma_ho_so"] == dossier.code and fields["mau"] == "05"


@pytest.mark.parametrize("context", [{}, {**STOP, "reason": " "}, {**STOP, "reason_kind": "x"}])
def test_a_stop_notice_needs_a_known_ground_and_a_reason(world, context):
    dossier = receive(world)
    with pytest.raises(DossierError) as caught:
        issue_form(dossier, "05", now=vn(2026, 3, 10, 9), context=context)
    assert caught.value.field == "reason"
    assert not dossier.issued_forms.filter(form="05").exists()


def test_forms_01_to_07_render_as_pdf_each_with_its_title(world):
    dossier = receive(world)
    services.pause_dossier(
        dossier,
        actor=world.specialist,
        reason=PauseReason.SUPPLEMENT,
        note="Thiếu bản vẽ",
        items=["Bản vẽ mặt bằng"],
        now=vn(2026, 3, 3, 9),
    )
    services.resume_dossier(dossier, actor=world.specialist, now=vn(2026, 3, 4, 9))
    services.apologise(
        dossier,
        actor=world.leader,
        reason="Cần lấy ý kiến của cơ quan quản lý quy hoạch",
        new_due_at=vn(2026, 3, 27, 16, 0),
        now=vn(2026, 3, 20, 9),
    )
    issue_form(dossier, "05", now=vn(2026, 3, 21, 9), context=STOP)
    refused = receive(world, name="Vũ Minh Tuấn")
    issue_form(refused, "03", now=vn(2026, 3, 2, 11), context={"reasons": "Không thuộc thẩm quyền"})
    htmls = {form.form: form.html for form in dossier.issued_forms.all()}
    htmls["03"] = refused.issued_forms.get(form="03").html
    htmls["06"] = render_form_html(dossier, "06", now=vn(2026, 3, 22, 9))
    htmls["07"] = render_logbook_html(
        world.centre, date_from=date(2026, 3, 2), date_to=date(2026, 3, 2)
    )
    assert sorted(htmls) == ["01", "02", "03", "04", "05", "06", "07"]
    for form, html in htmls.items():
        text = " ".join(pdf_lines(render_pdf(html, size=PAGE_SIZES[form])))
        assert " ".join(str(TITLES[form]).split()) in text, form
    text = " ".join(pdf_lines(render_pdf(htmls["04"])))
    assert "đề nghị được gia hạn thời gian giải quyết hồ sơ" in text


def test_a_form_kept_under_the_2018_numbering_keeps_its_number_title_and_html(world):
    dossier = receive(world)
    kept = IssuedForm.objects.create(
        dossier=dossier,
        form="04",
        edition="01/2018",
        issued_at=vn(2025, 6, 2, 9),
        html="<p>PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ</p>",
    )
    assert form_title("04", kept.edition) == "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"
    assert form_title("04") == str(TITLES["04"]) != form_title("04", kept.edition)
    assert form_title("05", kept.edition) == "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"
    kept.refresh_from_db()
    assert kept.html == "<p>PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ</p>"
    assert dossier.issued_forms.get(form="01").edition == "03/2025"


def test_a_long_agency_name_wraps_between_words_never_inside_a_place_name(world):
    Agency.objects.filter(pk=world.centre.pk).update(
        name="Trung tâm Phục vụ hành chính công Thành phố Hà Nội"
    )
    Agency.objects.filter(pk=world.centre.parent_id).update(name="Ủy ban nhân dân Thành phố Hà Nội")
    dossier = receive(world)
    lines = pdf_lines(issued_pdf(dossier.issued_forms.get(form="01")))
    heading = [line for line in lines if "THÀNH PHỐ" in line or "NỘI" in line]
    assert heading, lines
    # The name is long enough to wrap in the heading's column ...
    assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG THÀNH PHỐ HÀ NỘI" not in lines
    # ... and it wraps before the place, which stays whole.
    for line in lines:
        assert not line.endswith((" HÀ", " THÀNH", " PHỐ", " Hà", " Thành", " phố")), line
        assert not line.startswith(("NỘI", "PHỐ HÀ", "Nội,", "Nội.")), line
        assert line != "Nội", line
    assert any("THÀNH PHỐ HÀ NỘI" in line for line in lines)
