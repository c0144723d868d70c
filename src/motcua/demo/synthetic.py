"""A city-sized synthetic catalog for load tests: agencies under a synthetic root and
procedures with cases, documents, fees, results, legal bases, steps and e-forms, in the same
shape as the demo catalog. Written with bulk_create in batches; deterministic for a seed.

Each run takes the first free code prefix 900..999 (codes `9NN.AA.BB.H26`), which the demo
never uses, and suffixes its procedure codes with its root's code, so runs never collide
with the demo or with each other.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from motcua.agencies.choices import AgencyKind
from motcua.agencies.models import Agency
from motcua.catalog.choices import (
    ApplicantType,
    FeeCategory,
    FeeKind,
    ImplementingLevel,
    OnlineClass,
    PublicationStatus,
    TimeUnit,
)
from motcua.catalog.models import (
    Fee,
    LegalBasis,
    Procedure,
    ProcedureAgency,
    ProcedureCase,
    ProcedureResult,
    ProcessStep,
    RequiredDocument,
    time_limit_minutes,
)
from motcua.demo import synthetic_names as names
from motcua.demo.procedures import eform as f
from motcua.demo.procedures.build import ensure_fields
from motcua.demo.procedures.laws import LAWS
from motcua.demo.procedures.spec import PROCESSES
from motcua.lib.text import fold

FIRST_PREFIX, LAST_PREFIX = 900, 999
MAX_AGENCIES = 9999  # two 2-digit groups under one prefix
MAX_PROCEDURES = 999_999  # six digits in the national code
BATCH = 500
# Hanoi, June 2020: 1,501 of 1,659 procedures at level 3 or 4 (91%).
LEVEL_WEIGHTS = {4: 0.55, 3: 0.36, 2: 0.09}
COMMUNE_SHARE = 0.3
SOURCE = "Dữ liệu tổng hợp sinh tự động để thử tải (generate_catalog), không phải thủ tục thật."


class CatalogArgumentError(ValueError):
    """A bad argument, in words for the person who typed it."""


@dataclass
class GeneratedCatalog:
    root: Agency
    seed: int
    counts: Counter


def check_arguments(procedures: int, agencies: int) -> None:
    if procedures < 1:
        raise CatalogArgumentError("Số thủ tục (--procedures) phải là số nguyên dương.")
    if procedures > MAX_PROCEDURES:
        raise CatalogArgumentError(f"Số thủ tục (--procedures) tối đa là {MAX_PROCEDURES}.")
    if agencies < 1:
        raise CatalogArgumentError("Số cơ quan (--agencies) phải là số nguyên dương.")
    if agencies > MAX_AGENCIES:
        raise CatalogArgumentError(f"Số cơ quan (--agencies) tối đa là {MAX_AGENCIES}.")


def free_prefix() -> int:
    for prefix in range(FIRST_PREFIX, LAST_PREFIX + 1):
        if not Agency.objects.filter(code__startswith=f"{prefix}.").exists():
            return prefix
    raise CatalogArgumentError("Đã dùng hết các tiền tố mã 900–999 cho dữ liệu tổng hợp.")


def _code(prefix: int, index: int) -> str:
    return f"{prefix:03d}.{index // 100:02d}.{index % 100:02d}.H26"


def _agency(prefix: int, index: int, name: str, kind: str, parent: Agency, **extra) -> Agency:
    agency = Agency(
        code=_code(prefix, index),
        code_is_official=False,
        name=name,
        kind=kind,
        parent=parent,
        search_text=fold(f"{name} {_code(prefix, index)}"),
        **extra,
    )
    agency.clean_fields(exclude=["parent", "commune"])
    return agency


def _bulk_create_agencies(agencies: list[Agency]) -> None:
    """Insert one level of the tree, then give each row its materialised path."""
    Agency.objects.bulk_create(agencies, batch_size=BATCH)
    for agency in agencies:
        agency.path = f"{agency.parent.path}{agency.pk:06d}/"
        agency.depth = agency.path.count("/") - 1
    Agency.objects.bulk_update(agencies, ["path", "depth"], batch_size=BATCH)


def _place_name(rng: random.Random) -> str:
    first, second = rng.sample(names.PLACE_SYLLABLES, 2)
    return f"{rng.choice(('Phường', 'Xã'))} {first} {second}"


def build_agencies(prefix: int, count: int, rng: random.Random):
    """The root and `count` agencies under it: departments with units, communes with units.
    Returns (root, departments, communes)."""
    root = Agency(
        code=_code(prefix, 0),
        code_is_official=False,
        name=f"Ủy ban nhân dân tỉnh mô phỏng {prefix - FIRST_PREFIX + 1}",
        short_name=f"Dữ liệu tổng hợp {prefix}",
        kind=AgencyKind.PEOPLES_COMMITTEE,
    )
    root.full_clean()
    root.save()
    departments_count = max(1, round(count * 0.04))
    dept_units = min(2 * departments_count, count - departments_count)
    rest = count - departments_count - dept_units
    communes_count = -(-rest // 4)  # each commune with up to three units
    commune_units = rest - communes_count
    index = 0

    def next_index() -> int:
        nonlocal index
        index += 1
        return index

    departments = [
        _agency(prefix, next_index(), f"{names.DEPARTMENTS[i % len(names.DEPARTMENTS)]} "
                f"(mô phỏng {i // len(names.DEPARTMENTS) + 1})", AgencyKind.DEPARTMENT, root)
        for i in range(departments_count)
    ]  # fmt: skip
    communes = [
        _agency(prefix, next_index(), f"Ủy ban nhân dân {_place_name(rng)}", AgencyKind.COMMUNE,
                root, receives_dossiers=True)
        for _ in range(communes_count)
    ]  # fmt: skip
    _bulk_create_agencies(departments + communes)
    units = [
        _agency(prefix, next_index(), names.DEPARTMENT_UNITS[i // departments_count % 5],
                AgencyKind.UNIT, departments[i % departments_count])
        for i in range(dept_units)
    ]  # fmt: skip
    for i in range(commune_units):
        unit_name, unit_type = names.COMMUNE_UNITS[i // communes_count]
        units.append(_agency(prefix, next_index(), unit_name, AgencyKind.UNIT,
                             communes[i % communes_count], unit_type=unit_type))  # fmt: skip
    _bulk_create_agencies(units)
    return root, departments, communes


def _eform(name: str, for_organisations: bool) -> dict:
    who = f.organisation() if for_organisations else f.applicant()
    return f.form(f"Tờ khai: {name}"[:200], who, f.long_text("noi_dung", "Nội dung đề nghị"),
                  f.integer("so_ban", "Số bản kết quả đề nghị cấp", minimum=1, maximum=10))  # fmt: skip


class _Batch:
    """The rows of one batch of procedures, created with one bulk_create per model. Each row
    is validated as it is added (fields and clean(); the foreign keys and uniqueness hold by
    construction and would cost a query per row)."""

    def __init__(self):
        self.procedures: list[Procedure] = []
        self.related: dict[type, list] = {}

    def add(self, model, obj, validate=True):
        if validate:
            obj.clean_fields(exclude=["procedure", "case", "agency", "field"])
            obj.clean()
        self.related.setdefault(model, []).append(obj)


def _procedure(rng, code, field, level, counts) -> Procedure:
    service_level = rng.choices(list(LEVEL_WEIGHTS), weights=list(LEVEL_WEIGHTS.values()))[0]
    online = service_level >= 3
    online_class = (
        OnlineClass.NONE if not online
        else OnlineClass.FULL if service_level == 4 and rng.random() < 0.8
        else OnlineClass.PARTIAL
    )  # fmt: skip
    for_organisations = rng.random() < 0.35
    action = rng.choice(names.ACTIONS)
    name = " ".join(
        part
        for part in (action, rng.choice(names.OBJECTS[field.code]), rng.choice(names.QUALIFIERS))
        if part
    )
    applicants = (
        [ApplicantType.ENTERPRISE, ApplicantType.ORGANISATION]
        if for_organisations
        else [ApplicantType.CITIZEN]
    )
    procedure = Procedure(
        code=code,
        name=name,
        field=field,
        implementing_level=level,
        applicant_types=applicants,
        via_counter=True,
        via_online=online,
        via_post=online and rng.random() < 0.6,
        service_level=service_level,
        online_class=online_class,
        integrated_with_national_portal=online and rng.random() < 0.3,
        eform_schema=_eform(name, for_organisations) if online else {},
        status=PublicationStatus.PUBLISHED,
        source=SOURCE,
        search_text=fold(f"{code} {name} {field.name}"),
    )
    procedure.clean_fields(exclude=["field"])
    procedure.clean()
    counts[f"level_{service_level}"] += 1
    return procedure


def _children(rng, batch: _Batch, procedure: Procedure, counts: Counter) -> None:
    for order in range(1, rng.randint(1, 3) + 1):
        unit = rng.choices(list(TimeUnit), weights=[8, 1, 1])[0]
        value = Decimal(rng.choice((1, 2, 3, 5, 7, 10, 15, 20, 30)))
        if unit == TimeUnit.WORKING_HOURS:
            value = Decimal(rng.choice((4, 8, 16)))
        case = ProcedureCase(
            procedure=procedure, code=f"TH{order}", name=f"Trường hợp {order}", order=order,
            time_limit_value=value, time_limit_unit=unit,
            time_limit_minutes=time_limit_minutes(value, unit),
        )  # fmt: skip
        batch.add(ProcedureCase, case)
        for doc_order, doc_name in enumerate(rng.sample(names.DOCUMENTS, rng.randint(2, 5)), 1):
            batch.add(RequiredDocument, RequiredDocument(
                case=case, code=f"TH{order}-{doc_order:02d}", name=doc_name, order=doc_order,
                originals=rng.choice((0, 1)), copies=rng.choice((0, 1)),
            ))  # fmt: skip
            counts["documents"] += 1
        counts["cases"] += 1
    for index in range(rng.choice((0, 1, 1, 2))):
        kind = rng.choices(list(FeeKind), weights=[7, 2, 1])[0]
        tiers = []
        if kind == FeeKind.TIERED:
            tiers = [{"up_to": 5, "amount": 100_000}, {"up_to": None, "amount": 200_000}]
        batch.add(Fee, Fee(
            procedure=procedure, code=f"{procedure.code}-P{index + 1:02d}",
            name=rng.choice(("Lệ phí cấp giấy phép", "Phí thẩm định hồ sơ", "Lệ phí đăng ký")),
            category=rng.choice(list(FeeCategory)), kind=kind, tiers=tiers,
            amount=0 if tiers else rng.choice((5_000, 20_000, 50_000, 100_000, 500_000)),
        ))  # fmt: skip
        counts["fees"] += 1
    batch.add(ProcedureResult, ProcedureResult(procedure=procedure, code="KQ01",
                                               name=rng.choice(names.RESULTS)))  # fmt: skip
    for key in rng.sample(sorted(LAWS), rng.randint(1, 2)):
        number, title = LAWS[key]
        batch.add(LegalBasis, LegalBasis(procedure=procedure, number=number, title=title))
    template = rng.choice(sorted(PROCESSES))
    for order, (step_name, unit, role, share) in enumerate(PROCESSES[template], start=1):
        batch.add(ProcessStep, ProcessStep(
            procedure=procedure, order=order, name=step_name, unit=unit, role=role,
            share_percent=Decimal(share),
        ))  # fmt: skip
        counts["steps"] += 1


def _flush(batch: _Batch, implementers: list[tuple[Procedure, list[Agency]]]) -> None:
    Procedure.objects.bulk_create(batch.procedures, batch_size=BATCH)
    for model in (ProcedureCase, RequiredDocument, Fee, ProcedureResult, LegalBasis,
                  ProcessStep):  # fmt: skip
        # bulk_create takes the parents' new ids from the related objects it holds.
        model.objects.bulk_create(batch.related.get(model, []), batch_size=BATCH)
    ProcedureAgency.objects.bulk_create(
        [ProcedureAgency(procedure=p, agency=a) for p, agencies in implementers for a in agencies],
        batch_size=2000,
    )


def generate_catalog(procedures: int, agencies: int, seed: int,
                     progress: Callable[[int], None] | None = None) -> GeneratedCatalog:  # fmt: skip
    """Create the synthetic catalog in one transaction; `progress(n)` is told of each batch."""
    check_arguments(procedures, agencies)
    rng = random.Random(seed)
    counts: Counter = Counter()
    with transaction.atomic():
        prefix = free_prefix()
        root, departments, communes = build_agencies(prefix, agencies, rng)
        counts["agencies"] = agencies
        fields = list(ensure_fields().values())
        for start in range(0, procedures, BATCH):
            batch, implementers = _Batch(), []
            for number in range(start + 1, min(start + BATCH, procedures) + 1):
                field = rng.choice(fields)
                at_commune = bool(communes) and rng.random() < COMMUNE_SHARE
                level = ImplementingLevel.COMMUNE if at_commune else ImplementingLevel.PROVINCE
                code = f"{rng.choice((1, 2))}.{number:06d}.{root.code}"
                procedure = _procedure(rng, code, field, level, counts)
                batch.procedures.append(procedure)
                _children(rng, batch, procedure, counts)
                implementers.append((procedure, communes if at_commune else
                                     [rng.choice(departments)]))  # fmt: skip
                counts["implementations"] += len(implementers[-1][1])
            _flush(batch, implementers)
            counts["procedures"] += len(batch.procedures)
            if progress:
                progress(len(batch.procedures))
    return GeneratedCatalog(root=root, seed=seed, counts=counts)
