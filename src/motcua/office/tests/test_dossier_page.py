"""The dossier page: scoped to who may see it, logged, complete, with exactly the actions the
official may take, and files and forms served safely."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from motcua.dossiers import services
from motcua.dossiers.actions import available_actions
from motcua.dossiers.choices import Action
from motcua.dossiers.models import DossierFile
from motcua.dossiers.tests.fixtures import tracking, vn
from motcua.events.models import PersonalDataAccess
from motcua.office.forms import ACTION_FORMS
from motcua.office.tests.helpers import assigned, received, submit_online
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db


def _page(client, dossier):
    return client.get(reverse("office:dossier", args=[dossier.code]))


def test_an_official_of_another_agency_gets_404(client, world):
    dossier = received(world)
    sign_in_official(client, world.outsider)
    assert _page(client, dossier).status_code == 404
    files = dossier.files.first()
    assert client.get(reverse("office:file", args=[dossier.code, files.pk])).status_code == 404
    assert client.get(reverse("office:form_html", args=[dossier.code, "06"])).status_code == 404
    issued = dossier.issued_forms.get()
    assert (
        client.get(reverse("office:issued_pdf", args=[dossier.code, issued.pk])).status_code == 404
    )
    post = client.post(reverse("office:action", args=[dossier.code, "assign"]), {})
    assert post.status_code == 404


def test_an_unknown_code_is_404(client, world):
    sign_in_official(client, world.leader)
    assert client.get(reverse("office:dossier", args=["khong-co"])).status_code == 404


def test_the_page_shows_the_dossier_and_logs_the_read(client, world):
    dossier = assigned(world)
    sign_in_official(client, world.specialist)
    response = _page(client, dossier)
    assert response.status_code == 200
    page = response.content.decode()
    assert dossier.code in page and "Trần Thị Bích Ngọc" in page
    # Form data under the schema's labels.
    # Numbers as Vietnamese writes them: a decimal comma.
    assert "Diện tích xây dựng (m²)" in page and "120,5" in page and "Số tầng" in page
    assert "120.5" not in page
    # Steps, the timeline in Vietnamese, the forms.
    assert "Thẩm định hồ sơ" in page and "Phạm Thu Hà" in page
    assert "Phân công" in page and "Tiếp nhận" in page and "Nộp hồ sơ" in page
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in page
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in page
    assert PersonalDataAccess.objects.filter(
        user=world.specialist, dossier=dossier, context="office"
    ).exists()


@pytest.mark.parametrize("who", ["receptionist", "specialist", "leader", "returner"])
def test_the_page_offers_exactly_the_available_actions(client, world, who):
    dossier = assigned(world)
    official = getattr(world, who)
    sign_in_official(client, official)
    page = _page(client, dossier).content.decode()
    expected = available_actions(dossier, official)
    for action in ACTION_FORMS:
        url = reverse("office:action", args=[dossier.code, action])
        assert (url in page) == (action in expected), (who, action)


def test_a_pdf_scan_opens_inline_with_nosniff_and_other_files_download(client, world):
    dossier = received(world)
    sign_in_official(client, world.receptionist)
    scan = dossier.files.first()
    response = client.get(reverse("office:file", args=[dossier.code, scan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert PersonalDataAccess.objects.filter(context=f"office:file:{scan.pk}").exists()

    docx = SimpleUploadedFile(
        "ban-ve.docx", _minimal_docx(), content_type="application/octet-stream"
    )
    services.pause_dossier(
        dossier,
        actor=world.leader,
        reason="supplement",
        note="Thiếu bản vẽ",
        items=["Bản vẽ"],
        now=vn(2026, 3, 3, 9),
    )
    services.provide_supplement(dossier, files=[docx], proof=tracking(dossier), now=vn(2026, 3, 4))
    other = DossierFile.objects.get(dossier=dossier, purpose="supplement")
    response = client.get(reverse("office:file", args=[dossier.code, other.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/octet-stream"


def _minimal_docx() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_form_06_the_control_sheet_is_drawn_live_as_html_and_pdf(client, world):
    dossier = assigned(world)
    sign_in_official(client, world.leader)
    html = client.get(reverse("office:form_html", args=[dossier.code, "06"]))
    assert html.status_code == 200 and dossier.code in html.content.decode()
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in html.content.decode()
    pdf_response = client.get(reverse("office:form_pdf", args=[dossier.code, "06"]))
    assert pdf_response["Content-Type"] == "application/pdf"
    assert pdf_response.content.startswith(b"%PDF-")
    # 01-05 only as issued.
    for form in ("01", "05"):
        assert client.get(reverse("office:form_html", args=[dossier.code, form])).status_code == 404


def test_the_queue_lists_link_to_a_page_a_submitted_dossier_can_be_received_from(client, world):
    dossier = submit_online(world).dossier
    sign_in_official(client, world.receptionist)
    page = _page(client, dossier).content.decode()
    for action in (Action.RECEIVE, Action.RETURN_FOR_COMPLETION, Action.REFUSE):
        assert reverse("office:action", args=[dossier.code, action]) in page
    assert "Đơn đề nghị cấp giấy phép xây dựng" in page  # the receive checklist


def test_the_dossier_page_makes_a_fixed_number_of_queries(client, world, django_assert_num_queries):
    small = assigned(world)
    big = assigned(world, personal_id="001190054321")
    for index in range(3):
        services.pause_dossier(
            big,
            actor=world.specialist,
            reason="applicant_request",
            note=f"Tạm dừng {index}",
            now=vn(2026, 3, 3, 9 + index),
        )
        services.resume_dossier(big, actor=world.specialist, now=vn(2026, 3, 3, 9 + index, 30))
    sign_in_official(client, world.specialist)
    _page(client, small)  # warm the calendar's cache
    with django_assert_num_queries(QUERIES_DOSSIER_PAGE):
        assert _page(client, small).status_code == 200
    with django_assert_num_queries(QUERIES_DOSSIER_PAGE):
        assert _page(client, big).status_code == 200


QUERIES_DOSSIER_PAGE = 35  # 26, whether an online dossier was received late, the device
# that passed the second factor, the dossier's money (obligations, payments, refunds, the postal
# charge beside them), the postal choice and orders, and the population-database checks


def test_moments_read_hour_first_on_the_dossier_page_and_in_the_queue(client, world):
    dossier = received(world)  # received at 10:00 on 2 March 2026
    sign_in_official(client, world.leader)
    for page in (
        _page(client, dossier).content.decode(),
        client.get(reverse("office:queues"), {"hang": "tat-ca"}).content.decode(),
    ):
        assert "10:00 02/03/2026" in page
        assert "02/03/2026 10:00" not in page


SCHEMA = {
    "type": "object",
    "properties": {
        "dien_tich": {"type": "number", "title": "Diện tích (m²)"},
        "ky_quy": {"type": "integer", "title": "Số tiền ký quỹ (đồng)"},
        "nam": {"type": "integer", "title": "Năm tốt nghiệp"},
        "cu": {"type": "number", "title": "Giá trị lưu trước khi có kiểu"},
    },
}
DATA = {"dien_tich": 2066.7, "ky_quy": 150000000, "nam": 2026, "cu": "1234.5"}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("vi", ["2066,7", "150.000.000", "2026", "1234,5"]),
        ("en", ["2066.7", "150,000,000", "2026", "1234.5"]),
    ],
)
def test_form_numbers_are_written_as_the_language_writes_them(language, expected):
    from django.utils import translation

    from motcua.office.presenting import form_answers

    with translation.override(language):
        assert [answer.value for answer in form_answers(SCHEMA, DATA)] == expected
        # An answer the schema no longer has (a catalog edit after submission) too.
        gone = form_answers(SCHEMA, {"da_xoa": 2066.7})
        assert [answer.value for answer in gone] == expected[:1]


def test_a_stored_answer_that_is_not_a_number_shows_as_stored():
    from motcua.office.presenting import format_number

    assert format_number("khoảng 80") == "khoảng 80"
    assert format_number("NaN") == "NaN"
