"""Builders for e-form schemas in the subset of JSON Schema the catalog accepts.

A form is flat: `{"type": "object", "title", "properties", "required", "additionalProperties":
false, "x-order"}`; each property has a type (string, number, integer, boolean) and a
Vietnamese title, and optionally a description, string limits, a pattern, an enum with
`x-enumNames`, a `format` (date or email), number limits, an `x-widget` and a default.
"""

from __future__ import annotations

from typing import Any

Prop = tuple[str, dict[str, Any], bool]  # (name, schema, required)

PERSONAL_ID_PATTERN = r"^\d{12}$"
TAX_CODE_PATTERN = r"^\d{10}(-\d{3})?$"
PHONE_PATTERN = r"^(\+84|0)\d{9,10}$"
COMMUNE_PATTERN = r"^\d{5}$"


def text(name: str, title: str, *, required: bool = True, max_length: int = 200, **extra) -> Prop:
    schema: dict[str, Any] = {"type": "string", "title": title, "maxLength": max_length}
    schema.update(extra)
    return name, schema, required


def long_text(name: str, title: str, *, required: bool = True, max_length: int = 2000) -> Prop:
    return text(name, title, required=required, max_length=max_length, **{"x-widget": "textarea"})


def date(name: str, title: str, *, required: bool = True) -> Prop:
    return name, {"type": "string", "title": title, "format": "date"}, required


def choice(name: str, title: str, options: dict[str, str], *, required: bool = True) -> Prop:
    return (
        name,
        {
            "type": "string",
            "title": title,
            "enum": list(options),
            "x-enumNames": list(options.values()),
        },
        required,
    )


def integer(
    name: str, title: str, *, minimum: int = 0, maximum: int | None = None, required: bool = True
) -> Prop:
    schema: dict[str, Any] = {"type": "integer", "title": title, "minimum": minimum}
    if maximum is not None:
        schema["maximum"] = maximum
    return name, schema, required


def number(name: str, title: str, *, minimum: float = 0, required: bool = True) -> Prop:
    return name, {"type": "number", "title": title, "minimum": minimum}, required


def flag(name: str, title: str, *, default: bool = False, description: str = "") -> Prop:
    schema: dict[str, Any] = {"type": "boolean", "title": title, "default": default}
    if description:
        schema["description"] = description
    return name, schema, False


def personal_id(name: str = "so_dinh_danh", title: str = "Số định danh cá nhân") -> Prop:
    return (
        name,
        {
            "type": "string",
            "title": title,
            "description": "12 chữ số in trên thẻ căn cước.",
            "pattern": PERSONAL_ID_PATTERN,
            "minLength": 12,
            "maxLength": 12,
            "x-widget": "personal-id",
        },
        True,
    )


def tax_code(name: str = "ma_so_thue", title: str = "Mã số thuế") -> Prop:
    return (
        name,
        {
            "type": "string",
            "title": title,
            "pattern": TAX_CODE_PATTERN,
            "maxLength": 14,
            "x-widget": "tax-code",
        },
        True,
    )


def phone(name: str = "dien_thoai", title: str = "Số điện thoại") -> Prop:
    return (
        name,
        {
            "type": "string",
            "title": title,
            "pattern": PHONE_PATTERN,
            "maxLength": 13,
            "x-widget": "phone",
        },
        True,
    )


def email(name: str = "email", title: str = "Thư điện tử", *, required: bool = False) -> Prop:
    return name, {"type": "string", "title": title, "format": "email", "maxLength": 254}, required


def commune(name: str = "xa_phuong", title: str = "Xã, phường") -> Prop:
    return (
        name,
        {
            "type": "string",
            "title": title,
            "description": "Chọn xã, phường theo danh mục đơn vị hành chính từ ngày 01/7/2025.",
            "pattern": COMMUNE_PATTERN,
            "x-widget": "commune",
        },
        True,
    )


GENDER = {"nam": "Nam", "nu": "Nữ"}


def applicant() -> list[Prop]:
    """The person making the request, as every citizen form starts."""
    return [
        text("ho_ten", "Họ, chữ đệm và tên người yêu cầu", max_length=100),
        personal_id(),
        phone(),
        email(),
        commune(),
        text("dia_chi", "Số nhà, đường phố hoặc thôn, tổ dân phố"),
    ]


def organisation() -> list[Prop]:
    """The organisation making the request and its representative."""
    return [
        text("ten_to_chuc", "Tên tổ chức, doanh nghiệp", max_length=300),
        tax_code(),
        text("nguoi_dai_dien", "Họ và tên người đại diện theo pháp luật", max_length=100),
        personal_id("so_dinh_danh_nguoi_dai_dien", "Số định danh cá nhân của người đại diện"),
        phone(),
        email(required=True),
        commune("xa_phuong_tru_so", "Xã, phường nơi đặt trụ sở"),
        text("dia_chi_tru_so", "Địa chỉ trụ sở (số nhà, đường phố)"),
    ]


def form(title: str, *props: Prop | list[Prop]) -> dict[str, Any]:
    """A complete schema from properties (or lists of them), in the order given."""
    flat: list[Prop] = []
    for item in props:
        flat.extend(item if isinstance(item, list) else [item])
    names = [name for name, _, _ in flat]
    if len(set(names)) != len(names):
        raise ValueError(f"duplicate property in e-form {title!r}")
    return {
        "type": "object",
        "title": title,
        "properties": {name: schema for name, schema, _ in flat},
        "required": [name for name, _, required in flat if required],
        "additionalProperties": False,
        "x-order": names,
    }
