"""The catalog in step with the national database of procedures (docs/integration.md,
"Catalog sync").

`fetch` reads the portal's procedure list (LayDanhSachTTHC), each procedure's record in the
national shape (LayThuTuc), and the agency and field lists. `compare` sets each national record
beside our procedure of the same code, both read by the catalog's own reader
(catalog/records_parse.py) as national records, so that only what the national shape says is
compared: a procedure is added (only on the portal), changed (with the parts that differ),
the same, or missing (only in our catalog). `apply` writes the chosen ones through the
catalog's import service (catalog/services.py: validated, audited, one outbox event each),
keeping what only our catalog knows (service levels, e-form, internal process, case codes and
the exact fees the national shape cannot carry) wherever the national record leaves it intact.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy

from motcua.agencies.models import Agency
from motcua.catalog.models import Field, Procedure
from motcua.catalog.records import EXTENSION_KEY, export_record, json_number
from motcua.catalog.records_parse import ParsedProcedure, parse_record
from motcua.catalog.services import import_procedures
from motcua.integrations.national_portal import client as portal

ADDED, CHANGED, SAME, MISSING, UNREADABLE = "added", "changed", "same", "missing", "unreadable"

# The parts of a procedure compared, each with the label administrators read.
PARTS: list[tuple[str, Any]] = [
    ("name", gettext_lazy("Tên thủ tục")),
    ("field", gettext_lazy("Lĩnh vực")),
    ("status", gettext_lazy("Trạng thái")),
    ("channels", gettext_lazy("Cách thức thực hiện")),
    ("applicants", gettext_lazy("Đối tượng thực hiện")),
    ("conditions", gettext_lazy("Yêu cầu, điều kiện")),
    ("description", gettext_lazy("Trình tự thực hiện")),
    ("cases", gettext_lazy("Trường hợp, thời hạn giải quyết")),
    ("documents", gettext_lazy("Thành phần hồ sơ")),
    ("fees", gettext_lazy("Phí, lệ phí")),
    ("agencies", gettext_lazy("Cơ quan thực hiện")),
    ("results", gettext_lazy("Kết quả thực hiện")),
    ("legal_bases", gettext_lazy("Căn cứ pháp lý")),
    ("publisher", gettext_lazy("Cơ quan công bố")),
]


@dataclass
class NationalCatalog:
    records: dict[str, dict] = field(default_factory=dict)  # MATTHC -> record
    listed: list[dict] = field(default_factory=list)
    agencies: list[dict] = field(default_factory=list)
    fields: list[dict] = field(default_factory=list)
    unreadable: dict[str, str] = field(default_factory=dict)  # MATTHC -> why


@dataclass
class Change:
    part: str
    label: str
    local: str
    national: str


@dataclass
class ProcedureDiff:
    code: str
    name: str
    kind: str
    changes: list[Change] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def fetch(client: portal.Client | None = None) -> NationalCatalog:
    """Everything the portal publishes for the province's catalog. Raises PortalError."""
    client = client or portal.get_client()
    catalog = NationalCatalog(
        listed=client.list_procedures(),
        agencies=client.list_agencies(),
        fields=client.list_fields(),
    )
    for item in catalog.listed:
        code = str(item.get("MATTHC") or "").strip() if isinstance(item, dict) else ""
        if not code:
            continue
        try:
            record = client.get_procedure(code)
        except portal.Refused as exc:
            catalog.unreadable[code] = exc.message
            continue
        if isinstance(record, dict):
            catalog.records[code] = record
    return catalog


def national_only(record: dict) -> dict:
    return {key: value for key, value in record.items() if key != EXTENSION_KEY}


def _read(record: dict) -> tuple[ParsedProcedure | None, list[str]]:
    return parse_record(national_only(record))


def _facts(parsed: ParsedProcedure) -> dict[str, Any]:
    """What the national shape says of a procedure, part by part, as comparable values."""
    p = parsed.procedure

    def number(value):
        return None if value is None else json_number(value)

    return {
        "name": p["name"],
        "field": f"{parsed.field_code} — {parsed.field_name}",
        "status": p["status"],
        "channels": [flag for flag in ("via_counter", "via_online", "via_post") if p.get(flag)],
        "applicants": [p["applicant_types"], p["applicant_description"]],
        "conditions": p["conditions"],
        "description": p["description"],
        "cases": [
            [c["name"], number(c["time_limit_value"]), c["time_limit_unit"], c["time_limit_note"]]
            for c in parsed.cases
        ],
        "documents": [
            [
                c["name"],
                [
                    [
                        d.get("code", ""),
                        d.get("name", ""),
                        d.get("form_name", ""),
                        d.get("form_url", ""),
                        d.get("originals"),
                        d.get("copies"),
                    ]
                    for d in c["documents"]
                ],
            ]
            for c in parsed.cases
        ],
        "fees": sorted([f["code"], number(f["amount"]), f["unit"], f["name"]] for f in parsed.fees),
        "agencies": sorted(a["code"] for a in parsed.agencies),
        "results": [[r["code"], r["name"]] for r in parsed.results],
        "legal_bases": [[b["number"], b["title"]] for b in parsed.legal_bases],
        "publisher": p["publishing_agency_code"],
    }


def _shown(value) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def compare(catalog: NationalCatalog) -> list[ProcedureDiff]:
    """Each procedure of the portal and of our catalog, with what differs, by code."""
    local = {
        procedure.code: procedure
        for procedure in Procedure.objects.select_related("field").prefetch_related(
            "cases__documents", "fees__case", "implementations__agency", "legal_bases", "results"
        )
    }
    diffs: list[ProcedureDiff] = []
    for code, reason in sorted(catalog.unreadable.items()):
        diffs.append(ProcedureDiff(code, "", UNREADABLE, errors=[reason]))
    for code, record in sorted(catalog.records.items()):
        national, errors = _read(record)
        name = str(record.get("TENTTHC") or "")
        if national is None:
            diffs.append(ProcedureDiff(code, name, UNREADABLE, errors=errors))
            continue
        ours = local.get(code)
        if ours is None:
            diffs.append(ProcedureDiff(code, name, ADDED))
            continue
        mine, _errors = _read(export_record(ours))
        theirs_facts, my_facts = _facts(national), _facts(mine) if mine else {}
        changes = [
            Change(part, str(label), _shown(my_facts.get(part)), _shown(theirs_facts[part]))
            for part, label in PARTS
            if my_facts.get(part) != theirs_facts[part]
        ]
        diffs.append(ProcedureDiff(code, name, CHANGED if changes else SAME, changes))
    for code in sorted(set(local) - set(catalog.records) - set(catalog.unreadable)):
        diffs.append(ProcedureDiff(code, local[code].name, MISSING))
    return diffs


def unknown_references(catalog: NationalCatalog) -> dict[str, list[dict]]:
    """The portal's agencies and fields that our catalog does not know by code: an agency must
    be loaded (its identifier code is official) before a procedure naming it can be applied;
    a field is created by the import itself."""
    agency_codes = set(Agency.objects.values_list("code", flat=True))
    field_codes = set(Field.objects.values_list("code", flat=True))
    return {
        "agencies": [
            item
            for item in catalog.agencies
            if isinstance(item, dict) and str(item.get("MaCoQuan") or "") not in agency_codes
        ],
        "fields": [
            item
            for item in catalog.fields
            if isinstance(item, dict) and str(item.get("MaLinhVuc") or "") not in field_codes
        ],
    }


def merged_record(record: dict, procedure: Procedure | None) -> dict:
    """The record to import for a national `record`: the national facts, and our extension
    (X_MOTCUA) rebuilt around them from `procedure` (None for a procedure new to us): cases
    matched by name keep their code, their documents' required flags matched by name; agencies
    keep their own service level; a fee keeps its exact form (tiers) when the national fee of
    the same code still shows the same amount; everything the national shape has no place for
    (levels, e-form, process steps, dates) stays as it is."""
    national = national_only(record)
    if procedure is None:
        return national
    parsed, errors = parse_record(national)
    if parsed is None:
        return national  # the import reports the errors
    ours = export_record(procedure)[EXTENSION_KEY]
    local_cases = {case.name: case for case in procedure.cases.all()}
    cases = []
    for index, case in enumerate(parsed.cases):
        existing = local_cases.get(case["name"])
        required = (
            {document.name: document.is_required for document in existing.documents.all()}
            if existing
            else {}
        )
        cases.append(
            {
                "code": existing.code if existing else case["code"],
                "order": index + 1,
                "time_limit_value": json_number(case["time_limit_value"])
                if case["time_limit_value"] is not None
                else None,
                "time_limit_unit": case["time_limit_unit"],
                "time_limit_note": case["time_limit_note"],
                "documents": [
                    {"is_required": required.get(document["name"], True), "note": "", "order": n}
                    for n, document in enumerate(case["documents"], start=1)
                ],
            }
        )
    case_codes = {case["code"]: cases[i]["code"] for i, case in enumerate(parsed.cases)}
    levels = {
        item.agency.code: {"service_level": item.service_level, "online_class": item.online_class}
        for item in procedure.implementations.all()
    }
    urls = {basis.number: basis.url for basis in procedure.legal_bases.all()}
    local_fees = {fee["code"]: fee for fee in ours["fees"] if fee["code"]}
    fees = []
    for fee in parsed.fees:
        kept = local_fees.get(fee["code"])
        first_amount = (
            kept["tiers"][0].get("amount", kept["amount"])
            if kept and kept["tiers"] and isinstance(kept["tiers"][0], dict)
            else (kept["amount"] if kept else None)
        )
        if kept and first_amount == fee["amount"]:
            fees.append({**kept, "case": case_codes.get(fee["case"], fee["case"])})
        else:
            fees.append({**fee, "case": case_codes.get(fee["case"], fee["case"])})
    extension = {
        **ours,
        "cases": cases,
        "agencies": [
            levels.get(agency["code"], {"service_level": None, "online_class": ""})
            for agency in parsed.agencies
        ],
        "legal_bases": [{"url": urls.get(basis["number"], "")} for basis in parsed.legal_bases],
        "fees": fees,
    }
    return {**national, EXTENSION_KEY: extension}


def apply(catalog: NationalCatalog, codes: list[str], *, actor, dry_run: bool = False):
    """Import the national records of `codes` (each valid one; the others are reported)
    through the catalog's import service, audited. Returns the import's report."""
    local = {p.code: p for p in Procedure.objects.filter(code__in=codes)}
    records = [
        merged_record(catalog.records[code], local.get(code))
        for code in codes
        if code in catalog.records
    ]
    return import_procedures(
        json.dumps(records, ensure_ascii=False, default=str),
        actor=actor,
        partial=True,
        dry_run=dry_run,
    )
