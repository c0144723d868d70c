"""What a dossier reads like to its applicant: the review page, the confirmation and the
printable acknowledgement show the same facts, worded here once."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from motcua.agencies.models import Commune
from motcua.catalog.eforms import clean_data, form_fields
from motcua.delivery import selectors as postal
from motcua.dossiers.choices import ApplicantKind, ReturnChannel
from motcua.dossiers.printouts.formatting import time_limit_text
from motcua.lib.uploads import format_size


def _display(spec, value) -> str:
    if value is None or value == "":
        return ""
    if spec.widget == "checkbox":
        return _("Có") if value is True or str(value).lower() in ("true", "on", "1") else _("Không")
    if spec.choices:
        return dict(spec.choices).get(value, str(value))
    if spec.widget == "commune":
        commune = Commune.objects.select_related("province").filter(code=str(value)).first()
        return str(commune) if commune else str(value)
    if spec.widget == "date":
        try:
            return date.fromisoformat(str(value)).strftime("%d/%m/%Y")
        except ValueError:
            return str(value)
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def eform_rows(dossier) -> list[tuple[str, str]]:
    try:
        specs = form_fields(dossier.procedure.eform_schema or {})
    except ValueError:
        return []
    data = dossier.form_data or {}
    # A draft keeps what was typed ("120.5", "13/02/2026"); show it as it will be read.
    typed, _problems = clean_data(dossier.procedure.eform_schema or {}, data)
    return [
        (spec.label, _display(spec, typed.get(spec.name, data.get(spec.name)))) for spec in specs
    ]


def applicant_rows(dossier) -> list[tuple[str, str]]:
    address = ", ".join(
        part
        for part in (
            dossier.applicant_address,
            str(dossier.applicant_commune) if dossier.applicant_commune_id else "",
        )
        if part
    )
    organisation = dossier.applicant_kind == ApplicantKind.ORGANISATION
    rows = [
        (_("Người nộp là"), dossier.get_applicant_kind_display()),
        (_("Họ và tên, hoặc tên tổ chức"), dossier.applicant_name),
        (
            (_("Mã số thuế"), dossier.applicant_tax_code)
            if organisation
            else (_("Số định danh cá nhân"), dossier.applicant_personal_id)
        ),
        (_("Địa chỉ"), address),
        (_("Số điện thoại"), dossier.applicant_phone),
        (_("Thư điện tử"), dossier.applicant_email),
    ]
    if dossier.submitter_name or dossier.submitter_personal_id:
        rows += [
            (_("Người nộp thay"), dossier.submitter_name),
            (_("Số định danh người nộp thay"), dossier.submitter_personal_id),
            (_("Quan hệ với người yêu cầu"), dossier.submitter_relation),
        ]
    return rows


def document_rows(dossier) -> list[dict]:
    return [
        {
            "name": document.name,
            "required": document.required,
            "eform": document.is_eform,
            "file": document.file.original_name if document.file_id else "",
            "size": format_size(document.file.size) if document.file_id else "",
        }
        for document in dossier.documents.select_related("file")
    ]


def review_context(dossier) -> dict:
    return {
        "dossier": dossier,
        "procedure": dossier.procedure,
        "eform_rows": eform_rows(dossier),
        "applicant_rows": applicant_rows(dossier),
        "document_rows": document_rows(dossier),
        "return_channel": ReturnChannel(dossier.requested_return_channel).label
        if dossier.requested_return_channel in ReturnChannel.values
        else "",
        "time_limit": time_limit_text(dossier.time_limit),
        "postal_offered": postal.offered(dossier.procedure),
        "postal_request": postal.request_of(dossier),
    }
