"""Checking an e-form definition (biểu mẫu điện tử) against the subset of JSON Schema we support.

The subset is documented in docs/eform-schema.md. The structure (which keywords exist, what
type each holds) is checked by the `jsonschema` package against META_SCHEMA below; the
package's English messages are then rewritten in Vietnamese, naming the property concerned.
Rules that a meta-schema cannot say simply (a keyword that only fits one type, minLength not
above maxLength, a pattern that compiles, a default that fits its own property) follow.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator

FIELD_TYPES = ("string", "number", "integer", "boolean")
FORMATS = ("date", "email")
WIDGETS = ("textarea", "commune", "personal-id", "tax-code", "phone")
PROPERTY_NAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")

STRING_ONLY = ("maxLength", "minLength", "pattern", "enum", "x-enumNames", "format", "x-widget")
NUMBER_ONLY = ("minimum", "maximum")

_NAMES = {"type": "array", "items": {"type": "string"}, "uniqueItems": True}

PROPERTY_META_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "title"],
    "additionalProperties": False,
    "properties": {
        "type": {"enum": list(FIELD_TYPES)},
        "title": {"type": "string", "minLength": 1},
        "description": {"type": "string"},
        "maxLength": {"type": "integer", "minimum": 0},
        "minLength": {"type": "integer", "minimum": 0},
        "pattern": {"type": "string"},
        "enum": {"type": "array", "items": {"type": "string"}, "minItems": 1, "uniqueItems": True},
        "x-enumNames": {"type": "array", "items": {"type": "string"}},
        "format": {"enum": list(FORMATS)},
        "minimum": {"type": "number"},
        "maximum": {"type": "number"},
        "x-widget": {"enum": list(WIDGETS)},
        "default": {"type": ["string", "number", "boolean"]},
    },
}

META_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "properties"],
    "additionalProperties": False,
    "properties": {
        "type": {"const": "object"},
        "title": {"type": "string"},
        "properties": {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": PROPERTY_META_SCHEMA,
        },
        "required": _NAMES,
        "additionalProperties": {"const": False},
        "x-order": _NAMES,
    },
}

_META_VALIDATOR = Draft202012Validator(META_SCHEMA)


def _type_words() -> dict[str, str]:
    return {
        "string": _("chuỗi ký tự"),
        "number": _("số"),
        "integer": _("số nguyên"),
        "boolean": _("true hoặc false"),
        "array": _("danh sách"),
        "object": _("đối tượng"),
    }


def _where(path: list) -> str:
    if len(path) >= 2 and path[0] == "properties":
        return _('Trường "%(name)s"') % {"name": path[1]}
    return _("Biểu mẫu")


def _keyword(path: list) -> str | None:
    if len(path) >= 3 and path[0] == "properties":
        return str(path[2])
    if len(path) == 1 or (len(path) >= 2 and path[0] != "properties"):
        return str(path[0])
    return None


def _translate(error) -> str:
    """One Vietnamese message for one jsonschema error."""
    path = list(error.absolute_path)
    where, keyword, kind = _where(path), _keyword(path), error.validator
    if kind == "required":
        missing = [k for k in error.validator_value if k not in error.instance]
        return _("%(where)s: thiếu %(keys)s.") % {
            "where": where,
            "keys": ", ".join(f'"{k}"' for k in missing),
        }
    if kind == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return _("%(where)s: không hỗ trợ %(keys)s.") % {
            "where": where,
            "keys": ", ".join(f'"{k}"' for k in extra),
        }
    if kind == "const" and keyword == "type":
        return _('Biểu mẫu phải có "type": "object".')
    if kind == "const":
        return _('Biểu mẫu: "additionalProperties" chỉ được là false.')
    if kind == "enum" and keyword == "type":
        return _(
            '%(where)s: kiểu "%(value)s" không được hỗ trợ; chỉ dùng string, number, '
            "integer hoặc boolean."
        ) % {"where": where, "value": error.instance}
    if kind == "enum":
        return _('%(where)s: "%(keyword)s" phải là một trong %(allowed)s.') % {
            "where": where,
            "keyword": keyword,
            "allowed": ", ".join(error.validator_value),
        }
    if kind == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, list) else [expected]
        words = " / ".join(_type_words()[t] for t in expected)
        if keyword is None:
            return _("%(where)s phải là một %(type)s.") % {"where": where, "type": words}
        return _('%(where)s: "%(keyword)s" phải là %(type)s.') % {
            "where": where,
            "keyword": keyword,
            "type": words,
        }
    if kind == "minLength":
        return _('%(where)s: "%(keyword)s" không được để trống.') % {
            "where": where,
            "keyword": keyword,
        }
    if kind == "minimum":
        return _('%(where)s: "%(keyword)s" không được âm.') % {"where": where, "keyword": keyword}
    if kind == "minItems":
        return _('%(where)s: "%(keyword)s" không được là danh sách rỗng.') % {
            "where": where,
            "keyword": keyword,
        }
    if kind == "uniqueItems":
        return _('%(where)s: "%(keyword)s" có giá trị trùng lặp.') % {
            "where": where,
            "keyword": keyword,
        }
    if kind == "minProperties":
        return _('Biểu mẫu phải có ít nhất một trường trong "properties".')
    return _('%(where)s: "%(keyword)s" không hợp lệ.') % {"where": where, "keyword": keyword}


def structure_errors(schema: Any) -> tuple[list[str], set[str]]:
    """Messages for structural problems, and the names of the properties they concern."""
    messages: list[str] = []
    broken: set[str] = set()
    errors = sorted(
        _META_VALIDATOR.iter_errors(schema), key=lambda e: [str(p) for p in e.absolute_path]
    )
    for error in errors:
        path = list(error.absolute_path)
        if len(path) >= 2 and path[0] == "properties":
            broken.add(str(path[1]))
        message = _translate(error)
        if message not in messages:
            messages.append(message)
    return messages, broken


def property_errors(name: str, prop: dict) -> list[str]:
    """Rules about one well-structured property that the meta-schema does not express."""
    where = _('Trường "%(name)s"') % {"name": name}
    problems: list[str] = []
    kind = prop["type"]
    if not PROPERTY_NAME_RE.match(name):
        problems.append(
            _(
                "%(where)s: tên trường chỉ gồm chữ cái không dấu, chữ số, _ hoặc -, bắt đầu "
                "bằng chữ cái, tối đa 64 ký tự."
            )
            % {"where": where}
        )
    if not prop["title"].strip():
        problems.append(_('%(where)s: "title" không được để trống.') % {"where": where})
    if kind != "string":
        for keyword in STRING_ONLY:
            if keyword in prop:
                problems.append(
                    _('%(where)s: "%(keyword)s" chỉ dùng cho kiểu string.')
                    % {"where": where, "keyword": keyword}
                )
    if kind not in ("number", "integer"):
        for keyword in NUMBER_ONLY:
            if keyword in prop:
                problems.append(
                    _('%(where)s: "%(keyword)s" chỉ dùng cho kiểu number hoặc integer.')
                    % {"where": where, "keyword": keyword}
                )
    if prop.get("minLength", 0) > prop.get("maxLength", float("inf")):
        problems.append(
            _('%(where)s: "minLength" không được lớn hơn "maxLength".') % {"where": where}
        )
    if prop.get("minimum", float("-inf")) > prop.get("maximum", float("inf")):
        problems.append(_('%(where)s: "minimum" không được lớn hơn "maximum".') % {"where": where})
    if "pattern" in prop:
        try:
            re.compile(prop["pattern"])
        except re.error:
            problems.append(
                _('%(where)s: "pattern" không phải biểu thức chính quy hợp lệ.') % {"where": where}
            )
    problems.extend(_choice_errors(where, prop))
    if "format" in prop and "x-widget" in prop:
        problems.append(_('%(where)s: không dùng "format" cùng với "x-widget".') % {"where": where})
    return problems


def _choice_errors(where: str, prop: dict) -> list[str]:
    problems: list[str] = []
    if "x-enumNames" in prop and "enum" not in prop:
        problems.append(_('%(where)s: "x-enumNames" chỉ dùng kèm "enum".') % {"where": where})
    if "enum" not in prop:
        return problems
    if "x-enumNames" in prop and len(prop["x-enumNames"]) != len(prop["enum"]):
        problems.append(
            _('%(where)s: "x-enumNames" phải có đúng %(n)d nhãn, bằng số giá trị của "enum".')
            % {"where": where, "n": len(prop["enum"])}
        )
    if any(not value.strip() for value in prop["enum"]):
        problems.append(_('%(where)s: "enum" không được chứa giá trị rỗng.') % {"where": where})
    for keyword in ("format", "x-widget"):
        if keyword in prop:
            problems.append(
                _('%(where)s: không dùng "enum" cùng với "%(keyword)s".')
                % {"where": where, "keyword": keyword}
            )
    return problems


def names_errors(schema: dict) -> list[str]:
    """`required` and `x-order` may only name declared properties."""
    problems: list[str] = []
    declared = schema.get("properties")
    if not isinstance(declared, dict):
        return problems
    for keyword in ("required", "x-order"):
        names = schema.get(keyword, [])
        if not isinstance(names, list):
            continue
        for name in names:
            if isinstance(name, str) and name not in declared:
                problems.append(
                    _('"%(keyword)s" nêu trường "%(name)s" không có trong "properties".')
                    % {"keyword": keyword, "name": name}
                )
    return problems
