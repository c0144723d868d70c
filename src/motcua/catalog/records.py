"""Procedures as records of the national database of procedures (CSDL quốc gia về TTHC).

A record uses the national field names (MATTHC, TENTTHC, THANHPHANHOSO...) for everything the
national shape can say, and one extension object, X_MOTCUA, for what it cannot: our levels,
the internal process, the e-form, the exact time limits and fees, and the identity of cases
and documents. docs/catalog-import.md describes every field. Exporting and importing a
procedure gives back the same procedure; records_import.py reads these records back.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet

from motcua.catalog.choices import ApplicantType, Channel, TimeUnit
from motcua.catalog.models import Procedure, ProcedureAgency

EXTENSION_KEY = "X_MOTCUA"
FORMAT_VERSION = 1

# DONVITINH, as the national database writes the unit of a time limit.
TIME_UNIT_NAMES = {
    TimeUnit.WORKING_DAYS: "Ngày làm việc",
    TimeUnit.WORKING_HOURS: "Giờ làm việc",
    TimeUnit.CALENDAR_DAYS: "Ngày",
}

CHANNEL_FLAGS = (
    (Channel.COUNTER, "via_counter"),
    (Channel.ONLINE, "via_online"),
    (Channel.POST, "via_post"),
)


def json_number(value: Decimal | int | float) -> int | float:
    """A decimal as a JSON number: an integer when it has no fraction."""
    value = Decimal(str(value))
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def procedures_for_export(
    codes: list[str] | None = None, status: str | None = None
) -> QuerySet[Procedure]:
    """Procedures with everything an export reads, fetched in a fixed number of queries."""
    queryset = Procedure.objects.select_related("field").prefetch_related(
        "cases__documents",
        "fees__case",
        "results",
        "legal_bases",
        "steps",
        Prefetch(
            "implementations",
            queryset=ProcedureAgency.objects.select_related("agency").order_by("pk"),
        ),
    )
    if codes:
        queryset = queryset.filter(code__in=codes)
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("code")


def export_records(procedures) -> list[dict[str, Any]]:
    return [export_record(procedure) for procedure in procedures]


def export_json(procedures) -> str:
    """The records as a JSON document (a list), UTF-8 text with Vietnamese kept readable."""
    return json.dumps(export_records(procedures), ensure_ascii=False, indent=2) + "\n"


def export_record(procedure: Procedure) -> dict[str, Any]:
    cases = list(procedure.cases.all())
    fees = list(procedure.fees.all())
    implementations = list(procedure.implementations.all())
    legal_bases = list(procedure.legal_bases.all())
    channels = [channel for channel, flag in CHANNEL_FLAGS if getattr(procedure, flag)]
    applicant_labels = dict(ApplicantType.choices)
    return {
        "MATTHC": procedure.code,
        "TENTTHC": procedure.name,
        "LINHVUCTHUCHIEN": [
            {"MALINHVUC": procedure.field.code, "TENLINHVUC": procedure.field.name}
        ],
        "TRINHTUTHUCHIEN": _steps_text(procedure, cases),
        "CACHTHUCTHUCHIEN": [
            {
                "KENH": str(channel),
                "THOIGIAN": [
                    {
                        "THOIGIANGIAIQUYET": json_number(case.time_limit_value),
                        "DONVITINH": TIME_UNIT_NAMES[case.time_limit_unit],
                        "MOTA": case.time_limit_note,
                        "PHILEPHI": [
                            _national_fee(fee) for fee in fees if fee.case_id in (None, case.pk)
                        ],
                    }
                    for case in cases
                ],
            }
            for channel in channels
        ],
        "THANHPHANHOSO": [
            {
                "TRUONGHOP": case.name,
                "GIAYTO": [
                    {
                        "MAGIAYTO": document.code,
                        "TENGIAYTO": document.name,
                        "TENMAUDON": document.form_name,
                        "URL": document.form_url,
                        "SOBANCHINH": document.originals,
                        "SOBANSAO": document.copies,
                    }
                    for document in case.documents.all()
                ],
            }
            for case in cases
        ],
        "DOITUONGTHUCHIEN": [
            {"MADOITUONG": code, "TENDOITUONG": str(applicant_labels.get(code, code))}
            for code in procedure.applicant_types
        ],
        "MOTADOITUONGTHUCHIEN": procedure.applicant_description,
        "COQUANTHUCHIEN": [
            {"MADONVI": item.agency.code, "TENDONVI": item.agency.name} for item in implementations
        ],
        "YEUCAU": procedure.conditions,
        "KETQUATHUCHIEN": [
            {"MAKETQUA": result.code, "TENKETQUA": result.name}
            for result in procedure.results.all()
        ],
        "CANCUPHAPLY": [
            {"SOVANBAN": basis.number, "TENVANBAN": basis.title} for basis in legal_bases
        ],
        "MACOQUANCONGBO": procedure.publishing_agency_code,
        "TRANGTHAI": procedure.status,
        EXTENSION_KEY: _extension(procedure, cases, fees, implementations, legal_bases),
    }


def _steps_text(procedure: Procedure, cases) -> list[dict[str, Any]]:
    """TRINHTUTHUCHIEN: the procedure's own steps text under an empty TRUONGHOP, then each
    case's, one TRINHTU per line so that joining the lines gives the text back."""
    entries = []
    if procedure.description:
        entries.append({"TRUONGHOP": "", "TRINHTU": _lines(procedure.description)})
    for case in cases:
        if case.steps_text:
            entries.append({"TRUONGHOP": case.name, "TRINHTU": _lines(case.steps_text)})
    return entries


def _lines(text: str) -> list[dict[str, str]]:
    return [{"TENTRINHTU": line} for line in text.split("\n")]


def _national_fee(fee) -> dict[str, Any]:
    """A fee as the national PHILEPHI shows it: a tiered fee shows its first tier's amount;
    the exact fee travels in X_MOTCUA.fees."""
    amount = fee.amount
    if fee.tiers and isinstance(fee.tiers, list) and isinstance(fee.tiers[0], dict):
        amount = fee.tiers[0].get("amount", amount)
    description = fee.name if not fee.description else f"{fee.name}: {fee.description}"
    return {"MAPHILEPHI": fee.code, "SOTIEN": amount, "DONVI": fee.unit, "MOTA": description}


def _extension(procedure, cases, fees, implementations, legal_bases) -> dict[str, Any]:
    return {
        "version": FORMAT_VERSION,
        "implementing_level": procedure.implementing_level,
        "service_level": procedure.service_level,
        "online_class": procedure.online_class,
        "integrated_with_national_portal": procedure.integrated_with_national_portal,
        "supplement_restarts_clock": procedure.supplement_restarts_clock,
        "result_delivery": procedure.result_delivery,
        "eform_schema": procedure.eform_schema,
        "effective_from": _iso(procedure.effective_from),
        "effective_to": _iso(procedure.effective_to),
        "source": procedure.source,
        "cases": [
            {
                "code": case.code,
                "order": case.order,
                "time_limit_value": json_number(case.time_limit_value),
                "time_limit_unit": case.time_limit_unit,
                "time_limit_note": case.time_limit_note,
                "documents": [
                    {
                        "is_required": doc.is_required,
                        "filled_by_eform": doc.filled_by_eform,
                        "note": doc.note,
                        "order": doc.order,
                    }
                    for doc in case.documents.all()
                ],
            }
            for case in cases
        ],
        "agencies": [
            {"service_level": item.service_level, "online_class": item.online_class}
            for item in implementations
        ],
        "legal_bases": [{"url": basis.url} for basis in legal_bases],
        "fees": [
            {
                "case": fee.case.code if fee.case_id else None,
                "code": fee.code,
                "name": fee.name,
                "category": fee.category,
                "kind": fee.kind,
                "amount": fee.amount,
                "tiers": fee.tiers,
                "unit": fee.unit,
                "description": fee.description,
            }
            for fee in fees
        ],
        "process_steps": [
            {
                "order": step.order,
                "name": step.name,
                "unit": step.unit,
                "unit_type": step.unit_type,
                "role": step.role,
                "share_percent": json_number(step.share_percent),
            }
            for step in procedure.steps.all()
        ],
    }


def _iso(value) -> str | None:
    return value.isoformat() if value else None
