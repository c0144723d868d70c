"""The desk's check of the applicant against the national population database: the adapter's
answer turned into the values that prefill the form, the words the official reads, and the
record the reception service keeps (docs/data-reuse.md)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.dossiers.choices import ApplicantKind, IdentityResult
from motcua.dossiers.services import IdentityCheckData
from motcua.integrations.population import client as population

FIELD_LABELS = {"name": gettext_lazy("họ và tên"), "birth_date": gettext_lazy("ngày sinh")}
# What a match fills in on the desk's form (the database is the reference: Decree 45/2020).
PREFILLED = {"name": "name", "address": "address", "commune_code": "commune_code"}


def parse_birth_date(raw: str) -> date | None:
    try:
        return date.fromisoformat((raw or "").strip())
    except ValueError:
        return None


def ask(personal_id: str, name: str, birth_date: date | None) -> population.Answer:
    if birth_date is None or not name.strip():
        return population.Answer(IdentityResult.INCOMPLETE)
    return population.check(personal_id, name.strip(), birth_date)


def status_text(result: str, fields=(), ma_csdl: str = "") -> str:
    if result == IdentityResult.MATCH:
        return _("CSDL dân cư xác nhận thông tin (mã %(code)s).") % {"code": ma_csdl}
    if result == IdentityResult.MISMATCH:
        fields = ", ".join(str(FIELD_LABELS.get(f, f)) for f in fields)
        return _(
            "Không khớp với CSDL dân cư: %(fields)s. Hãy kiểm tra giấy tờ tùy thân; nếu vẫn "
            "tiếp nhận, ghi chú lý do."
        ) % {"fields": fields}
    if result == IdentityResult.NOT_FOUND:
        return _("CSDL dân cư không có số định danh này; nếu vẫn tiếp nhận, ghi chú lý do.")
    if result == IdentityResult.INCOMPLETE:
        return _("Cần số định danh, họ tên và ngày sinh để đối chiếu với CSDL dân cư.")
    return _(
        "Không kết nối được CSDL dân cư; có thể tiếp nhận với ghi chú, việc đối chiếu được "
        "ghi lại là chưa thực hiện được."
    )


def prefill(values: dict, answer: population.Answer) -> dict:
    """The form's values with what a match returned written over them."""
    if answer.result != IdentityResult.MATCH:
        return values
    resident = answer.resident
    filled = dict(values)
    for key, source in PREFILLED.items():
        value = str(resident.get(source) or "").strip()
        if value:
            filled[key] = value
    if resident.get("birth_date"):
        filled["birth_date"] = str(resident["birth_date"])
    return filled


def at_reception(values: dict) -> IdentityCheckData | None:
    """The check made when the desk receives a citizen's dossier; None when the integration is
    off (POPULATION_URL empty), for an organisation, or when no personal ID was typed (the
    service then asks for one)."""
    if not population.configured():
        return None  # the integration is off: nothing to check against
    if values.get("kind") != ApplicantKind.CITIZEN or not values.get("personal_id"):
        return None
    birth_date = parse_birth_date(values.get("birth_date", ""))
    answer = ask(values["personal_id"], values.get("name", ""), birth_date)
    return IdentityCheckData(
        personal_id=values["personal_id"],
        name=values.get("name", ""),
        birth_date=birth_date,
        result=answer.result,
        differing_fields=answer.fields,
        ma_csdl=answer.ma_csdl,
        note=values.get("identity_note", ""),
    )
