"""GET /api/v1/procedures and /api/v1/procedures/{code}."""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from motcua.agencies.tests.factories import AgencyFactory
from motcua.catalog.choices import FeeKind, ImplementingLevel, OnlineClass
from motcua.catalog.tests.factories import (
    FeeFactory,
    FieldFactory,
    ProcedureAgencyFactory,
    ProcedureCaseFactory,
    ProcedureFactory,
    RequiredDocumentFactory,
    complete_procedure,
)

pytestmark = pytest.mark.django_db

LIST = "/api/v1/procedures"


def detail_url(code):
    return f"/api/v1/procedures/{code}"


@pytest.fixture
def catalog(db):
    construction = FieldFactory(code="XD", name="Hoạt động xây dựng")
    permit = complete_procedure(
        name="Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        field=construction,
        implementing_level=ImplementingLevel.COMMUNE,
    )
    extension = ProcedureFactory(
        name="Gia hạn giấy phép xây dựng",
        field=construction,
        service_level=2,
        online_class=OnlineClass.NONE,
        via_online=False,
    )
    marriage = ProcedureFactory(name="Đăng ký kết hôn", via_post=True)
    return permit, extension, marriage


def codes(response):
    return [item["code"] for item in response.json()["results"]]


def test_the_list_answers_count_page_and_summaries(client, catalog):
    permit, _extension, _marriage = catalog
    response = client.get(LIST, {"q": "giay phep xay dung moi"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and body["page"] == 1 and body["page_size"] == 20
    assert body["results"] == [
        {
            "code": permit.code,
            "name": "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
            "field": {"code": "XD", "name": "Hoạt động xây dựng"},
            "service_level": 4,
            "online_class": "full",
            "implementing_level": "commune",
            "channels": ["1", "2"],
            "time_limit": "5 ngày làm việc",
            "url": f"http://testserver/thu-tuc/{permit.code}/",
        }
    ]


@pytest.mark.parametrize("query", ["giay phep xay dung", "GIẤY PHÉP XÂY DỰNG", "Giấy phép"])
def test_search_ignores_diacritics_and_case(client, catalog, query):
    permit, extension, _marriage = catalog
    assert set(codes(client.get(LIST, {"q": query}))) == {permit.code, extension.code}


def test_search_folds_d_with_stroke(client, catalog):
    *_rest, marriage = catalog
    assert codes(client.get(LIST, {"q": "dang ky"})) == [marriage.code]
    assert codes(client.get(LIST, {"q": "ĐĂNG KÝ"})) == [marriage.code]


def test_filters_narrow_the_list(client, catalog):
    permit, extension, marriage = catalog
    agency = AgencyFactory(code="000.00.21.H26")
    ProcedureAgencyFactory(procedure=permit, agency=agency)
    assert set(codes(client.get(LIST, {"field": "XD"}))) == {permit.code, extension.code}
    assert codes(client.get(LIST, {"agency": "000.00.21.H26"})) == [permit.code]
    assert codes(client.get(LIST, {"agency": str(agency.pk)})) == [permit.code]
    assert codes(client.get(LIST, {"level": 2})) == [extension.code]
    assert codes(client.get(LIST, {"implementing_level": "commune"})) == [permit.code]
    assert codes(client.get(LIST, {"online_class": "none"})) == [extension.code]
    assert codes(client.get(LIST, {"field": "khong-co"})) == []
    assert client.get(LIST, {"q": "kết hôn"}).json()["results"][0]["channels"] == ["1", "2", "3"]


def test_drafts_and_expired_procedures_are_not_listed(client, catalog):
    ProcedureFactory(name="Giấy phép dự thảo", draft=True)
    ProcedureFactory(name="Giấy phép cũ", effective_to=timezone.localdate())
    assert client.get(LIST, {"q": "giay phep"}).json()["count"] == 2


def test_pages_split_the_results_and_a_page_past_the_end_is_empty(client, db):
    for number in range(5):
        ProcedureFactory(name=f"Thủ tục {number}")
    first = client.get(LIST, {"page_size": 2}).json()
    third = client.get(LIST, {"page_size": 2, "page": 3}).json()
    assert first["count"] == 5 and [r["name"] for r in first["results"]] == [
        "Thủ tục 0",
        "Thủ tục 1",
    ]
    assert [r["name"] for r in third["results"]] == ["Thủ tục 4"]
    past = client.get(LIST, {"page_size": 2, "page": 99999}).json()
    assert past == {"count": 5, "page": 99999, "page_size": 2, "results": []}


@pytest.mark.parametrize(
    "params, field, message",
    [
        ({"page": "abc"}, "page", "Phải là một số nguyên."),
        ({"page": "0"}, "page", "Phải lớn hơn hoặc bằng 1."),
        ({"page_size": "101"}, "page_size", "Phải nhỏ hơn hoặc bằng 100."),
        ({"page_size": "0"}, "page_size", "Phải lớn hơn hoặc bằng 1."),
        ({"level": "9"}, "level", "Phải nhỏ hơn hoặc bằng 4."),
        ({"level": "abc"}, "level", "Phải là một số nguyên."),
        ({"q": "a" * 201}, "q", "Dài quá 200 ký tự."),
    ],
)
def test_bad_parameters_are_422_with_a_vietnamese_message_per_field(
    client, db, params, field, message
):
    response = client.get(LIST, params)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Dữ liệu không hợp lệ."
    assert {"field": field, "message": message} in body["errors"]


def test_an_unknown_implementing_level_lists_the_allowed_ones(client, db):
    response = client.get(LIST, {"implementing_level": "galaxy"})
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "implementing_level"
    assert error["message"].startswith("Giá trị không nằm trong danh sách cho phép")
    assert "commune" in error["message"]


def test_the_page_size_maximum_follows_the_setting(client, db):
    # The limit is read once, when the schema is built, from settings.API_PAGE_SIZE_MAX.
    from django.conf import settings

    assert client.get(LIST, {"page_size": settings.API_PAGE_SIZE_MAX}).status_code == 200
    assert client.get(LIST, {"page_size": settings.API_PAGE_SIZE_MAX + 1}).status_code == 422


def test_the_detail_is_the_full_record(client, settings, tmp_path, catalog):
    settings.MEDIA_ROOT = tmp_path
    permit, _extension, _marriage = catalog
    permit.eform_schema = {"type": "object", "properties": {"dien_tich": {"type": "number"}}}
    permit.save()
    agency = AgencyFactory(name="UBND phường Ba Đình", address="Số 1", counter_hours="8:00–17:00")
    ProcedureAgencyFactory(procedure=permit, agency=agency, service_level=3, online_class="partial")
    case = permit.cases.get()
    document = case.documents.get(name="Tờ khai theo mẫu")
    document.form_file.save("mau-01.pdf", ContentFile(b"%PDF"))
    FeeFactory(
        procedure=permit,
        case=case,
        name="Phí thẩm định",
        kind=FeeKind.TIERED,
        tiers=[{"up_to": 10, "amount": 100000}, {"up_to": None, "amount": 200000}],
    )

    response = client.get(detail_url(permit.code))
    assert response.status_code == 200
    body = response.json()
    assert body["code"] == permit.code and body["field"] == {
        "code": "XD",
        "name": "Hoạt động xây dựng",
    }
    [case_out] = body["cases"]
    assert case_out["time_limit"] == {
        "value": 5.0,
        "unit": "working_days",
        "minutes": 2400,
        "text": "5 ngày làm việc",
    }
    form, copy = case_out["documents"]
    assert form["form_url"] == f"http://testserver/thu-tuc/{permit.code}/mau-don/{document.pk}/"
    assert (copy["originals"], copy["copies"], copy["form_url"]) == (0, 1, None)
    assert body["fees"][0]["text"] == "50.000 đồng" and body["fees"][0]["case_code"] is None
    tiered = body["fees"][1]
    assert tiered["case_code"] == "TH1" and tiered["tiers"][1] == {"up_to": None, "amount": 200000}
    assert (
        tiered["text"]
        == "Theo số lượng: từ 1 đến 10 là 100.000 đồng; từ 11 trở lên là 200.000 đồng"
    )
    assert body["results"] == [{"code": "", "name": "Giấy chứng nhận"}]
    assert body["legal_bases"][0]["number"] == "61/2018/NĐ-CP"
    assert body["agencies"] == [
        {
            "code": agency.code,
            "name": "UBND phường Ba Đình",
            "address": "Số 1",
            "phone": "",
            "counter_hours": "8:00–17:00",
            "receives_dossiers": True,
            "service_level": 3,
            "online_class": "partial",
        }
    ]
    assert [step["order"] for step in body["steps"]] == [1, 2, 3]
    assert body["steps"][0]["unit_label"] == "Bộ phận một cửa tiếp nhận hồ sơ"
    assert body["steps"][1]["share_percent"] == 70.0
    assert body["eform_schema"]["properties"]["dien_tich"] == {"type": "number"}


def test_an_agency_without_its_own_level_inherits_the_procedures(client, catalog):
    permit, *_ = catalog
    ProcedureAgencyFactory(procedure=permit)
    [agency] = client.get(detail_url(permit.code)).json()["agencies"]
    assert (agency["service_level"], agency["online_class"]) == (4, "full")


@pytest.mark.parametrize(
    "make",
    [
        lambda: ProcedureFactory(draft=True).code,
        lambda: ProcedureFactory(effective_to=timezone.localdate()).code,
        lambda: ProcedureFactory(effective_from=timezone.localdate() + datetime.timedelta(1)).code,
        lambda: "9.999999",
    ],
    ids=["draft", "expired", "future", "unknown"],
)
def test_a_procedure_not_public_is_a_404_in_the_error_shape(client, db, make):
    code = make()
    response = client.get(detail_url(code))
    assert response.status_code == 404
    assert response.json() == {"detail": f"Không tìm thấy thủ tục có mã {code}.", "errors": []}


def _queries(client, url, params=None):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)


def test_the_list_runs_a_fixed_number_of_queries(client, django_assert_num_queries, db):
    complete_procedure(name="Thủ tục 0")
    few = _queries(client, LIST, {"agency": "x"}), _queries(client, LIST)
    for number in range(1, 15):
        complete_procedure(name=f"Thủ tục {number}")
    # count, page with fields, cases.
    with django_assert_num_queries(3):
        assert len(client.get(LIST).json()["results"]) == 15
    assert (_queries(client, LIST, {"agency": "x"}), _queries(client, LIST)) == few


def test_the_detail_runs_a_fixed_number_of_queries(client, django_assert_num_queries, db):
    small = complete_procedure()
    large = complete_procedure()
    for number in range(5):
        case = ProcedureCaseFactory(procedure=large, code=f"X{number}")
        RequiredDocumentFactory.create_batch(4, case=case)
        ProcedureAgencyFactory(procedure=large)
    # procedure with field, cases, documents, fees, results, legal bases, agencies, steps.
    with django_assert_num_queries(8):
        client.get(detail_url(small.code))
    with django_assert_num_queries(8):
        assert len(client.get(detail_url(large.code)).json()["cases"]) == 6


def test_openapi_documents_every_field_and_the_error_responses(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    list_op = schema["paths"]["/api/v1/procedures"]["get"]
    detail_op = schema["paths"]["/api/v1/procedures/{code}"]["get"]
    assert set(list_op["responses"]) == {"200", "422"}
    assert set(detail_op["responses"]) == {"200", "404", "422"}
    error_ref = detail_op["responses"]["404"]["content"]["application/json"]["schema"]["$ref"]
    assert error_ref.endswith("/ErrorSchema")
    components = schema["components"]["schemas"]
    ours = [
        "ProcedurePageOut",
        "ProcedureSummaryOut",
        "ProcedureDetailOut",
        "ProcedureFieldOut",
        "ProcedureCaseOut",
        "RequiredDocumentOut",
        "TimeLimitOut",
        "ProcedureFeeOut",
        "FeeTierOut",
        "ProcedureResultOut",
        "LegalBasisOut",
        "ImplementingAgencyOut",
        "ProcessStepOut",
        "ErrorSchema",
        "ErrorItemSchema",
    ]
    for name in ours:
        for field_name, field in components[name]["properties"].items():
            assert field.get("description"), (name, field_name)
    parameters = {p["name"]: p for p in list_op["parameters"]}
    assert set(parameters) >= {
        "q",
        "field",
        "agency",
        "level",
        "implementing_level",
        "page",
        "page_size",
    }
    assert all(p.get("description") for p in parameters.values())


def test_the_docs_page_loads_its_assets_locally(client, db):
    response = client.get("/api/v1/docs")
    html = response.content.decode()
    assert response.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(asset.endswith("swagger-ui-bundle.js") for asset in assets)
    for asset in assets:
        # Every script and stylesheet is ours, served from this server: no CDN.
        assert asset.startswith("/static/"), asset
        served = client.get(asset)
        assert served.status_code == 200, asset
        served.close()


def test_nul_characters_never_reach_the_database(client, catalog):
    permit, extension, _marriage = catalog
    assert set(codes(client.get(LIST, {"q": "giay\x00phep"}))) == {permit.code, extension.code}
    assert client.get(LIST, {"field": "XD\x00"}).json()["count"] == 0
    assert client.get(LIST, {"agency": "a\x00"}).json()["count"] == 0
    assert client.get(detail_url("1.900000%00")).status_code == 404
