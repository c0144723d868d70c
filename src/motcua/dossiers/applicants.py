"""The applicant of a dossier, as given by a form or the API, checked field by field.

The maximum length of each field is the dossier column's (`max_length`): forms, the API's
schema and the services read it from here, never type it again."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from motcua.accounts.validators import validate_personal_id, validate_phone, validate_tax_code
from motcua.agencies.models import Commune
from motcua.agencies.selectors import commune_by_code
from motcua.dossiers.choices import ApplicantKind
from motcua.dossiers.models import Dossier

# The Applicant's fields and the Dossier columns that store them.
COLUMNS = {
    "kind": "applicant_kind",
    "name": "applicant_name",
    "personal_id": "applicant_personal_id",
    "tax_code": "applicant_tax_code",
    "address": "applicant_address",
    "phone": "applicant_phone",
    "email": "applicant_email",
    "submitter_name": "submitter_name",
    "submitter_personal_id": "submitter_personal_id",
    "submitter_relation": "submitter_relation",
}


def max_length(key: str) -> int:
    """The most characters the dossier keeps of the applicant's field `key`."""
    return Dossier._meta.get_field(COLUMNS[key]).max_length


def applicant_max_lengths() -> dict[str, int]:
    """Every field's maximum length, for a form's `maxlength` attributes."""
    return {key: max_length(key) for key in COLUMNS}


@dataclass
class Applicant:
    kind: str
    name: str
    personal_id: str = ""
    tax_code: str = ""
    address: str = ""
    commune_code: str = ""
    phone: str = ""
    email: str = ""
    submitter_name: str = ""
    submitter_personal_id: str = ""
    submitter_relation: str = ""
    commune: Commune | None = field(default=None, repr=False)

    def errors(self) -> dict[str, list[str]]:
        """Field -> messages; empty when the applicant is acceptable. Resolves the commune."""
        problems: dict[str, list[str]] = {}

        def check(name: str, validator, value: str) -> None:
            try:
                validator(value)
            except ValidationError as exc:
                problems.setdefault(name, []).extend(str(m) for m in exc.messages)

        if self.kind not in ApplicantKind.values:
            problems["kind"] = [_("Loại người nộp phải là công dân hoặc tổ chức.")]
        if not self.name.strip():
            problems["name"] = [_("Hãy nhập họ tên người nộp hoặc tên tổ chức.")]
        if self.kind == ApplicantKind.CITIZEN:
            check("personal_id", validate_personal_id, self.personal_id)
        elif self.kind == ApplicantKind.ORGANISATION:
            check("tax_code", validate_tax_code, self.tax_code)
        if self.phone:
            check("phone", validate_phone, self.phone)
        if self.email:
            check("email", validate_email, self.email)
        if not self.phone and not self.email:
            problems.setdefault("phone", []).append(
                _("Hãy cho biết số điện thoại hoặc thư điện tử để nhận thông báo.")
            )
        if self.commune_code:
            self.commune = commune_by_code(self.commune_code)
            if self.commune is None:
                problems["commune_code"] = [
                    _("Không có xã, phường mang mã %(code)s.") % {"code": self.commune_code}
                ]
        if self.submitter_name or self.submitter_personal_id:
            if not self.submitter_name.strip():
                problems["submitter_name"] = [_("Hãy nhập họ tên người nộp thay.")]
            check("submitter_personal_id", validate_personal_id, self.submitter_personal_id)
        for key in COLUMNS:
            limit = max_length(key)
            if key not in problems and len(getattr(self, key) or "") > limit:
                problems[key] = [_("Dài quá %(limit)d ký tự.") % {"limit": limit}]
        return problems

    def stored(self) -> dict:
        """The dossier's applicant columns, each clipped to its column (a draft keeps what was
        typed before it is checked)."""
        return {
            column: (getattr(self, key) or "").strip()[: max_length(key)]
            for key, column in COLUMNS.items()
        }
