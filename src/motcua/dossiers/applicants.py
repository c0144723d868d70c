"""The applicant of a dossier, as given by a form or the API, checked field by field."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from motcua.accounts.validators import validate_personal_id, validate_phone, validate_tax_code
from motcua.agencies.models import Commune
from motcua.agencies.selectors import commune_by_code
from motcua.dossiers.choices import ApplicantKind


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
        return problems
