"""Validating a parsed catalog record against the models and the catalog's rules, before any
write: the models' full_clean (lengths, choices, validators, Procedure.clean with the e-form
schema, Fee.clean with the tiers), the process-step rule, the publication rule, the agencies
named by MADONVI, and the uniqueness of case codes and names within the record."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from motcua.agencies.choices import AgencyKind
from motcua.agencies.models import Agency
from motcua.catalog.choices import ImplementingLevel
from motcua.catalog.models import (
    Fee,
    Field,
    LegalBasis,
    Procedure,
    ProcedureAgency,
    ProcedureCase,
    ProcedureResult,
    ProcessStep,
    RequiredDocument,
)
from motcua.catalog.process import step_errors
from motcua.catalog.publication import publication_errors
from motcua.catalog.records_parse import ParsedProcedure


@dataclass
class ValidatedRecord:
    """A record that passed every check, with what it refers to already looked up."""

    parsed: ParsedProcedure
    agencies: dict[str, Agency] = field(default_factory=dict)


def model_errors(instance, prefix: str, exclude: list[str] | None = None) -> list[str]:
    """full_clean's complaints as "prefix — field label: message" lines."""
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as exc:
        lines = []
        for name, messages in exc.message_dict.items():
            label = (
                "" if name == NON_FIELD_ERRORS else str(instance._meta.get_field(name).verbose_name)
            )
            for message in messages:
                text = f"{label}: {message}" if label else message
                lines.append(f"{prefix} — {text}" if prefix else text)
        return lines
    return []


def _implementing_level(agencies: list[Agency]) -> str:
    """When a record does not say its level, the agencies that carry it out do."""
    kinds = {agency.kind for agency in agencies}
    if kinds and kinds <= {AgencyKind.COMMUNE}:
        return ImplementingLevel.COMMUNE
    if AgencyKind.DISTRICT in kinds:
        return ImplementingLevel.DISTRICT
    return ImplementingLevel.PROVINCE


def validate_parsed(parsed: ParsedProcedure) -> tuple[ValidatedRecord | None, list[str]]:
    errors: list[str] = []
    record = ValidatedRecord(parsed=parsed)

    existing_field = Field.objects.filter(code=parsed.field_code).first()
    if existing_field is None:
        if not parsed.field_name:
            errors.append(
                _("LINHVUCTHUCHIEN[1].TENLINHVUC: cần tên để tạo lĩnh vực mới %(code)s.")
                % {"code": parsed.field_code}
            )
        else:
            errors += model_errors(
                Field(code=parsed.field_code, name=parsed.field_name), "LINHVUCTHUCHIEN[1]"
            )

    errors += _check_agencies(parsed, record)
    values: dict[str, Any] = dict(parsed.procedure)
    if values["implementing_level"] is None:
        values["implementing_level"] = _implementing_level(list(record.agencies.values()))
        parsed.procedure["implementing_level"] = values["implementing_level"]
    existing = Procedure.objects.filter(code=parsed.code).only("pk").first()
    procedure = Procedure(pk=existing.pk if existing else None, field=existing_field, **values)
    # An update: uniqueness is checked against the other procedures, not this one.
    procedure._state.adding = existing is None
    errors += model_errors(procedure, "", exclude=None if existing_field else ["field"])

    errors += _check_cases(parsed)
    case_codes = {case["code"] for case in parsed.cases}
    for position, fee in enumerate(parsed.fees, start=1):
        prefix = f"X_MOTCUA.fees[{position}]"
        if fee["case"] is not None and fee["case"] not in case_codes:
            errors.append(
                _("%(where)s: không có trường hợp mã “%(code)s”.")
                % {"where": prefix, "code": fee["case"]}
            )
        fee_values = {key: value for key, value in fee.items() if key != "case"}
        errors += model_errors(Fee(**fee_values), prefix, exclude=["procedure", "case"])
    for position, result in enumerate(parsed.results, start=1):
        errors += model_errors(
            ProcedureResult(**result), f"KETQUATHUCHIEN[{position}]", exclude=["procedure"]
        )
    for position, basis in enumerate(parsed.legal_bases, start=1):
        errors += model_errors(
            LegalBasis(**basis), f"CANCUPHAPLY[{position}]", exclude=["procedure"]
        )
    problems = step_errors(parsed.steps)
    errors += [f"X_MOTCUA.process_steps: {problem}" for problem in problems]
    if not problems:
        for position, step in enumerate(parsed.steps, start=1):
            errors += model_errors(
                ProcessStep(**step), f"X_MOTCUA.process_steps[{position}]", exclude=["procedure"]
            )
    errors += publication_errors(
        status=parsed.procedure["status"],
        channels=[parsed.procedure[flag] for flag in ("via_counter", "via_online", "via_post")],
        cases=[(case["name"], len(case["documents"])) for case in parsed.cases],
    )
    return (None, errors) if errors else (record, [])


def _check_agencies(parsed: ParsedProcedure, record: ValidatedRecord) -> list[str]:
    errors: list[str] = []
    codes = [item["code"] for item in parsed.agencies]
    found = {agency.code: agency for agency in Agency.objects.filter(code__in=codes)}
    seen: set[str] = set()
    for position, item in enumerate(parsed.agencies, start=1):
        prefix = f"COQUANTHUCHIEN[{position}]"
        agency = found.get(item["code"])
        if item["code"] in seen:
            errors.append(
                _("%(where)s: cơ quan %(code)s được khai báo hai lần.")
                % {"where": prefix, "code": item["code"]}
            )
            continue
        seen.add(item["code"])
        if agency is None:
            errors.append(
                _("%(where)s: không có cơ quan nào mang mã định danh %(code)s.")
                % {"where": prefix, "code": item["code"]}
            )
            continue
        record.agencies[item["code"]] = agency
        implementation = ProcedureAgency(
            agency=agency,
            service_level=item["service_level"],
            online_class=item["online_class"],
        )
        # The agency was just looked up; excluding it spares one query per agency.
        errors += model_errors(implementation, prefix, exclude=["procedure", "agency"])
    return errors


def _check_cases(parsed: ParsedProcedure) -> list[str]:
    errors: list[str] = []
    codes: set[str] = set()
    names: set[str] = set()
    for position, values in enumerate(parsed.cases, start=1):
        prefix = f"THANHPHANHOSO[{position}]"
        if values["code"] in codes:
            errors.append(
                _("%(where)s: mã trường hợp “%(code)s” bị trùng.")
                % {"where": prefix, "code": values["code"]}
            )
        if values["name"] in names:
            errors.append(
                _("%(where)s: tên trường hợp “%(name)s” bị trùng.")
                % {"where": prefix, "name": values["name"]}
            )
        codes.add(values["code"])
        names.add(values["name"])
        case_values = {key: value for key, value in values.items() if key != "documents"}
        errors += model_errors(ProcedureCase(**case_values), prefix, exclude=["procedure"])
        for doc_position, document in enumerate(values["documents"], start=1):
            errors += model_errors(
                RequiredDocument(**document),
                f"{prefix}.GIAYTO[{doc_position}]",
                exclude=["case", "form_file"],
            )
    return errors
