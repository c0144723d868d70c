import datetime
import json
from decimal import Decimal

import pytest
from django import forms
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.choices import Role
from motcua.agencies.tests.factories import AgencyFactory, RoleGrantFactory
from motcua.catalog.models import Procedure
from motcua.catalog.records import export_json, procedures_for_export
from motcua.catalog.tests import samples
from motcua.catalog.tests.factories import (
    FieldFactory,
    ProcedureFactory,
    complete_procedure,
    rich_procedure,
)
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    sign_in_official(client, UserFactory(is_staff=True, is_superuser=True))
    return client


def post_value(bound_field):
    value = bound_field.value()
    widget = bound_field.field.widget
    if isinstance(widget, forms.FileInput):
        return None  # a browser never sends a stored file back
    if getattr(widget, "input_type", None) == "checkbox" and not hasattr(
        widget, "allow_multiple_selected"
    ):
        return "on" if value else None
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    if isinstance(value, datetime.date | Decimal | int):
        return str(value)
    return value


def form_data(form, data):
    for name in form.fields:
        value = post_value(form[name])
        if value is not None:
            data[form.add_prefix(name)] = value


def change_data(response) -> dict:
    """What the browser would post back, unchanged, from an admin change page."""
    data: dict = {}
    form_data(response.context["adminform"].form, data)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for form in formset.forms:
            form_data(form, data)
    return data


def change_url(procedure) -> str:
    return reverse("admin:catalog_procedure_change", args=[procedure.pk])


def post_change(client, procedure, **changes):
    data = change_data(client.get(change_url(procedure)))
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return client.post(change_url(procedure), data)


# --- the procedure form -----------------------------------------------------------------


def test_the_change_page_shows_the_eform_schema_as_indented_json(admin_client):
    procedure = rich_procedure()
    response = admin_client.get(change_url(procedure))
    assert response.status_code == 200
    text = response.content.decode()
    assert "&quot;title&quot;: &quot;Họ và tên&quot;" in text
    assert "\n  &quot;type&quot;: &quot;object&quot;" in text


def test_saving_an_unchanged_procedure_succeeds(admin_client):
    procedure = rich_procedure()
    response = post_change(admin_client, procedure)
    assert response.status_code == 302, response.context and response.context["errors"]


def test_a_bad_eform_schema_is_a_field_error_not_a_crash(admin_client):
    procedure = complete_procedure()
    schema = {"type": "object", "properties": {"dia_chi": {"type": "object", "title": "X"}}}
    response = post_change(admin_client, procedure, eform_schema=json.dumps(schema))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["eform_schema"]
    assert errors[0].startswith('Trường "dia_chi": kiểu "object" không được hỗ trợ')
    response = post_change(admin_client, procedure, eform_schema="{không phải json")
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["eform_schema"] == [
        "Nội dung không phải JSON hợp lệ."
    ]


def test_an_emptied_eform_box_saves_as_no_form(admin_client):
    procedure = rich_procedure()
    response = post_change(admin_client, procedure, eform_schema="")
    assert response.status_code == 302
    procedure.refresh_from_db()
    assert procedure.eform_schema == {}


def inline_errors(response, prefix):
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.prefix == prefix:
            return inline.formset
    raise AssertionError(prefix)


def test_step_shares_that_do_not_add_up_are_shown_on_the_steps_inline(admin_client):
    procedure = complete_procedure()
    response = post_change(admin_client, procedure, **{"steps-0-share_percent": "30"})
    assert response.status_code == 200
    assert inline_errors(response, "steps").non_form_errors() == [
        "Tổng tỷ lệ thời gian của các bước phải bằng 100% (hiện là 120%)."
    ]
    assert Procedure.objects.get(pk=procedure.pk).steps.first().share_percent == Decimal("10")


def test_bad_fee_tiers_are_shown_on_the_fee(admin_client):
    procedure = complete_procedure()
    response = post_change(
        admin_client,
        procedure,
        **{
            "fees-0-kind": "tiered",
            "fees-0-tiers": json.dumps([{"up_to": 5, "amount": 1}, {"up_to": 3, "amount": 2}]),
        },
    )
    assert response.status_code == 200
    fee_form = inline_errors(response, "fees").forms[0]
    assert fee_form.errors["tiers"] == ["Bậc 2: giới hạn trên phải là số nguyên tăng dần."]


def test_a_published_procedure_needs_a_channel_and_a_case(admin_client):
    procedure = complete_procedure()
    response = post_change(
        admin_client, procedure, via_counter=None, via_online=None, **{"cases-0-DELETE": "on"}
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "Thủ tục đã công bố phải có ít nhất một cách thức nộp hồ sơ "
        "(trực tiếp, trực tuyến hoặc bưu chính)."
    ]
    assert inline_errors(response, "cases").non_form_errors() == [
        "Thủ tục đã công bố phải có ít nhất một trường hợp."
    ]
    # The same changes are fine on a draft.
    draft = complete_procedure(draft=True)
    response = post_change(
        admin_client, draft, via_counter=None, via_online=None, **{"cases-0-DELETE": "on"}
    )
    assert response.status_code == 302
    assert not draft.cases.exists()


def test_two_cases_with_the_same_name_are_refused(admin_client):
    procedure = rich_procedure()
    response = post_change(
        admin_client, procedure, **{"cases-1-name": "Đăng ký khai sinh đúng hạn"}
    )
    assert response.status_code == 200
    assert inline_errors(response, "cases").non_form_errors() == [
        "Tên trường hợp bị trùng: Đăng ký khai sinh đúng hạn."
    ]


# --- search, filters, export ------------------------------------------------------------


def test_search_ignores_accents_and_case(admin_client):
    wanted = ProcedureFactory(name="Cấp giấy phép xây dựng nhà ở riêng lẻ")
    ProcedureFactory(name="Đăng ký khai sinh")
    url = reverse("admin:catalog_procedure_changelist")
    for query in ("giay phep", "GIẤY PHÉP", "Giấy phép xây"):
        response = admin_client.get(url, {"q": query})
        assert list(response.context["cl"].result_list) == [wanted], query
    response = admin_client.get(url, {"status__exact": "draft"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []


def test_the_changelist_offers_the_import_page(admin_client):
    response = admin_client.get(reverse("admin:catalog_procedure_changelist"))
    assert reverse("admin:catalog_procedure_import") in response.content.decode()


def test_export_selected_downloads_the_records(admin_client):
    chosen, _other = complete_procedure(), complete_procedure()
    response = admin_client.post(
        reverse("admin:catalog_procedure_changelist"),
        {"action": "export_selected", "_selected_action": [chosen.pk]},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert [r["MATTHC"] for r in json.loads(response.content)] == [chosen.code]


def test_field_admin_searches_folded_names(admin_client):
    FieldFactory(code="HT", name="Hộ tịch")
    response = admin_client.get(reverse("admin:catalog_field_changelist"), {"q": "ho tich"})
    assert [f.code for f in response.context["cl"].result_list] == ["HT"]


def test_field_admin_lists_fields_in_vietnamese_order(admin_client):
    # By code points: "Thành lập…", "Tài nguyên…", "Xây dựng", "Đường bộ", "Đất đai".
    for code, name in [
        ("DD", "Đất đai"),
        ("DB", "Đường bộ"),
        ("XD", "Xây dựng"),
        ("TN", "Tài nguyên và môi trường"),
        ("TL", "Thành lập doanh nghiệp"),
    ]:
        FieldFactory(code=code, name=name)
    response = admin_client.get(reverse("admin:catalog_field_changelist"))
    assert [f.code for f in response.context["cl"].result_list] == ["DD", "DB", "TN", "TL", "XD"]


# --- cases and their documents ----------------------------------------------------------


def case_change(client, case, **changes):
    url = reverse("admin:catalog_procedurecase_change", args=[case.pk])
    data = change_data(client.get(url))
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return client.post(url, data)


def test_a_case_of_a_published_procedure_keeps_at_least_one_document(admin_client):
    case = complete_procedure().cases.get()
    response = case_change(
        admin_client, case, **{"documents-0-DELETE": "on", "documents-1-DELETE": "on"}
    )
    assert response.status_code == 200
    assert inline_errors(response, "documents").non_form_errors() == [
        "Trường hợp “Trường hợp chung” phải có ít nhất một thành phần hồ sơ trước khi công bố."
    ]


def test_a_form_template_upload_is_checked_by_its_content(admin_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    case = complete_procedure().cases.get()
    fake = SimpleUploadedFile("mau-01.pdf", b"<html>gi\xe1\xba\xa3</html>", "application/pdf")
    response = case_change(admin_client, case, **{"documents-0-form_file": fake})
    assert response.status_code == 200
    assert inline_errors(response, "documents").forms[0].errors["form_file"] == [
        "Tệp không đúng loại cho phép; chỉ nhận tệp PDF, DOC, DOCX, XLSX, ODT."
    ]
    real = SimpleUploadedFile("Mẫu số 01.docx", samples.docx(), "application/octet-stream")
    response = case_change(admin_client, case, **{"documents-0-form_file": real})
    assert response.status_code == 302
    assert case.documents.first().form_file.name == "catalog/forms/Mau-so-01.docx"


# --- the import page --------------------------------------------------------------------

IMPORT_URL = "admin:catalog_procedure_import"


def test_the_import_page_needs_the_catalog_permissions(client):
    url = reverse(IMPORT_URL)
    assert client.get(url).status_code == 302  # to the login page
    staff = UserFactory(is_staff=True)
    sign_in_official(client, staff)
    assert client.get(url).status_code == 403
    staff.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="catalog", codename__in=["add_procedure", "change_procedure"]
        )
    )
    # The model permissions are not enough: the import also needs the catalog role.
    assert client.get(url).status_code == 403
    RoleGrantFactory(
        user=staff, agency=AgencyFactory(), role=Role.CATALOG_ADMIN, includes_subtree=True
    )
    assert client.get(url).status_code == 200


def upload_json(content: str | bytes, name="danh-muc.json"):
    if isinstance(content, str):
        content = content.encode()
    return SimpleUploadedFile(name, content, "application/json")


def test_uploading_a_file_imports_it_and_shows_the_report(admin_client):
    procedure = complete_procedure()
    content = export_json(procedures_for_export([procedure.code]))
    Procedure.objects.all().delete()

    response = admin_client.post(reverse(IMPORT_URL), {"file": upload_json(content)})

    assert response.status_code == 200
    text = response.content.decode()
    assert "1 bản ghi: 1 tạo mới, 0 cập nhật, 0 có lỗi." in text
    assert "Đã tạo mới" in text
    imported = Procedure.objects.get(code=procedure.code)
    entry = LogEntry.objects.get(object_id=str(imported.pk))
    assert entry.action_flag == ADDITION


def test_a_bad_file_gets_a_report_of_errors_and_imports_nothing(admin_client):
    response = admin_client.post(reverse(IMPORT_URL), {"file": upload_json('[{"MATTHC": 1}]')})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Có lỗi, không nhập" in text
    assert "TENTTHC: không được để trống." in text
    response = admin_client.post(reverse(IMPORT_URL), {"file": upload_json(b"\x00\xff")})
    assert "Tệp không phải văn bản UTF-8." in response.content.decode()
    assert not Procedure.objects.exists()


def test_the_import_page_refuses_a_file_over_the_size_limit(admin_client, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    response = admin_client.post(reverse(IMPORT_URL), {"file": upload_json("[" + " " * 2000 + "]")})
    assert response.status_code == 200
    assert response.context["form"].errors["file"][0].startswith("Tệp quá lớn")


def test_a_dry_run_from_the_admin_writes_nothing(admin_client):
    procedure = complete_procedure()
    content = export_json(procedures_for_export([procedure.code]))
    Procedure.objects.all().delete()
    response = admin_client.post(
        reverse(IMPORT_URL), {"file": upload_json(content), "dry_run": "on"}
    )
    assert "Sẽ tạo mới (chạy thử)" in response.content.decode()
    assert not Procedure.objects.exists()
    assert not LogEntry.objects.exists()
