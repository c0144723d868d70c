import copy

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict

from motcua.catalog.eforms import clean_data, form_fields, schema_errors, validate_data
from motcua.catalog.tests.factories import ProcedureFactory

SCHEMA = {
    "type": "object",
    "title": "Tờ khai đăng ký khai sinh",
    "properties": {
        "ho_ten": {"type": "string", "title": "Họ và tên", "minLength": 2, "maxLength": 50},
        "ngay_sinh": {"type": "string", "title": "Ngày sinh", "format": "date"},
        "gioi_tinh": {
            "type": "string",
            "title": "Giới tính",
            "enum": ["nam", "nu"],
            "x-enumNames": ["Nam", "Nữ"],
        },
        "email": {"type": "string", "title": "Thư điện tử", "format": "email"},
        "so_dinh_danh": {"type": "string", "title": "Số định danh", "x-widget": "personal-id"},
        "ma_so_thue": {"type": "string", "title": "Mã số thuế", "x-widget": "tax-code"},
        "dien_thoai": {"type": "string", "title": "Điện thoại", "x-widget": "phone"},
        "xa_phuong": {"type": "string", "title": "Xã, phường", "x-widget": "commune"},
        "ghi_chu": {"type": "string", "title": "Ghi chú", "x-widget": "textarea"},
        "ma_ho": {"type": "string", "title": "Mã hộ", "pattern": "^HO[0-9]{4}$"},
        "so_ban": {"type": "integer", "title": "Số bản", "minimum": 1, "maximum": 10},
        "dien_tich": {"type": "number", "title": "Diện tích (m²)", "minimum": 0.5},
        "cam_doan": {"type": "boolean", "title": "Tôi cam đoan", "default": False},
        "nhan_qua_buu_dien": {"type": "boolean", "title": "Nhận qua bưu điện"},
    },
    "required": ["ho_ten", "ngay_sinh", "cam_doan"],
    "additionalProperties": False,
    "x-order": ["ho_ten", "ngay_sinh", "gioi_tinh"],
}

GOOD = {"ho_ten": "Nguyễn Thị Hoa", "ngay_sinh": "2026-02-13", "cam_doan": True}


def with_property(name, prop, **top):
    schema = copy.deepcopy(SCHEMA)
    schema["properties"][name] = prop
    schema.update(top)
    return schema


# --- the definition ---------------------------------------------------------------------


def test_a_schema_using_every_supported_keyword_is_accepted():
    assert schema_errors(SCHEMA) == []


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ([], "Biểu mẫu phải là một đối tượng."),
        ({"type": "object"}, 'Biểu mẫu: thiếu "properties".'),
        ({"type": "array", "properties": {"a": {"type": "string", "title": "A"}}},
         'Biểu mẫu phải có "type": "object".'),
        ({"type": "object", "properties": {}},
         'Biểu mẫu phải có ít nhất một trường trong "properties".'),
        (with_property("x", {"type": "string", "title": "X"}, **{"$schema": "draft"}),
         'Biểu mẫu: không hỗ trợ "$schema".'),
        (with_property("x", {"type": "string", "title": "X"}, additionalProperties=True),
         'Biểu mẫu: "additionalProperties" chỉ được là false.'),
        (with_property("dia_chi", {"type": "object", "title": "Địa chỉ"}),
         'Trường "dia_chi": kiểu "object" không được hỗ trợ'),
        (with_property("giay_to", {"type": "array", "title": "Giấy tờ"}),
         'Trường "giay_to": kiểu "array" không được hỗ trợ'),
        (with_property("x", {"type": "string"}), 'Trường "x": thiếu "title".'),
        (with_property("x", {"type": "string", "title": "   "}),
         'Trường "x": "title" không được để trống.'),
        (with_property("x", {"type": "string", "title": "X", "$ref": "#/a"}),
         'Trường "x": không hỗ trợ "$ref".'),
        (with_property("x", {"type": "string", "title": "X", "format": "uri"}),
         'Trường "x": "format" phải là một trong date, email.'),
        (with_property("x", {"type": "string", "title": "X", "x-widget": "map"}),
         'Trường "x": "x-widget" phải là một trong'),
        (with_property("x", {"type": "string", "title": "X", "maxLength": -1}),
         'Trường "x": "maxLength" không được âm.'),
        (with_property("x", {"type": "string", "title": "X", "maxLength": "10"}),
         'Trường "x": "maxLength" phải là số nguyên.'),
        (with_property("x", {"type": "string", "title": "X", "minLength": 5, "maxLength": 2}),
         'Trường "x": "minLength" không được lớn hơn "maxLength".'),
        (with_property("x", {"type": "integer", "title": "X", "minimum": 5, "maximum": 2}),
         'Trường "x": "minimum" không được lớn hơn "maximum".'),
        (with_property("x", {"type": "number", "title": "X", "maxLength": 3}),
         'Trường "x": "maxLength" chỉ dùng cho kiểu string.'),
        (with_property("x", {"type": "string", "title": "X", "minimum": 3}),
         'Trường "x": "minimum" chỉ dùng cho kiểu number hoặc integer.'),
        (with_property("x", {"type": "boolean", "title": "X", "x-widget": "phone"}),
         'Trường "x": "x-widget" chỉ dùng cho kiểu string.'),
        (with_property("x", {"type": "string", "title": "X", "pattern": "([a-z"}),
         'Trường "x": "pattern" không phải biểu thức chính quy hợp lệ.'),
        (with_property("x", {"type": "string", "title": "X", "enum": []}),
         'Trường "x": "enum" không được là danh sách rỗng.'),
        (with_property("x", {"type": "string", "title": "X", "enum": ["a", "a"]}),
         'Trường "x": "enum" có giá trị trùng lặp.'),
        (with_property("x", {"type": "string", "title": "X", "enum": ["a", ""]}),
         'Trường "x": "enum" không được chứa giá trị rỗng.'),
        (with_property("x", {"type": "string", "title": "X", "enum": ["a", "b"],
                             "x-enumNames": ["A"]}),
         'Trường "x": "x-enumNames" phải có đúng 2 nhãn'),
        (with_property("x", {"type": "string", "title": "X", "x-enumNames": ["A"]}),
         'Trường "x": "x-enumNames" chỉ dùng kèm "enum".'),
        (with_property("x", {"type": "string", "title": "X", "enum": ["a"], "format": "date"}),
         'Trường "x": không dùng "enum" cùng với "format".'),
        (with_property("x", {"type": "string", "title": "X", "format": "date",
                             "x-widget": "textarea"}),
         'Trường "x": không dùng "format" cùng với "x-widget".'),
        (with_property("x", {"type": "integer", "title": "X", "default": "năm"}),
         'Trường "x": giá trị mặc định không hợp lệ: Phải là một số nguyên.'),
        (with_property("x", {"type": "string", "title": "X", "enum": ["a"], "default": "b"}),
         'Trường "x": giá trị mặc định không hợp lệ'),
        (with_property("họ tên", {"type": "string", "title": "X"}),
         'Trường "họ tên": tên trường chỉ gồm chữ cái không dấu'),
        (with_property("x", {"type": "string", "title": "X"}, required=["khong_co"]),
         '"required" nêu trường "khong_co" không có trong "properties".'),
        (with_property("x", {"type": "string", "title": "X"}, **{"x-order": ["khong_co"]}),
         '"x-order" nêu trường "khong_co" không có trong "properties".'),
        (with_property("x", {"type": "string", "title": "X"}, required="ho_ten"),
         'Biểu mẫu: "required" phải là danh sách.'),
    ],
)  # fmt: skip
def test_a_schema_outside_the_subset_is_refused_with_a_message_naming_the_property(
    schema, expected
):
    problems = schema_errors(schema)
    assert any(problem.startswith(expected) for problem in problems), problems


def test_every_problem_of_a_schema_is_reported_at_once():
    schema = {
        "type": "object",
        "properties": {
            "a": {"type": "array", "title": "A"},
            "b": {"type": "number", "title": "B", "pattern": "x"},
        },
        "required": ["c"],
    }
    problems = schema_errors(schema)
    assert len(problems) == 3
    assert any('"a"' in p for p in problems)
    assert any('"b"' in p for p in problems)
    assert any('"c"' in p for p in problems)


@pytest.mark.django_db
def test_procedure_clean_puts_schema_problems_on_the_eform_field():
    procedure = ProcedureFactory.build(
        eform_schema={"type": "object", "properties": {"a": {"type": "array", "title": "A"}}}
    )
    with pytest.raises(ValidationError) as caught:
        procedure.full_clean(exclude=["field"])
    assert list(caught.value.message_dict) == ["eform_schema"]
    assert "array" in caught.value.message_dict["eform_schema"][0]


# --- a submission -----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_complete_submission_is_cleaned_into_typed_json_ready_values():
    data = {
        **GOOD,
        "ho_ten": "  Nguyễn Thị Hoa ",
        "ngay_sinh": "13/02/2026",
        "gioi_tinh": "nu",
        "email": "hoa@example.vn",
        "so_dinh_danh": "001 203 004 567",
        "ma_so_thue": "0101234567-001",
        "dien_thoai": "0912.345.678",
        "xa_phuong": "00070",
        "ghi_chu": "Dòng một\nDòng hai",
        "ma_ho": "HO0123",
        "so_ban": "3",
        "dien_tich": "12,5",
        "cam_doan": "on",
        "nhan_qua_buu_dien": "false",
    }
    cleaned, errors = clean_data(SCHEMA, data)
    assert errors == {}
    assert cleaned == {
        "ho_ten": "Nguyễn Thị Hoa",
        "ngay_sinh": "2026-02-13",
        "gioi_tinh": "nu",
        "email": "hoa@example.vn",
        "so_dinh_danh": "001203004567",
        "ma_so_thue": "0101234567-001",
        "dien_thoai": "0912345678",
        "xa_phuong": "00070",
        "ghi_chu": "Dòng một\nDòng hai",
        "ma_ho": "HO0123",
        "so_ban": 3,
        "dien_tich": 12.5,
        "cam_doan": True,
        "nhan_qua_buu_dien": False,
    }


@pytest.mark.django_db
def test_cleaned_data_cleans_to_itself():
    data = {**GOOD, "so_ban": 2, "dien_tich": 7, "xa_phuong": "00070", "gioi_tinh": "nam"}
    cleaned, _ = clean_data(SCHEMA, data)
    assert clean_data(SCHEMA, cleaned) == (cleaned, {})


@pytest.mark.django_db
def test_a_form_post_is_read_from_a_querydict_and_its_csrf_token_is_ignored_without_strict_keys():
    schema = {**SCHEMA}
    schema.pop("additionalProperties")
    post = QueryDict(
        "csrfmiddlewaretoken=abc&ho_ten=L%C3%AA+V%C4%83n+A&ngay_sinh=2026-01-02&cam_doan=on",
        mutable=False,
    )
    cleaned, errors = clean_data(schema, post)
    assert errors == {}
    assert cleaned["ho_ten"] == "Lê Văn A"
    assert "csrfmiddlewaretoken" not in cleaned


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("ho_ten", "A", "Phải có ít nhất 2 ký tự."),
        ("ho_ten", "A" * 51, "Không được dài quá 50 ký tự."),
        ("ho_ten", 12345, "Phải là một chuỗi ký tự."),
        ("ngay_sinh", "30/02/2026", "Ngày 30/02/2026 không tồn tại."),
        ("ngay_sinh", "2026-13-01", "Ngày 2026-13-01 không tồn tại."),
        ("ngay_sinh", "hôm qua", "Ngày không hợp lệ"),
        ("gioi_tinh", "khac", "Hãy chọn một giá trị trong danh sách."),
        ("email", "hoa@", "Địa chỉ thư điện tử không hợp lệ."),
        ("so_dinh_danh", "12345678901", "Số định danh cá nhân phải gồm đúng 12 chữ số."),
        ("so_dinh_danh", "00120300456A", "Số định danh cá nhân phải gồm đúng 12 chữ số."),
        ("ma_so_thue", "01012345", "Mã số thuế phải gồm 10 chữ số"),
        ("dien_thoai", "12345", "Số điện thoại không hợp lệ"),
        ("xa_phuong", "7", "Mã xã, phường phải gồm 5 chữ số."),
        ("xa_phuong", "99999", "Không có xã, phường nào có mã 99999."),
        ("ma_ho", "HO12", "Giá trị không đúng định dạng yêu cầu."),
        ("so_ban", "2.5", "Phải là một số nguyên."),
        ("so_ban", 2.5, "Phải là một số nguyên."),
        ("so_ban", "1.000", "Phải là một số nguyên."),
        ("so_ban", True, "Phải là một số nguyên."),
        ("so_ban", 0, "Phải lớn hơn hoặc bằng 1."),
        ("so_ban", "11", "Phải nhỏ hơn hoặc bằng 10."),
        ("dien_tich", "mười", "Phải là một số."),
        ("dien_tich", "1.000.000", "Phải là một số."),
        ("dien_tich", float("nan"), "Phải là một số."),
        ("dien_tich", "0,4", "Phải lớn hơn hoặc bằng 0.5."),
        ("nhan_qua_buu_dien", "maybe", "Phải là có hoặc không."),
        ("nhan_qua_buu_dien", 1, "Phải là có hoặc không."),
    ],
)
def test_a_bad_value_gets_a_vietnamese_message_on_its_field(field, value, message):
    errors = validate_data(SCHEMA, {**GOOD, field: value})
    assert list(errors) == [field]
    assert errors[field][0].startswith(message), errors


@pytest.mark.django_db
def test_required_fields_left_empty_are_reported_and_a_required_box_must_be_ticked():
    errors = validate_data(SCHEMA, {"ho_ten": "   ", "cam_doan": "false"})
    assert errors == {
        "ho_ten": ["Trường này là bắt buộc."],
        "ngay_sinh": ["Trường này là bắt buộc."],
        "cam_doan": ["Hãy đánh dấu vào ô này để tiếp tục."],
    }


@pytest.mark.django_db
def test_optional_fields_left_empty_are_absent_from_the_cleaned_data_and_booleans_default_false():
    cleaned, errors = clean_data(SCHEMA, {**GOOD, "email": "", "so_ban": None})
    assert errors == {}
    assert "email" not in cleaned
    assert "so_ban" not in cleaned
    assert cleaned["nhan_qua_buu_dien"] is False


def test_unknown_keys_are_refused_when_additional_properties_is_false():
    errors = validate_data(SCHEMA, {**GOOD, "luong": "1000"})
    assert errors == {"luong": ["Tờ khai không có trường này."]}


def test_data_that_is_not_an_object_is_refused_as_a_whole():
    assert validate_data(SCHEMA, ["ho_ten"]) == {
        "__all__": ["Dữ liệu tờ khai phải là một đối tượng."]
    }


def test_a_procedure_without_an_eform_accepts_an_empty_submission():
    assert clean_data({}, {}) == ({}, {})


def test_a_broken_schema_refuses_submissions_politely_instead_of_crashing():
    cleaned, errors = clean_data({"type": "object", "properties": {"a": {"type": "array"}}}, {})
    assert cleaned == {}
    assert "lỗi cấu hình" in errors["__all__"][0]


def test_vietnamese_text_typed_in_decomposed_form_is_stored_composed():
    decomposed = "Nguye\u0302\u0303n"  # "Nguyễn" as some keyboards send it
    cleaned, errors = clean_data(SCHEMA, {**GOOD, "ho_ten": decomposed})
    assert errors == {}
    assert cleaned["ho_ten"] == "Nguyễn"


# --- a screen ---------------------------------------------------------------------------


def test_form_fields_follow_x_order_then_declaration_order_with_their_widgets():
    fields = form_fields(SCHEMA)
    names = [f.name for f in fields]
    assert names[:3] == ["ho_ten", "ngay_sinh", "gioi_tinh"]
    assert names[3:] == [n for n in SCHEMA["properties"] if n not in names[:3]]
    by_name = {f.name: f for f in fields}
    assert by_name["gioi_tinh"].widget == "select"
    assert by_name["gioi_tinh"].choices == [("nam", "Nam"), ("nu", "Nữ")]
    assert by_name["ngay_sinh"].widget == "date"
    assert by_name["email"].widget == "email"
    assert by_name["xa_phuong"].widget == "commune"
    assert by_name["so_dinh_danh"].widget == "personal-id"
    assert by_name["ghi_chu"].widget == "textarea"
    assert by_name["so_ban"].widget == "number"
    assert (by_name["so_ban"].minimum, by_name["so_ban"].maximum) == (1, 10)
    assert by_name["cam_doan"].widget == "checkbox"
    assert by_name["cam_doan"].initial is False
    assert by_name["ho_ten"].required and not by_name["email"].required
    assert by_name["ho_ten"].as_dict()["label"] == "Họ và tên"


def test_enum_labels_default_to_the_values_themselves():
    schema = with_property("x", {"type": "string", "title": "X", "enum": ["A1", "B2"]})
    field = next(f for f in form_fields(schema) if f.name == "x")
    assert field.choices == [("A1", "A1"), ("B2", "B2")]


def test_form_fields_refuse_a_broken_schema():
    with pytest.raises(ValueError):
        form_fields({"type": "object", "properties": {}})


@pytest.mark.django_db
def test_a_form_keeps_the_order_it_was_declared_in_once_stored():
    # PostgreSQL's jsonb keeps keys in an order of its own (shorter first): the order an author
    # declared must survive storage whatever the database.
    declared = ["ho_ten_nguoi_yeu_cau", "so_dinh_danh", "ngay", "dia_chi_thuong_tru", "ghi_chu"]
    schema = {
        "type": "object",
        "properties": {name: {"type": "string", "title": name} for name in declared},
        "x-order": ["ngay"],
    }
    procedure = ProcedureFactory(eform_schema=schema)
    procedure.refresh_from_db()
    assert [field.name for field in form_fields(procedure.eform_schema)] == [
        "ngay",
        "ho_ten_nguoi_yeu_cau",
        "so_dinh_danh",
        "dia_chi_thuong_tru",
        "ghi_chu",
    ]
