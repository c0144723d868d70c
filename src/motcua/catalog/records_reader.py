"""Typed reading of JSON objects for the catalog importer, one message per problem.

Paths in messages name the national field and count positions from 1
(THANHPHANHOSO[2].GIAYTO[1].TENGIAYTO).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from motcua.catalog.choices import TimeUnit
from motcua.lib.text import fold

_UNIT_WORDS = {
    "ngay lam viec": TimeUnit.WORKING_DAYS,
    "gio lam viec": TimeUnit.WORKING_HOURS,
    "gio": TimeUnit.WORKING_HOURS,
    "ngay": TimeUnit.CALENDAR_DAYS,
    "ngay lich": TimeUnit.CALENDAR_DAYS,
}
_GROUPED_AMOUNT = re.compile(r"^\d{1,3}([.,\s]\d{3})*$")


class Reader:
    """Reads typed values out of JSON objects, collecting one message per problem."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def fail(self, path: str, message: str) -> None:
        self.errors.append(f"{path}: {message}")

    def text(self, obj: dict, key: str, path: str, *, required: bool = False, strip=True) -> str:
        where = f"{path}.{key}" if path else key
        value = obj.get(key)
        if value is None:
            value = ""
        elif isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        elif not isinstance(value, str):
            self.fail(where, _("phải là chuỗi ký tự."))
            return ""
        if strip:
            value = value.strip()
        if required and not value.strip():
            self.fail(where, _("không được để trống."))
        return value

    def objects(self, obj: dict, key: str, path: str = "") -> list[tuple[str, dict]]:
        where = f"{path}.{key}" if path else key
        value = obj.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(where, _("phải là một danh sách."))
            return []
        items = []
        for position, item in enumerate(value, start=1):
            if isinstance(item, dict):
                items.append((f"{where}[{position}]", item))
            else:
                self.fail(f"{where}[{position}]", _("phải là một đối tượng."))
        return items

    def integer(self, obj: dict, key: str, path: str, default: int | None) -> int | None:
        value = obj.get(key)
        if value is None:
            return default
        if isinstance(value, str) and value.strip().isdigit():
            return int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(f"{path}.{key}" if path else key, _("phải là số nguyên."))
            return default
        return value

    def boolean(self, obj: dict, key: str, path: str, default: bool) -> bool:
        value = obj.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail(f"{path}.{key}" if path else key, _("phải là true hoặc false."))
            return default
        return value

    def decimal(self, obj: dict, key: str, path: str) -> Decimal | None:
        where = f"{path}.{key}" if path else key
        value = obj.get(key)
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        elif isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(where, _("phải là một số."))
            return None
        try:
            number = Decimal(str(value))
        except (InvalidOperation, ValueError):
            number = None
        if number is None or not number.is_finite():
            self.fail(where, _("phải là một số."))
            return None
        return number


def read_time_unit(reader: Reader, item: dict, path: str) -> str:
    value = reader.text(item, "DONVITINH", path)
    unit = value if value in TimeUnit.values else _UNIT_WORDS.get(fold(value))
    if unit is None:
        reader.fail(
            f"{path}.DONVITINH",
            _("đơn vị “%(value)s” không được hỗ trợ; dùng Ngày làm việc, Giờ làm việc hoặc Ngày.")
            % {"value": value},
        )
        return TimeUnit.WORKING_DAYS
    return unit


def read_amount(reader: Reader, item: dict, path: str) -> int:
    """SOTIEN: an integer of đồng, or a text such as "50.000" with grouped thousands."""
    value = item.get("SOTIEN")
    if value is None:
        return 0
    if isinstance(value, str) and _GROUPED_AMOUNT.match(value.strip()):
        return int(re.sub(r"\D", "", value))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        reader.fail(f"{path}.SOTIEN", _("số tiền phải là số nguyên đồng không âm."))
        return 0
    return value


def read_documents(reader: Reader, item: dict, path: str) -> list[dict[str, Any]]:
    documents = []
    for position, (doc_path, doc) in enumerate(reader.objects(item, "GIAYTO", path), start=1):
        originals = reader.integer(doc, "SOBANCHINH", doc_path, None)
        if originals is None:
            originals = reader.integer(doc, "SOLUONG", doc_path, 1)
        documents.append(
            {
                "code": reader.text(doc, "MAGIAYTO", doc_path),
                "name": reader.text(doc, "TENGIAYTO", doc_path, required=True),
                "form_name": reader.text(doc, "TENMAUDON", doc_path),
                "form_url": reader.text(doc, "URL", doc_path),
                "originals": originals,
                "copies": reader.integer(doc, "SOBANSAO", doc_path, 0),
                "is_required": True,
                "filled_by_eform": False,
                "note": "",
                "order": position,
            }
        )
    return documents


def read_date(reader: Reader, obj: dict, key: str, path: str):
    """An ISO date ("2026-02-13") or None."""
    value = obj.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    reader.fail(f"{path}.{key}" if path else key, _("phải là ngày dạng YYYY-MM-DD."))
    return None


def read_choice(reader: Reader, obj: dict, key: str, path: str, choices, default: str) -> str:
    value = reader.text(obj, key, path)
    if not value:
        return default
    if value not in choices:
        reader.fail(
            f"{path}.{key}" if path else key,
            _("“%(value)s” không hợp lệ; dùng một trong: %(allowed)s.")
            % {"value": value, "allowed": ", ".join(str(c) for c in choices)},
        )
        return default
    return value
