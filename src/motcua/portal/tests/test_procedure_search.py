"""Searching the catalog: the selector and the /thu-tuc/ page, with and without htmx."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from motcua.agencies.tests.factories import AgencyFactory
from motcua.catalog.choices import ImplementingLevel, OnlineClass, PublicationStatus
from motcua.catalog.selectors import search_procedures
from motcua.catalog.tests.factories import (
    FieldFactory,
    ProcedureAgencyFactory,
    ProcedureFactory,
    complete_procedure,
)

pytestmark = pytest.mark.django_db

URL = reverse("portal:procedure_list")


def names(queryset):
    return [procedure.name for procedure in queryset]


@pytest.fixture
def permits(building_permit):
    construction = building_permit.field
    extension = ProcedureFactory(
        name="Gia hạn giấy phép xây dựng", field=construction, service_level=2
    )
    unrelated = ProcedureFactory(name="Đăng ký kết hôn")
    return building_permit, extension, unrelated


@pytest.mark.parametrize(
    "query", ["giay phep xay dung", "Giấy phép xây dựng", "GIẤY PHÉP", "  giấy   PHÉP  "]
)
def test_search_finds_building_permits_with_or_without_diacritics_and_in_capitals(permits, query):
    permit, extension, _unrelated = permits
    assert set(names(search_procedures(query))) == {permit.name, extension.name}


def test_search_folds_d_with_stroke_both_ways(permits):
    for query in ["dang ky ket hon", "ĐĂNG KÝ", "đăng ký kết hôn"]:
        assert names(search_procedures(query)) == ["Đăng ký kết hôn"]


def test_every_word_of_the_query_must_match(permits):
    assert names(search_procedures("giấy phép kết hôn")) == []


def test_search_by_code_and_by_field_name(permits):
    permit, extension, _unrelated = permits
    assert names(search_procedures(permit.code)) == [permit.name]
    assert set(names(search_procedures("hoat dong xay dung"))) == {permit.name, extension.name}


def test_procedures_whose_name_starts_with_the_query_come_first(db):
    ProcedureFactory(name="Cấp lại giấy phép xây dựng")
    ProcedureFactory(name="Giấy phép xây dựng có thời hạn")
    assert names(search_procedures("giấy phép")) == [
        "Giấy phép xây dựng có thời hạn",
        "Cấp lại giấy phép xây dựng",
    ]


def test_without_a_query_procedures_come_by_name(db):
    ProcedureFactory(name="Bê tông")
    ProcedureFactory(name="An toàn")
    assert names(search_procedures()) == ["An toàn", "Bê tông"]


def test_drafts_withdrawn_expired_and_future_procedures_are_hidden(db):
    today = timezone.localdate()
    visible = ProcedureFactory(
        name="Thủ tục đang hiệu lực", effective_to=today + datetime.timedelta(days=1)
    )
    ProcedureFactory(name="Thủ tục dự thảo", draft=True)
    ProcedureFactory(name="Thủ tục đã bãi bỏ", status=PublicationStatus.WITHDRAWN)
    ProcedureFactory(name="Thủ tục hết hiệu lực", effective_to=today)
    ProcedureFactory(
        name="Thủ tục chưa hiệu lực", effective_from=today + datetime.timedelta(days=1)
    )
    ProcedureFactory(name="Thủ tục có hiệu lực từ hôm nay", effective_from=today)
    assert names(search_procedures("thu tuc")) == [
        "Thủ tục có hiệu lực từ hôm nay",
        visible.name,
    ]
    assert "Thủ tục dự thảo" in names(search_procedures("thu tuc", include_drafts=True))


def test_filters_by_field_agency_levels_and_online_class(db):
    construction = FieldFactory(code="XD", name="Xây dựng")
    agency = AgencyFactory(code="000.00.15.H26")
    wanted = ProcedureFactory(
        name="Thủ tục cần tìm",
        field=construction,
        service_level=4,
        online_class=OnlineClass.FULL,
        implementing_level=ImplementingLevel.COMMUNE,
    )
    ProcedureAgencyFactory(procedure=wanted, agency=agency)
    ProcedureFactory(name="Thủ tục khác", service_level=2, online_class=OnlineClass.NONE)
    assert names(search_procedures(field="XD")) == [wanted.name]
    assert names(search_procedures(field=construction)) == [wanted.name]
    assert names(search_procedures(agency="000.00.15.H26")) == [wanted.name]
    assert names(search_procedures(agency=str(agency.pk))) == [wanted.name]
    assert names(search_procedures(agency=agency)) == [wanted.name]
    assert names(search_procedures(service_level=4)) == [wanted.name]
    assert names(search_procedures(implementing_level="commune")) == [wanted.name]
    assert names(search_procedures(online_class="none")) == ["Thủ tục khác"]
    assert names(search_procedures(field="KHONGCO")) == []


def test_search_page_without_javascript_lists_matching_procedures(client, permits):
    permit, extension, unrelated = permits
    response = client.get(URL, {"q": "giay phep xay dung"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html and '<form method="get"' in html
    assert permit.name in html and extension.name in html
    assert unrelated.name not in html
    assert "Tìm thấy 2 thủ tục." in html
    assert reverse("portal:procedure_detail", args=[permit.code]) in html


def test_an_htmx_request_gets_only_the_results(client, permits):
    response = client.get(URL, {"q": "giay phep"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<form" not in html
    assert 'hx-swap-oob="innerHTML"' in html
    assert "Cấp giấy phép xây dựng mới" in html
    assert "HX-Request" in response["Vary"]


def test_an_htmx_history_restore_gets_the_whole_page(client, permits):
    response = client.get(
        URL,
        {"q": "giay phep"},
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in response.content.decode()


def test_search_form_filters_by_field_and_agency_select(client, permits):
    permit, _extension, unrelated = permits
    agency = AgencyFactory(name="Sở Xây dựng")
    ProcedureAgencyFactory(procedure=permit, agency=agency)
    page = client.get(URL).content.decode()
    assert f'<option value="{agency.code}">Sở Xây dựng</option>' in page
    assert "Hoạt động xây dựng (2)" in page
    response = client.get(URL, {"agency": agency.code, "field": "XD"})
    html = response.content.decode()
    assert permit.name in html and "Gia hạn giấy phép" not in html


@pytest.mark.parametrize(
    "params, message",
    [
        ({"level": "9"}, "Mức độ phải là 1, 2, 3 hoặc 4."),
        ({"level": "abc"}, "Mức độ phải là 1, 2, 3 hoặc 4."),
        ({"field": "khong-ton-tai"}, "Lĩnh vực này không có trong danh sách."),
        ({"agency": "999.99.99.H99"}, "Cơ quan này không có trong danh sách."),
        ({"implementing_level": "galaxy"}, "Cấp thực hiện này không có trong danh sách."),
        ({"online_class": "x"}, "Giá trị này không có trong danh sách."),
        ({"q": "a" * 201}, "Từ khóa dài quá 200 ký tự."),
    ],
)
def test_bad_filters_are_field_errors_in_vietnamese_not_server_errors(
    client, permits, params, message
):
    response = client.get(URL, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'aria-invalid="true"' in html
    assert "Cấp giấy phép xây dựng mới" not in html


@pytest.mark.parametrize("page", ["abc", "0", "-3", "1.5", ""])
def test_a_page_that_is_not_a_positive_number_shows_the_first_page(client, permits, page):
    response = client.get(URL, {"q": "giay phep", "page": page})
    assert response.status_code == 200
    assert "Cấp giấy phép xây dựng mới" in response.content.decode()


def test_a_page_past_the_last_is_an_empty_result(client, permits):
    response = client.get(URL, {"q": "giay phep", "page": "99999"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Trang này không có kết quả." in html
    assert "Cấp giấy phép xây dựng mới" not in html


def test_results_are_paginated_by_twenty_keeping_the_filters(client, db):
    for number in range(25):
        ProcedureFactory(name=f"Thủ tục phân trang {number:02d}")
    first = client.get(URL, {"q": "phan trang"}).content.decode()
    assert "Thủ tục phân trang 19" in first and "Thủ tục phân trang 20" not in first
    assert "?q=phan+trang&amp;page=2" in first
    second = client.get(URL, {"q": "phan trang", "page": 2}).content.decode()
    assert "Thủ tục phân trang 20" in second and "Thủ tục phân trang 24" in second
    assert "Trang 2/2" in second


def test_no_match_says_so(client, permits):
    html = client.get(URL, {"q": "tàu vũ trụ"}).content.decode()
    assert "Không tìm thấy thủ tục nào phù hợp" in html


def _count_queries(client, params):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, params).status_code == 200
    return len(queries)


def test_the_search_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, db):
    agency = AgencyFactory()
    procedure = complete_procedure(name="Thủ tục truy vấn 0")
    ProcedureAgencyFactory(procedure=procedure, agency=agency)
    params = {"q": "truy van", "agency": agency.code}
    few = _count_queries(client, params)
    for number in range(1, 12):
        other = complete_procedure(name=f"Thủ tục truy vấn {number}")
        ProcedureAgencyFactory(procedure=other, agency=agency)
    # Options of the field and agency selects, the agency lookup, the search synonyms, count,
    # page, cases.
    with django_assert_num_queries(7):
        response = client.get(URL, params)
    assert response.content.decode().count('class="result-title"') == 12
    assert _count_queries(client, params) == few


@pytest.mark.parametrize("name", ["field", "agency"])
def test_a_nul_character_in_a_filter_is_a_field_error_not_a_database_error(client, permits, name):
    response = client.get(URL, {name: "XD\x00"})
    assert response.status_code == 200
    assert "không có trong danh sách" in response.content.decode()


def test_a_nul_character_in_the_query_is_refused_politely(client, permits):
    response = client.get(URL, {"q": "giay\x00phep"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert names(search_procedures("giay\x00phep")) == [
        "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        "Gia hạn giấy phép xây dựng",
    ]
