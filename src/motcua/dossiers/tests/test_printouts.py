"""The printouts of the standard forms: what each shows, issued vs live, PDFs and page sizes."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.files.storage import FileSystemStorage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from motcua.catalog.models import Procedure
from motcua.dossiers import services
from motcua.dossiers.choices import DocumentForm, PauseReason
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier, IssuedForm
from motcua.dossiers.printouts import (
    TITLES,
    issue_form,
    issued_pdf,
    render_form_html,
    render_logbook_html,
    render_pdf,
)
from motcua.dossiers.printouts.formatting import day_text, moment_text, time_limit_text
from motcua.dossiers.tests.fixtures import approve_with_permit, submit_online, vn

UTC = ZoneInfo("UTC")


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """The world's officials get passwords; hashing them slowly only slows these tests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def private_files(tmp_path, monkeypatch):
    """Keep the PDFs these tests save out of the project's media folder."""
    monkeypatch.setattr(
        IssuedForm._meta.get_field("pdf"), "storage", FileSystemStorage(location=tmp_path)
    )


def receive(world, *, now=None, **applicant) -> Dossier:
    return services.receive_at_counter(
        actor=world.receptionist,
        procedure=world.procedure,
        case=world.case,
        applicant=world.applicant(**applicant),
        receiving_agency=world.centre,
        checklist=[
            services.ChecklistLine("DON", DocumentForm.ORIGINAL, 1),
            services.ChecklistLine("GCN", DocumentForm.CERTIFIED_COPY, 2),
        ],
        form_data={"dien_tich": 80},
        sets_count=2,
        now=now or vn(2026, 3, 2, 10, 0),
    ).dossier


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def page_size(data: bytes) -> tuple[int, int]:
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def test_dates_and_moments_are_written_the_vietnamese_administrative_way():
    assert day_text(date(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026"
    assert day_text(date(2026, 11, 25)) == "ngày 25 tháng 11 năm 2026"
    # 03:00 UTC is 10:00 in Vietnam.
    assert moment_text(datetime(2026, 2, 23, 3, 0, tzinfo=UTC)) == "10 giờ 00 phút, ngày 23/02/2026"
    assert time_limit_text({"value": "15.00", "unit": "working_days"}) == "15 ngày làm việc"
    assert time_limit_text({"value": "0.5", "unit": "working_days"}) == "0,5 ngày làm việc"


def test_forms_write_a_time_limit_in_its_own_unit_with_two_digits():
    def form_text(value, unit):
        return time_limit_text({"value": value, "unit": unit}, two_digits=True)

    assert form_text("1.00", "working_days") == "01 ngày làm việc"
    assert form_text("4", "working_hours") == "04 giờ làm việc"
    assert form_text("15.00", "working_days") == "15 ngày làm việc"
    assert form_text("0.5", "working_days") == "0,5 ngày làm việc"
    assert form_text("30", "calendar_days") == "30 ngày"
    assert time_limit_text({"value": "1.00", "unit": "working_days"}) == "1 ngày làm việc"


@pytest.mark.parametrize(
    ("value", "unit", "written"),
    [("1", "working_days", "01 ngày làm việc"), ("4", "working_hours", "04 giờ làm việc")],
)
def test_form_01_states_a_short_time_limit_as_an_official_writes_it(world, value, unit, written):
    world.case.time_limit_value = Decimal(value)
    world.case.time_limit_unit = unit
    world.case.save()
    html = receive(world).issued_forms.get(form="01").html
    assert f'<span class="value">{written}</span>' in html


def test_reception_issues_form_01_with_the_applicant_the_documents_and_the_appointment(world):
    dossier = receive(world)
    issued = IssuedForm.objects.get(dossier=dossier)
    html = issued.html
    assert issued.form == "01" and issued.issued_at == vn(2026, 3, 2, 10, 0)
    assert str(TITLES["01"]) in html and dossier.code in html
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html and "Độc lập - Tự do - Hạnh phúc" in html
    assert (
        "UBND THÀNH\u00a0PHỐ\u00a0HÀ\u00a0NỘI" in html
        and "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" in html
    )
    assert "Hà Nội, ngày 02 tháng 3 năm 2026" in html
    assert "Trần Thị Bích Ngọc" in html and "12 phố Hàng Bạc" in html and "0912345678" in html
    assert "ngoc@example.vn" in html and "Cấp giấy phép xây dựng nhà ở riêng lẻ" in html
    assert "Đơn đề nghị cấp giấy phép xây dựng" in html and "Bản chính" in html
    assert "Giấy chứng nhận quyền sử dụng đất" in html and "Bản sao chứng thực" in html
    assert "15 ngày làm việc" in html and "2 bộ" in html
    assert "10 giờ 00 phút, ngày 02/03/2026" in html  # received
    assert "10 giờ 00 phút, ngày 23/03/2026" in html  # due, 15 working days later
    assert "Vào sổ theo dõi hồ sơ: ngày 02/03/2026, số thứ tự 0001" in html
    assert "Lê Văn Tiếp" in html  # the receiving official signs
    assert 'src="data:image/svg+xml' in html  # the code's QR code, inline


def test_a_dossier_returned_for_completion_gets_form_02_with_every_item(world):
    dossier = submit_online(world, now=vn(2026, 3, 2, 9)).dossier
    services.return_for_completion(
        dossier,
        actor=world.receptionist,
        missing=["Bản vẽ mặt bằng công trình", "Bản sao giấy tờ về quyền sử dụng đất"],
        note="Hồ sơ thiếu bản vẽ và giấy tờ đất",
        now=vn(2026, 3, 2, 14, 30),
    )
    html = IssuedForm.objects.get(dossier=dossier, form="02").html
    assert str(TITLES["02"]) in html and dossier.code in html and "Trần Thị Bích Ngọc" in html
    assert "<li>Bản vẽ mặt bằng công trình</li>" in html
    assert "<li>Bản sao giấy tờ về quyền sử dụng đất</li>" in html
    assert "Hồ sơ thiếu bản vẽ và giấy tờ đất" in html and "Lê Văn Tiếp" in html


def test_a_supplement_requested_during_processing_also_gets_form_02(world):
    dossier = receive(world)
    services.pause_dossier(
        dossier,
        actor=world.specialist,
        reason=PauseReason.SUPPLEMENT,
        note="Thiếu bản vẽ",
        items=["Bản vẽ kết cấu"],
        now=vn(2026, 3, 4, 10),
    )
    html = IssuedForm.objects.get(dossier=dossier, form="02").html
    assert "<li>Bản vẽ kết cấu</li>" in html and "Phạm Thu Hà" in html


def test_a_refused_dossier_gets_form_03_with_the_reasons(world):
    dossier = submit_online(world, now=vn(2026, 3, 2, 9)).dossier
    services.refuse_dossier(
        dossier,
        actor=world.receptionist,
        reasons="Thửa đất nằm trong quy hoạch, không thuộc trường hợp được cấp phép",
        now=vn(2026, 3, 2, 15),
    )
    html = IssuedForm.objects.get(dossier=dossier, form="03").html
    assert str(TITLES["03"]) in html and dossier.code in html and "Trần Thị Bích Ngọc" in html
    assert "Thửa đất nằm trong quy hoạch, không thuộc trường hợp được cấp phép" in html


def test_an_apology_gets_form_04_from_the_late_unit_with_the_new_date(world):
    dossier = receive(world)
    services.apologise(
        dossier,
        actor=world.leader,
        reason="Cần lấy ý kiến của cơ quan quản lý quy hoạch",
        new_due_at=vn(2026, 3, 27, 16, 0),
        now=vn(2026, 3, 20, 9),
    )
    html = IssuedForm.objects.get(dossier=dossier, form="04").html
    assert str(TITLES["04"]) in html and dossier.code in html and "Trần Thị Bích Ngọc" in html
    assert "16 giờ 00 phút, ngày 27/03/2026" in html  # the new date
    assert "10 giờ 00 phút, ngày 23/03/2026" in html  # the date promised on form 01
    assert "Cần lấy ý kiến của cơ quan quản lý quy hoạch" in html
    assert "THỦ TRƯỞNG PHÒNG CẤP PHÉP XÂY DỰNG" in html and "Nguyễn Đức Minh" in html


def test_form_06_shows_each_hand_over_and_whether_it_was_early_on_time_or_late(world):
    dossier = receive(world)
    services.forward_dossier(
        dossier, actor=world.specialist, note="Đủ điều kiện cấp phép", now=vn(2026, 3, 5, 9)
    )
    html = render_form_html(dossier, "06", now=vn(2026, 3, 6, 9))
    assert str(TITLES["06"]) in html and dossier.code in html and "Trần Thị Bích Ngọc" in html
    assert html.count('class="hand-over"') == 3
    assert "Tiếp nhận hồ sơ" in html and "Thẩm định hồ sơ" in html and "Phê duyệt" in html
    assert "Phòng Cấp phép xây dựng → <strong>Sở Xây dựng</strong>" in html
    assert "Đủ điều kiện cấp phép" in html
    assert "Trước hạn" in html and "Đang xử lý" in html

    approve_with_permit(
        world, dossier, number="12/GPXD", signed_on=date(2026, 3, 30), now=vn(2026, 3, 30, 9)
    )
    html = render_form_html(dossier, "06", now=vn(2026, 3, 30, 10))
    assert html.count('class="hand-over"') == 4
    assert "Quá hạn" in html  # decided a week after the due moment
    assert not IssuedForm.objects.filter(form="06").exists()


def test_the_log_book_lists_the_dossiers_the_agency_received_in_the_period(world):
    first = receive(world, now=vn(2026, 3, 2, 10))
    second = receive(world, now=vn(2026, 3, 3, 9), name="Vũ Minh Tuấn", phone="0987654321")
    outside = receive(world, now=vn(2026, 3, 9, 9), name="Ngoài Kỳ")
    services.forward_dossier(first, actor=world.specialist, now=vn(2026, 3, 4, 9))
    html = render_logbook_html(
        world.centre, date_from=date(2026, 3, 2), date_to=date(2026, 3, 6), now=vn(2026, 3, 7, 9)
    )
    assert str(TITLES["07"]) in html
    assert "Từ ngày 02 tháng 3 năm 2026 đến ngày 06 tháng 3 năm 2026" in html
    assert html.count('class="logbook-row"') == 2
    assert first.code in html and second.code in html and outside.code not in html
    assert "Vũ Minh Tuấn" in html and "12 phố Hàng Bạc, 0987654321" in html
    assert "Cấp giấy phép xây dựng nhà ở riêng lẻ" in html and "Sở Xây dựng" in html
    assert "10:00 02/03/2026" in html and "10:00 23/03/2026" in html


def test_the_log_book_reads_a_constant_number_of_queries_whatever_its_length(world):
    def queries_for_logbook() -> int:
        with CaptureQueriesContext(connection) as captured:
            render_logbook_html(world.centre, date_from=date(2026, 3, 1), date_to=date(2026, 3, 31))
        return len(captured)

    first = receive(world, now=vn(2026, 3, 2, 10))
    services.forward_dossier(first, actor=world.specialist, now=vn(2026, 3, 3, 9))
    one = queries_for_logbook()
    for day in (3, 4, 5):
        dossier = receive(world, now=vn(2026, 3, day, 10))
        services.pause_dossier(
            dossier,
            actor=world.specialist,
            reason=PauseReason.SUPPLEMENT,
            note="Thiếu",
            items=["Bản vẽ"],
            now=vn(2026, 3, day, 15),
        )
    assert queries_for_logbook() == one


def test_the_log_book_refuses_a_period_that_ends_before_it_starts(world):
    with pytest.raises(DossierError) as caught:
        render_logbook_html(world.centre, date_from=date(2026, 3, 5), date_to=date(2026, 3, 1))
    assert caught.value.field == "date_to"


def test_an_issued_form_is_printed_on_a5_with_the_code_as_text_and_kept(world):
    dossier = receive(world)
    issued = IssuedForm.objects.get(dossier=dossier, form="01")
    assert not issued.pdf  # made on first download, not at reception
    data = issued_pdf(issued)
    assert data.startswith(b"%PDF")
    assert page_size(data) == (420, 595)
    text = pdf_text(data)
    assert dossier.code in text and "GIẤY TIẾP NHẬN HỒ SƠ" in text and "Trần Thị Bích Ngọc" in text
    issued.refresh_from_db()
    assert issued.pdf.name.endswith(".pdf")
    assert issued_pdf(issued) == data  # read back, not rendered again


def test_a_lost_pdf_file_is_made_again_from_the_kept_html(world):
    dossier = receive(world)
    issued = IssuedForm.objects.get(dossier=dossier, form="01")
    issued_pdf(issued)
    issued.refresh_from_db()
    lost = issued.pdf.name
    issued.pdf.storage.delete(lost)
    assert dossier.code in pdf_text(issued_pdf(issued))
    issued.refresh_from_db()
    assert issued.pdf.storage.exists(issued.pdf.name)


def test_a_reprint_shows_what_was_issued_after_the_dossier_and_catalog_changed(world):
    dossier = receive(world)
    issued = IssuedForm.objects.get(dossier=dossier, form="01")
    html_then = issued.html
    Dossier.objects.filter(pk=dossier.pk).update(applicant_name="Tên Đã Đổi")
    Procedure.objects.filter(pk=world.procedure.pk).update(name="Thủ tục đã đổi tên")
    issued.refresh_from_db()
    assert issued.html == html_then
    text = pdf_text(issued_pdf(issued))
    assert "Trần Thị Bích Ngọc" in text and "Tên Đã Đổi" not in text
    # A live rendering does show the change, so the check above can fail.
    assert "Tên Đã Đổi" in render_form_html(
        Dossier.objects.get(pk=dossier.pk), "01", now=vn(2026, 3, 3, 9)
    )


def test_the_log_book_prints_on_a4(world):
    dossier = receive(world)
    html = render_logbook_html(world.centre, date_from=date(2026, 3, 2), date_to=date(2026, 3, 2))
    data = render_pdf(html, size="A4 landscape")
    assert data.startswith(b"%PDF") and page_size(data) == (842, 595)
    assert dossier.code in pdf_text(data)
    assert page_size(render_pdf(html, size="A4")) == (595, 842)


def test_forms_06_and_07_and_unknown_forms_are_never_issued(world):
    dossier = receive(world)
    with pytest.raises(DossierError):
        issue_form(dossier, "06", now=vn(2026, 3, 3, 9))
    with pytest.raises(DossierError):
        render_form_html(dossier, "07", now=vn(2026, 3, 3, 9))
    with pytest.raises(DossierError):
        render_form_html(dossier, "08", now=vn(2026, 3, 3, 9))
    with pytest.raises(DossierError):
        render_pdf("<p>x</p>", size="Letter")


def test_applicant_text_is_escaped_in_the_form(world):
    dossier = receive(world, address='<img src="http://127.0.0.1:9/x.png">')
    html = IssuedForm.objects.get(dossier=dossier, form="01").html
    assert "&lt;img src=&quot;http://127.0.0.1:9/x.png&quot;&gt;" in html
    assert '<img src="http' not in html


def test_a_form_issued_at_night_is_dated_by_the_vietnamese_day(world):
    # 23:30 on 2 March in Vietnam is still 2 March there (16:30 UTC).
    dossier = receive(world, now=vn(2026, 3, 2, 23, 30))
    html = IssuedForm.objects.get(dossier=dossier, form="01").html
    assert "Hà Nội, ngày 02 tháng 3 năm 2026" in html
    assert "23 giờ 30 phút, ngày 02/03/2026" in html
