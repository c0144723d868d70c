"""Turning the compact procedure specs into catalog rows, each checked with full_clean()."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from motcua.catalog.choices import FeeKind, ImplementingLevel, PublicationStatus, StepUnit
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
from motcua.demo.hanoi import HanoiAgencies
from motcua.demo.procedures.laws import LAWS
from motcua.demo.procedures.spec import FIELDS, PROCESSES, Spec, source_text, unit_type_for

LEVELS = {"commune": ImplementingLevel.COMMUNE, "province": ImplementingLevel.PROVINCE}


def _checked(obj):
    obj.full_clean()
    obj.save()
    return obj


def ensure_fields() -> dict[str, Field]:
    """The demo's fields (lĩnh vực), created when missing."""
    fields = {}
    for code, name in FIELDS.items():
        existing = Field.objects.filter(code=code).first()
        fields[code] = existing or _checked(Field(code=code, name=name))
    return fields


def _delivery_text(spec: Spec, where: str) -> str:
    ways = [f"Trực tiếp tại {where}"]
    if spec.service_level >= 4:
        ways.append("bản điện tử trên Cổng Dịch vụ công")
    if "P" in spec.channels:
        ways.append("qua dịch vụ bưu chính công ích")
    return "; ".join(ways) + "."


def build_procedure(spec: Spec, fields: dict[str, Field], agencies: HanoiAgencies,
                    counts: Counter) -> Procedure:  # fmt: skip
    if spec.level == "commune":
        where = "bộ phận một cửa của Ủy ban nhân dân xã, phường"
        implementers = agencies.communes
    else:
        where = "Trung tâm Phục vụ hành chính công Thành phố Hà Nội hoặc các chi nhánh"
        if spec.agency == "cong-an":
            where = "Phòng Cảnh sát giao thông Công an Thành phố Hà Nội"
        implementers = [agencies.departments[spec.agency]]
    procedure = _checked(
        Procedure(
            code=spec.code,
            name=spec.name,
            field=fields[spec.field],
            implementing_level=LEVELS[spec.level],
            applicant_types=list(spec.applicants),
            via_counter="C" in spec.channels,
            via_online="O" in spec.channels,
            via_post="P" in spec.channels,
            service_level=spec.service_level,
            online_class=spec.online_class,
            conditions=spec.conditions,
            description=spec.description
            or f"Nộp hồ sơ tại {where}"
            + (" hoặc trực tuyến trên Cổng Dịch vụ công" if "O" in spec.channels else "")
            + "; cơ quan có thẩm quyền giải quyết và trả kết quả theo thời hạn quy định.",
            result_delivery=spec.result_delivery or _delivery_text(spec, where),
            publishing_agency_code=agencies.root.code,
            integrated_with_national_portal=spec.integrated,
            eform_schema=spec.eform or {},
            status=PublicationStatus.PUBLISHED,
            effective_from=spec.effective_from,
            source=source_text(spec),
        )
    )
    counts["procedures"] += 1
    cases = {}
    for order, case_spec in enumerate(spec.cases, start=1):
        case = _checked(
            ProcedureCase(
                procedure=procedure,
                code=case_spec.code,
                name=case_spec.name,
                order=order,
                time_limit_value=Decimal(str(case_spec.limit)),
                time_limit_unit=case_spec.unit,
                time_limit_note=case_spec.note,
            )
        )
        cases[case_spec.code] = case
        counts["cases"] += 1
        for doc_order, doc in enumerate(case_spec.docs, start=1):
            _checked(
                RequiredDocument(
                    case=case,
                    code=f"{case_spec.code}-{doc_order:02d}",
                    name=doc.name,
                    form_name=doc.form,
                    originals=doc.originals,
                    copies=doc.copies,
                    is_required=doc.required,
                    # A case's first document is the declaration the e-form replaces.
                    filled_by_eform=bool(spec.eform) and doc_order == 1,
                    note=doc.note,
                    order=doc_order,
                )
            )
            counts["documents"] += 1
    for index, fee_spec in enumerate(spec.fees, start=1):
        _checked(
            Fee(
                procedure=procedure,
                case=cases[fee_spec.case] if fee_spec.case else None,
                code=fee_spec.code or f"{spec.code}-P{index:02d}",
                name=fee_spec.name,
                category=fee_spec.category,
                kind=fee_spec.kind,
                amount=fee_spec.amount if fee_spec.kind != FeeKind.TIERED else 0,
                tiers=[dict(t) for t in fee_spec.tiers],
                unit=fee_spec.unit,
                description=fee_spec.description,
            )
        )
        counts["fees"] += 1
    for index, result in enumerate(spec.results, start=1):
        _checked(ProcedureResult(procedure=procedure, code=f"KQ{index:02d}", name=result))
    for key in spec.legal:
        number, title = LAWS[key]
        _checked(LegalBasis(procedure=procedure, number=number, title=title))
    for order, (name, unit, role, share) in enumerate(PROCESSES[spec.process], start=1):
        step = ProcessStep(
            procedure=procedure,
            order=order,
            name=name,
            unit=unit,
            role=role,
            share_percent=Decimal(share),
        )
        if unit == StepUnit.RESPONSIBLE_UNIT:
            step.unit_type = unit_type_for(spec)
        _checked(step)
        counts["steps"] += 1
    rows = []
    for agency in implementers:
        row = ProcedureAgency(procedure=procedure, agency=agency)
        # A commune-level procedure has 126 of these. The two foreign keys point at rows
        # saved moments ago and each agency appears once, so the per-row existence and
        # uniqueness queries would prove nothing; the tests run the complete full_clean().
        row.full_clean(exclude=["procedure", "agency"], validate_constraints=False)
        rows.append(row)
    ProcedureAgency.objects.bulk_create(rows)
    counts["implementations"] += len(rows)
    return procedure


def build_procedures(specs: list[Spec], agencies: HanoiAgencies) -> Counter:
    counts: Counter = Counter()
    fields = ensure_fields()
    counts["fields"] = len(fields)
    for spec in specs:
        build_procedure(spec, fields, agencies, counts)
    return counts
