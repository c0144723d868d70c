"""E-forms (biểu mẫu điện tử, tờ khai): a procedure's form as a small subset of JSON Schema.

A schema is flat: typed properties with Vietnamese titles, no nesting, no arrays, no $ref
(docs/eform-schema.md). This module answers four questions about it:

- `schema_errors(schema)`: is the definition itself acceptable? (used by Procedure.clean)
- `clean_data(schema, data)`: what does a submission mean, typed, and what is wrong with it?
- `validate_data(schema, data)`: only the problems, field by field.
- `form_fields(schema)`: which fields, in which order, with which widget, for a screen.

Cleaned values are ready for a JSONField: str, int, float, bool, and dates as ISO strings
("2026-02-13") whatever way they were typed ("13/02/2026"). Messages are Vietnamese, for the
person filling the form.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from motcua.accounts.validators import validate_personal_id, validate_phone, validate_tax_code
from motcua.catalog.eform_schema import (
    names_errors,
    property_errors,
    structure_errors,
)

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_VN_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_DECIMAL = re.compile(r"^[+-]?\d+(\.\d+)?$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_SPACES = re.compile(r"[\s\u00a0]+")
_TRUE_WORDS = {"true", "1", "on", "yes", "có", "co"}
_FALSE_WORDS = {"false", "0", "off", "no", "không", "khong"}


class _Invalid(Exception):
    """One reason a value is refused; carries the Vietnamese message."""


@dataclass(frozen=True)
class FormField:
    """One field of an e-form as a screen renders it."""

    name: str
    label: str
    type: str
    widget: str
    required: bool
    help_text: str = ""
    choices: list[tuple[str, str]] = field(default_factory=list)
    initial: Any = None
    max_length: int | None = None
    min_length: int | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# --- the definition ------------------------------------------------------------------------


def schema_errors(schema: Any) -> list[str]:
    """Every problem with an e-form definition, as Vietnamese sentences naming the property.
    An empty list means the schema is acceptable."""
    problems, broken = structure_errors(schema)
    if not isinstance(schema, dict) or not isinstance(schema.get("properties"), dict):
        return problems
    for name, prop in schema["properties"].items():
        if name in broken:
            continue
        own = property_errors(name, prop)
        if not own and "default" in prop:
            try:
                _clean_value(prop, prop["default"], check_database=False)
            except _Invalid as exc:
                own.append(
                    _('Trường "%(name)s": giá trị mặc định không hợp lệ: %(reason)s')
                    % {"name": name, "reason": exc}
                )
        problems.extend(own)
    problems.extend(names_errors(schema))
    return problems


def _ensure_valid(schema: Any) -> None:
    problems = schema_errors(schema)
    if problems:
        raise ValueError("invalid e-form schema: " + "; ".join(problems))


def ordered_names(schema: dict) -> list[str]:
    """Property names in display order: those in x-order first, then the rest as declared."""
    declared = list(schema.get("properties", {}))
    first = [name for name in schema.get("x-order", []) if name in declared]
    return first + [name for name in declared if name not in first]


def pin_declared_order(schema):
    """The schema with its display order written down in `x-order` (the order given, then the
    rest as declared). PostgreSQL keeps a JSON object's keys in an order of its own (jsonb), so
    "as declared" must be pinned before the schema is stored, or a form without a full
    `x-order` would show its fields in another order there than on SQLite."""
    if not isinstance(schema, dict) or not isinstance(schema.get("properties"), dict):
        return schema
    given = schema.get("x-order", [])
    if not isinstance(given, list) or not set(given) <= set(schema["properties"]):
        return schema  # refused by the schema's own check, with its message
    order = ordered_names(schema)
    if schema.get("x-order") == order:
        return schema
    return {**schema, "x-order": order}


# --- a submission --------------------------------------------------------------------------


def clean_data(schema: dict, data: Any) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Check a submission (a dict from JSON, or a QueryDict from an HTML form) against
    `schema`. Returns (cleaned, errors): cleaned holds the typed, JSON-ready values of the
    fields that were filled in and valid; errors maps a field name (or "__all__") to
    Vietnamese messages. An empty schema (no e-form) accepts an empty submission.

    Empty strings count as not filled in. A boolean left out is false; a required boolean
    must be true (a "Tôi cam đoan..." box). Keys the schema does not declare are refused
    when it says "additionalProperties": false, and dropped otherwise (a form post carries
    its CSRF token, for one).
    """
    if not schema:
        return {}, {}
    if not _definition_is_valid(schema):
        # A definition that slipped past Procedure.clean (written by code, not the admin)
        # must not crash a citizen's submission: refuse it as a whole, politely.
        return {}, {
            NON_FIELD_ERRORS: [
                _(
                    "Biểu mẫu điện tử của thủ tục này đang bị lỗi cấu hình; "
                    "hãy liên hệ cơ quan giải quyết."
                )
            ]
        }
    if not isinstance(data, Mapping):
        return {}, {NON_FIELD_ERRORS: [_("Dữ liệu tờ khai phải là một đối tượng.")]}
    properties: dict = schema["properties"]
    required = set(schema.get("required", []))
    cleaned: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    if schema.get("additionalProperties") is False:
        for key in data:
            if key not in properties:
                errors[str(key)] = [_("Tờ khai không có trường này.")]
    for name in ordered_names(schema):
        prop = properties[name]
        raw = data.get(name)
        if prop["type"] == "boolean" and _is_empty(raw):
            raw = False
        if _is_empty(raw):
            if name in required:
                errors[name] = [_("Trường này là bắt buộc.")]
            continue
        try:
            value = _clean_value(prop, raw, check_database=True)
        except _Invalid as exc:
            errors[name] = [str(exc)]
            continue
        if prop["type"] == "boolean" and name in required and value is not True:
            errors[name] = [_("Hãy đánh dấu vào ô này để tiếp tục.")]
            continue
        cleaned[name] = value
    return cleaned, errors


# Definitions already checked, by their canonical JSON: checking a definition against the
# meta-schema took a third of an e-form's validation, and a procedure's form is the same for
# every submission until someone edits it (which changes the key). Bounded; per process.
_CHECKED_DEFINITIONS: dict[str, bool] = {}
_CHECKED_DEFINITIONS_MAX = 1024


def _definition_is_valid(schema: Any) -> bool:
    try:
        key = json.dumps(schema, sort_keys=True, ensure_ascii=False)
    except (TypeError, ValueError):
        return not schema_errors(schema)
    valid = _CHECKED_DEFINITIONS.get(key)
    if valid is None:
        valid = not schema_errors(schema)
        if len(_CHECKED_DEFINITIONS) >= _CHECKED_DEFINITIONS_MAX:
            _CHECKED_DEFINITIONS.clear()
        _CHECKED_DEFINITIONS[key] = valid
    return valid


def validate_data(schema: dict, data: Any) -> dict[str, list[str]]:
    """Only the problems of a submission: field name -> Vietnamese messages."""
    return clean_data(schema, data)[1]


def _is_empty(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _clean_value(prop: dict, raw: Any, *, check_database: bool) -> Any:
    kind = prop["type"]
    if kind == "boolean":
        return _to_boolean(raw)
    if kind in ("number", "integer"):
        return _to_number(prop, raw)
    return _to_string(prop, raw, check_database=check_database)


def _to_boolean(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.strip().lower() in _TRUE_WORDS:
        return True
    if isinstance(raw, str) and raw.strip().lower() in _FALSE_WORDS:
        return False
    raise _Invalid(_("Phải là có hoặc không."))


def _to_number(prop: dict, raw: Any) -> int | float:
    integer = prop["type"] == "integer"
    value = _parse_number(raw, integer=integer)
    if integer and value != value.to_integral_value():
        raise _Invalid(_("Phải là một số nguyên."))
    if "minimum" in prop and value < Decimal(str(prop["minimum"])):
        raise _Invalid(_("Phải lớn hơn hoặc bằng %(limit)s.") % {"limit": prop["minimum"]})
    if "maximum" in prop and value > Decimal(str(prop["maximum"])):
        raise _Invalid(_("Phải nhỏ hơn hoặc bằng %(limit)s.") % {"limit": prop["maximum"]})
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _parse_number(raw: Any, *, integer: bool) -> Decimal:
    wrong = _("Phải là một số nguyên.") if integer else _("Phải là một số.")
    if isinstance(raw, bool):
        raise _Invalid(wrong)
    if isinstance(raw, int | Decimal):
        value = Decimal(raw)
    elif isinstance(raw, float):
        if not math.isfinite(raw):
            raise _Invalid(wrong)
        value = Decimal(str(raw))
    elif isinstance(raw, str):
        # Spaces are dropped; a lone comma is read as the decimal mark (Vietnamese writing).
        # Thousands separators are refused rather than guessed: "1.000" is ambiguous.
        text = _SPACES.sub("", raw)
        if "," in text and "." not in text and text.count(",") == 1:
            text = text.replace(",", ".")
        if not (_INTEGER if integer else _DECIMAL).match(text):
            raise _Invalid(wrong)
        value = Decimal(text)
    else:
        raise _Invalid(wrong)
    if not value.is_finite():
        raise _Invalid(wrong)
    return value


def _to_string(prop: dict, raw: Any, *, check_database: bool) -> str:
    if prop.get("format") == "date" and isinstance(raw, date) and not isinstance(raw, datetime):
        raw = raw.isoformat()
    if not isinstance(raw, str):
        raise _Invalid(_("Phải là một chuỗi ký tự."))
    value = unicodedata.normalize("NFC", raw.strip())
    widget = prop.get("x-widget")
    if widget in ("phone", "personal-id", "tax-code", "commune"):
        value = re.sub(r"[\s.]", "", value) if widget == "phone" else value.replace(" ", "")
    if prop.get("format") == "date":
        return _to_date(value)
    if "minLength" in prop and len(value) < prop["minLength"]:
        raise _Invalid(
            ngettext(
                "Phải có ít nhất %(n)d ký tự.", "Phải có ít nhất %(n)d ký tự.", prop["minLength"]
            )
            % {"n": prop["minLength"]}
        )
    if "maxLength" in prop and len(value) > prop["maxLength"]:
        raise _Invalid(
            ngettext(
                "Không được dài quá %(n)d ký tự.",
                "Không được dài quá %(n)d ký tự.",
                prop["maxLength"],
            )
            % {"n": prop["maxLength"]}
        )
    if "enum" in prop and value not in prop["enum"]:
        raise _Invalid(_("Hãy chọn một giá trị trong danh sách."))
    if prop.get("format") == "email":
        try:
            validate_email(value)
        except ValidationError as exc:
            raise _Invalid(_("Địa chỉ thư điện tử không hợp lệ.")) from exc
    _check_widget(widget, value, check_database=check_database)
    if "pattern" in prop and not re.search(prop["pattern"], value):
        raise _Invalid(_("Giá trị không đúng định dạng yêu cầu."))
    return value


def _to_date(value: str) -> str:
    iso, vietnamese = _ISO_DATE.match(value), _VN_DATE.match(value)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    elif vietnamese:
        day, month, year = (int(part) for part in vietnamese.groups())
    else:
        raise _Invalid(_("Ngày không hợp lệ: nhập theo dạng ngày/tháng/năm, ví dụ 13/02/2026."))
    try:
        return date(year, month, day).isoformat()
    except ValueError as exc:
        raise _Invalid(_("Ngày %(value)s không tồn tại.") % {"value": value}) from exc


def _check_widget(widget: str | None, value: str, *, check_database: bool) -> None:
    validator = {
        "personal-id": validate_personal_id,
        "tax-code": validate_tax_code,
        "phone": validate_phone,
    }.get(widget or "")
    if validator is not None:
        try:
            validator(value)
        except ValidationError as exc:
            raise _Invalid(" ".join(exc.messages)) from exc
    if widget == "commune":
        if not re.fullmatch(r"\d{5}", value):
            raise _Invalid(_("Mã xã, phường phải gồm 5 chữ số."))
        if check_database:
            from motcua.agencies.selectors import commune_by_code

            if commune_by_code(value) is None:
                raise _Invalid(_("Không có xã, phường nào có mã %(code)s.") % {"code": value})


# --- a screen ------------------------------------------------------------------------------


def form_fields(schema: dict) -> list[FormField]:
    """The fields of a valid schema, in display order, described for rendering."""
    if not schema:
        return []
    _ensure_valid(schema)
    required = set(schema.get("required", []))
    return [
        _form_field(name, schema["properties"][name], name in required)
        for name in ordered_names(schema)
    ]


def initial_answers(fields: list[FormField]) -> dict[str, Any]:
    """The answers a new form starts with: each field's schema default (Dân tộc: Kinh, Quốc
    tịch: Việt Nam), by field name. A screen that shows an empty form starts from these, so
    the portal and the counter pre-fill the same answers."""
    return {spec.name: spec.initial for spec in fields if spec.initial is not None}


def _form_field(name: str, prop: dict, required: bool) -> FormField:
    kind = prop["type"]
    choices: list[tuple[str, str]] = []
    if "enum" in prop:
        labels = prop.get("x-enumNames", prop["enum"])
        choices = list(zip(prop["enum"], labels, strict=True))
    if kind == "boolean":
        widget = "checkbox"
    elif kind in ("number", "integer"):
        widget = "number"
    elif choices:
        widget = "select"
    else:
        widget = prop.get("x-widget") or prop.get("format") or "text"
    return FormField(
        name=name,
        label=prop["title"],
        type=kind,
        widget=widget,
        required=required,
        help_text=prop.get("description", ""),
        choices=choices,
        initial=prop.get("default"),
        max_length=prop.get("maxLength"),
        min_length=prop.get("minLength"),
        pattern=prop.get("pattern"),
        minimum=prop.get("minimum"),
        maximum=prop.get("maximum"),
    )
