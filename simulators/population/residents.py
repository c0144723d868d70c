"""Residents: loaded from a JSON list (the demo's file, the control API) and compared."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from datetime import date
from pathlib import Path

from .models import Resident

FIELDS = ("name", "birth_date", "sex", "address", "commune_code")


def normalise_name(value: str) -> str:
    """Names compare in NFC, case-insensitively, with runs of spaces as one."""
    return " ".join(unicodedata.normalize("NFC", value or "").casefold().split())


def ma_csdl_of(personal_id: str) -> str:
    return "DC-" + hashlib.sha256(personal_id.encode()).hexdigest()[:16].upper()


def validate(item) -> tuple[dict | None, str, str]:
    """(clean resident, field, message): field and message name what is wrong."""
    if not isinstance(item, dict):
        return None, "residents", "Mỗi cư dân phải là một đối tượng JSON."
    personal_id = str(item.get("personal_id", ""))
    if len(personal_id) != 12 or not personal_id.isdigit():
        return None, "personal_id", "Số định danh cá nhân phải gồm 12 chữ số."
    name = " ".join(str(item.get("name", "")).split())
    if not name:
        return None, "name", "Thiếu họ và tên."
    try:
        birth = date.fromisoformat(str(item.get("birth_date", "")))
    except ValueError:
        return None, "birth_date", "Ngày sinh phải theo dạng YYYY-MM-DD."
    return (
        {
            "personal_id": personal_id,
            "ma_csdl": str(item.get("ma_csdl") or ma_csdl_of(personal_id)),
            "name": name,
            "birth_date": birth,
            "sex": str(item.get("sex", ""))[:10],
            "address": str(item.get("address", ""))[:500],
            "commune_code": str(item.get("commune_code", ""))[:10],
        },
        "",
        "",
    )


def store(items: list[dict]) -> int:
    """Add or replace each resident (by personal ID); the count stored."""
    count = 0
    for item in items:
        clean, _field, _message = validate(item)
        if clean is None:
            continue
        Resident.objects.update_or_create(personal_id=clean["personal_id"], defaults=clean)
        count += 1
    return count


def load_file(path: str) -> int:
    file = Path(path)
    if not file.is_file():
        return 0
    return store(json.loads(file.read_text(encoding="utf-8")))


def compare(resident: Resident, name: str, birth_date: str) -> list[str]:
    """The fields asked about that differ from the record."""
    differ = []
    if normalise_name(name) != normalise_name(resident.name):
        differ.append("name")
    if birth_date != resident.birth_date.isoformat():
        differ.append("birth_date")
    return differ
