"""The demo's residents for the population database's simulator: the demo's own people (the
citizen account and every citizen who applied in the demo dossiers), written as the JSON file
the simulator loads at start (`--residents`), so that the demo's citizens match.

A date of birth comes from the dossier's declaration when it has one (the demo fills
`ngay_sinh` with the applicant's); otherwise it is made from the personal ID: the century and
year digits it carries, a day and month drawn from the ID itself (the same every run).
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

from motcua.accounts.models import User
from motcua.dossiers.choices import ApplicantKind
from motcua.dossiers.models import Dossier


def birth_from_id(personal_id: str) -> date:
    century = 1900 if personal_id[3] in "01" else 2000
    year = century + int(personal_id[4:6])
    digest = hashlib.sha256(personal_id.encode()).digest()
    return date(year, 1 + digest[0] % 12, 1 + digest[1] % 28)


def _declared_birth(form_data: dict) -> date | None:
    if "ho_ten_tre" in form_data:  # a birth registration: the child's birth, not theirs
        return None
    try:
        return date.fromisoformat(str(form_data.get("ngay_sinh", "")))
    except ValueError:
        return None


def residents() -> list[dict]:
    people: dict[str, dict] = {}
    citizens = (
        Dossier.objects.filter(applicant_kind=ApplicantKind.CITIZEN)
        .exclude(applicant_personal_id="")
        .order_by("pk")
        .values_list(
            "applicant_personal_id",
            "applicant_name",
            "applicant_address",
            "applicant_commune_id",
            "form_data",
        )
    )
    for personal_id, name, address, commune, form_data in citizens.iterator():
        if personal_id in people or len(personal_id) != 12 or not personal_id.isdigit():
            continue
        birth = _declared_birth(form_data or {}) or birth_from_id(personal_id)
        people[personal_id] = {
            "personal_id": personal_id,
            "name": name,
            "birth_date": birth.isoformat(),
            "sex": "nam" if personal_id[3] in "02" else "nữ",
            "address": address,
            "commune_code": commune or "",
        }
    for user in User.objects.exclude(personal_id=None).exclude(personal_id="").order_by("pk"):
        if user.personal_id in people or len(user.personal_id) != 12:
            continue
        people[user.personal_id] = {
            "personal_id": user.personal_id,
            "name": user.full_name,
            "birth_date": birth_from_id(user.personal_id).isoformat(),
            "sex": "nam" if user.personal_id[3] in "02" else "nữ",
            "address": "",
            "commune_code": "",
        }
    return list(people.values())


def write_residents(path: Path) -> int:
    found = residents()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(found, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(found)
