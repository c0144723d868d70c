"""The procedure page a citizen reads before applying, and its form downloads."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from motcua.agencies.choices import AgencyKind
from motcua.agencies.tests.factories import AgencyFactory
from motcua.catalog.choices import FeeKind, TimeUnit
from motcua.catalog.tests.factories import (
    FeeFactory,
    ProcedureAgencyFactory,
    ProcedureCaseFactory,
    ProcedureFactory,
    RequiredDocumentFactory,
    complete_procedure,
)

pytestmark = pytest.mark.django_db


def page_of(client, procedure):
    response = client.get(reverse("portal:procedure_detail", args=[procedure.code]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_documents_fee_time_limit_results_and_legal_basis(client, building_permit):
    html = page_of(client, building_permit)
    assert html.count("<h1>") == 1
    assert "<h1>Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ</h1>" in html
    assert "Tờ khai theo mẫu" in html and "Bản sao giấy tờ tùy thân" in html
    assert "Mẫu số 01" in html
    assert "50.000 đồng" in html
    assert "5 ngày làm việc" in html
    assert "Giấy chứng nhận" in html
    assert "61/2018/NĐ-CP" in html
    assert "Phê duyệt kết quả" in html and "Lãnh đạo cơ quan chủ trì" in html


def test_a_case_shows_its_counts_of_originals_and_copies(client, db):
    procedure = ProcedureFactory()
    case = ProcedureCaseFactory(procedure=procedure)
    RequiredDocumentFactory(case=case, name="Bản vẽ thiết kế", originals=2, copies=3)
    html = page_of(client, procedure)
    assert "<td>Bản vẽ thiết kế</td>\n              <td>2</td>\n              <td>3</td>" in html


def test_each_case_has_its_own_documents_and_time_limit_in_words(client, db):
    procedure = ProcedureFactory()
    first = ProcedureCaseFactory(procedure=procedure, name="Nhà ở đô thị", order=1)
    second = ProcedureCaseFactory(
        procedure=procedure,
        name="Nhà ở nông thôn",
        order=2,
        time_limit_value=Decimal("4"),
        time_limit_unit=TimeUnit.WORKING_HOURS,
    )
    RequiredDocumentFactory(case=first, name="Giấy tờ đô thị")
    RequiredDocumentFactory(case=second, name="Giấy tờ nông thôn")
    html = page_of(client, procedure)
    assert "<h3>Nhà ở đô thị</h3>" in html and "<h3>Nhà ở nông thôn</h3>" in html
    assert "<strong>Nhà ở đô thị:</strong> 5 ngày làm việc" in html
    assert "<strong>Nhà ở nông thôn:</strong> 4 giờ làm việc" in html
    assert "từ 4 giờ làm việc đến 5 ngày làm việc" in html


def test_per_copy_tiered_and_free_fees_are_described_in_words(client, db):
    procedure = ProcedureFactory()
    ProcedureCaseFactory(procedure=procedure)
    FeeFactory(procedure=procedure, name="Phí sao lục", kind=FeeKind.PER_COPY, amount=8000)
    FeeFactory(
        procedure=procedure,
        name="Phí thẩm định",
        kind=FeeKind.TIERED,
        amount=0,
        tiers=[{"up_to": 10, "amount": 1500000}, {"up_to": None, "amount": 2000000}],
    )
    FeeFactory(procedure=procedure, name="Lệ phí cấp bản chính", amount=0)
    html = page_of(client, procedure)
    assert "8.000 đồng mỗi bản" in html
    assert "Theo số lượng: từ 1 đến 10 là 1.500.000 đồng; từ 11 trở lên là 2.000.000 đồng" in html
    assert "Lệ phí cấp bản chính:</strong> Không thu" in html


def test_where_lists_agencies_with_address_and_counter_hours(client, building_permit):
    commune = AgencyFactory(
        name="Ủy ban nhân dân phường Ba Đình",
        kind=AgencyKind.COMMUNE,
        address="Số 1 phố Hoàng Hoa Thám",
        phone="024 3823 0000",
        counter_hours="Thứ Hai đến Thứ Sáu, 8:00–17:00; sáng Thứ Bảy",
        receives_dossiers=True,
    )
    ProcedureAgencyFactory(procedure=building_permit, agency=commune)
    html = page_of(client, building_permit)
    assert "Nơi tiếp nhận hồ sơ và trả kết quả" in html
    assert "Ủy ban nhân dân phường Ba Đình" in html
    assert "Số 1 phố Hoàng Hoa Thám" in html
    assert "sáng Thứ Bảy" in html
    assert 'href="tel:02438230000"' in html
    # The commune both receives and settles it: shown once, as the place to go.
    assert html.count("Ủy ban nhân dân phường Ba Đình") == 1


def test_a_department_procedure_is_received_at_the_service_centre(client, building_permit):
    department = AgencyFactory(name="Sở Xây dựng", receives_dossiers=False)
    AgencyFactory(
        name="Trung tâm Phục vụ hành chính công",
        kind=AgencyKind.SERVICE_CENTRE,
        address="258 Võ Chí Công",
        receives_dossiers=True,
    )
    ProcedureAgencyFactory(procedure=building_permit, agency=department)
    html = page_of(client, building_permit)
    receiving, implementing = html.split("Cơ quan giải quyết</h3>")
    assert "Trung tâm Phục vụ hành chính công" in receiving and "258 Võ Chí Công" in receiving
    assert "Sở Xây dựng" in implementing


def test_the_apply_online_call_appears_only_for_online_procedures(client, db):
    online = complete_procedure(service_level=4, via_online=True)
    offline = complete_procedure(offline=True)
    online_html = page_of(client, online)
    start = reverse("portal:submission_start", args=[online.code])
    assert f'href="{start}"' in online_html and 'id="nop-truc-tuyen"' in online_html
    assert "Nộp trực tuyến (dịch vụ công trực tuyến mức độ 4, toàn trình)" in online_html
    offline_html = page_of(client, offline)
    assert "nop-truc-tuyen" not in offline_html
    assert "Nộp trực tiếp tại bộ phận một cửa." in offline_html


@pytest.mark.parametrize(
    "make",
    [
        lambda: ProcedureFactory(draft=True),
        lambda: ProcedureFactory(effective_to=timezone.localdate()),
        lambda: ProcedureFactory(effective_from=timezone.localdate() + datetime.timedelta(days=3)),
    ],
    ids=["draft", "expired", "not-yet-in-force"],
)
def test_a_procedure_citizens_may_not_see_is_a_vietnamese_404(client, make):
    procedure = make()
    response = client.get(reverse("portal:procedure_detail", args=[procedure.code]))
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_an_unknown_code_is_a_vietnamese_404_page(client, db):
    response = client.get("/thu-tuc/9.999999/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="vi">' in html
    assert "<h1>Không tìm thấy trang</h1>" in html
    assert reverse("portal:procedure_list") in html


def test_the_procedure_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, db):
    def build(cases):
        procedure = complete_procedure()
        for number in range(cases):
            case = ProcedureCaseFactory(procedure=procedure, code=f"X{number}")
            RequiredDocumentFactory.create_batch(3, case=case)
            FeeFactory(procedure=procedure, case=case)
        for _ in range(cases):
            ProcedureAgencyFactory(
                procedure=procedure, agency=AgencyFactory(receives_dossiers=True)
            )
        return reverse("portal:procedure_detail", args=[procedure.code])

    small, large = build(0), build(6)
    with CaptureQueriesContext(connection) as queries:
        client.get(small)
    # Procedure and field, then cases, documents, fees, results, legal bases, agencies, steps,
    # and the service centres (none implements it here, so they are looked up).
    assert len(queries) == 9
    # Six places: the service centres are not looked up, and the commune picker reads the
    # places' province (the parent agency, then the province) and its communes.
    with django_assert_num_queries(10):
        assert client.get(large).status_code == 200


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _document_with_form(procedure, filename, content=b"%PDF-1.4 mau don"):
    case = procedure.cases.first() or ProcedureCaseFactory(procedure=procedure)
    document = RequiredDocumentFactory(case=case, name="Đơn đề nghị", form_name="Mẫu số 01")
    document.form_file.save(filename, ContentFile(content))
    return document


def test_a_form_template_downloads_as_an_attachment_with_its_content_type(
    client, media, building_permit
):
    document = _document_with_form(building_permit, "mau-01.pdf")
    html = page_of(client, building_permit)
    url = reverse("portal:form_download", args=[building_permit.code, document.pk])
    assert f'href="{url}"' in html
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "mau-01" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"%PDF-1.4 mau don"


def test_a_word_form_gets_the_word_content_type(client, media, building_permit):
    document = _document_with_form(building_permit, "to-khai.docx", b"PK\x03\x04")
    response = client.get(reverse("portal:form_download", args=[building_permit.code, document.pk]))
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )


def test_form_downloads_that_cannot_be_served_are_404s(client, media, building_permit, db):
    with_file = _document_with_form(building_permit, "mau-02.pdf")
    without_file = building_permit.cases.first().documents.first()
    draft = ProcedureFactory(draft=True)
    draft_document = _document_with_form(draft, "mau-03.pdf")
    missing = _document_with_form(building_permit, "mau-04.pdf")
    (media / missing.form_file.name).unlink()
    for code, pk in [
        (building_permit.code, without_file.pk),
        (draft.code, draft_document.pk),
        ("1.000000", with_file.pk),
        (building_permit.code, 999999),
        (building_permit.code, missing.pk),
    ]:
        response = client.get(reverse("portal:form_download", args=[code, pk]))
        assert response.status_code == 404, (code, pk)


def test_a_code_with_a_nul_character_is_a_404(client, building_permit):
    assert client.get("/thu-tuc/1.900000%00/").status_code == 404
    assert client.get("/thu-tuc/1.900000%00/mau-don/1/").status_code == 404


def test_many_places_fold_away_and_an_address_does_not_repeat_its_ward(client, building_permit):
    from motcua.agencies.models import Commune

    communes = list(Commune.objects.order_by("code")[:7])
    for number, commune in enumerate(communes):
        agency = AgencyFactory(
            name=f"Ủy ban nhân dân {commune.name} {number}",
            kind=AgencyKind.COMMUNE,
            address=f"Số {number + 1} đường Chính, {commune.name.lower()}",
            commune=commune,
            receives_dossiers=True,
        )
        ProcedureAgencyFactory(procedure=building_permit, agency=agency)
    html = page_of(client, building_permit)
    assert '<details class="place-details"><summary>Xem 7 nơi tiếp nhận</summary>' in html
    first = communes[0].name
    assert f"Số 1 đường Chính, {first.lower()}" in html
    assert f"Số 1 đường Chính, {first.lower()}, {first}" not in html
