"""Reading X_MOTCUA, our extension of the national record (docs/catalog-import.md).

X_MOTCUA holds our procedure fields that the national shape lacks, the exact time limit of
each case and the exact fees (which win over CACHTHUCTHUCHIEN), the process steps, and lists
that line up one-to-one with national lists to add fields to their items:
cases <-> THANHPHANHOSO (and cases[i].documents <-> THANHPHANHOSO[i].GIAYTO),
agencies <-> COQUANTHUCHIEN, legal_bases <-> CANCUPHAPLY.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from motcua.catalog.choices import (
    FeeCategory,
    FeeKind,
    ImplementingLevel,
    OnlineClass,
    ServiceLevel,
    TimeUnit,
)
from motcua.catalog.records import EXTENSION_KEY
from motcua.catalog.records_parse import ParsedProcedure
from motcua.catalog.records_reader import Reader, read_choice, read_date, read_documents

X = EXTENSION_KEY


def read_extension(reader: Reader, ext: dict, record: dict, parsed: ParsedProcedure) -> None:
    procedure = parsed.procedure
    level = reader.text(ext, "implementing_level", X)
    procedure["implementing_level"] = (
        read_choice(reader, ext, "implementing_level", X, ImplementingLevel.values, "")
        if level
        else None
    )
    procedure["service_level"] = _service_level(reader, ext, X, ServiceLevel.LEVEL_2)
    procedure["online_class"] = read_choice(
        reader, ext, "online_class", X, OnlineClass.values, OnlineClass.NONE
    )
    procedure["integrated_with_national_portal"] = reader.boolean(
        ext, "integrated_with_national_portal", X, False
    )
    procedure["supplement_restarts_clock"] = reader.boolean(
        ext, "supplement_restarts_clock", X, False
    )
    procedure["result_delivery"] = reader.text(ext, "result_delivery", X, strip=False)
    schema = ext.get("eform_schema")
    if schema is not None and not isinstance(schema, dict):
        reader.fail(f"{X}.eform_schema", _("phải là một đối tượng JSON Schema."))
    procedure["eform_schema"] = schema if isinstance(schema, dict) else {}
    procedure["effective_from"] = read_date(reader, ext, "effective_from", X)
    procedure["effective_to"] = read_date(reader, ext, "effective_to", X)
    procedure["source"] = reader.text(ext, "source", X)
    parsed.cases = _cases(reader, ext, record)
    parsed.agencies = _agencies(reader, ext, record)
    parsed.legal_bases = _legal_bases(reader, ext, record)
    parsed.fees = [_fee(reader, path, item) for path, item in reader.objects(ext, "fees", X)]
    parsed.steps = [
        {
            "order": reader.integer(item, "order", path, None),
            "name": reader.text(item, "name", path, required=True),
            "unit": reader.text(item, "unit", path),
            "unit_type": reader.text(item, "unit_type", path),
            "role": reader.text(item, "role", path),
            "share_percent": reader.decimal(item, "share_percent", path),
        }
        for path, item in reader.objects(ext, "process_steps", X)
    ]


def _service_level(reader: Reader, obj: dict, path: str, default):
    value = reader.integer(obj, "service_level", path, default)
    if value is not None and value not in ServiceLevel.values:
        reader.fail(f"{path}.service_level", _("mức độ phải từ 1 đến 4."))
        return default
    return value


def _aligned(reader: Reader, national, extension, national_key: str, ext_key: str) -> bool:
    if len(national) != len(extension):
        reader.fail(
            f"{X}.{ext_key}",
            _("phải có đúng %(n)d phần tử, tương ứng với %(key)s.")
            % {"n": len(national), "key": national_key},
        )
        return False
    return True


def _cases(reader: Reader, ext: dict, record: dict) -> list[dict[str, Any]]:
    parts = reader.objects(record, "THANHPHANHOSO")
    extras = reader.objects(ext, "cases", X)
    if not _aligned(reader, parts, extras, "THANHPHANHOSO", "cases"):
        return []
    cases = []
    for (path, part), (ext_path, extra) in zip(parts, extras, strict=True):
        documents = read_documents(reader, part, path)
        doc_extras = reader.objects(extra, "documents", ext_path)
        if _aligned(reader, documents, doc_extras, f"{path}.GIAYTO", f"{ext_path}.documents"):
            for document, (doc_path, doc_extra) in zip(documents, doc_extras, strict=True):
                document["is_required"] = reader.boolean(doc_extra, "is_required", doc_path, True)
                document["filled_by_eform"] = reader.boolean(
                    doc_extra, "filled_by_eform", doc_path, False
                )
                document["note"] = reader.text(doc_extra, "note", doc_path, strip=False)
                document["order"] = reader.integer(doc_extra, "order", doc_path, 0)
        cases.append(
            {
                "code": reader.text(extra, "code", ext_path, required=True),
                "name": reader.text(part, "TRUONGHOP", path, required=True),
                "order": reader.integer(extra, "order", ext_path, 0),
                "steps_text": "",
                "time_limit_value": reader.decimal(extra, "time_limit_value", ext_path),
                "time_limit_unit": read_choice(
                    reader, extra, "time_limit_unit", ext_path, TimeUnit.values, ""
                ),
                "time_limit_note": reader.text(extra, "time_limit_note", ext_path, strip=False),
                "documents": documents,
            }
        )
    return cases


def _agencies(reader: Reader, ext: dict, record: dict) -> list[dict[str, Any]]:
    national = reader.objects(record, "COQUANTHUCHIEN")
    extras = reader.objects(ext, "agencies", X)
    if not _aligned(reader, national, extras, "COQUANTHUCHIEN", "agencies"):
        return []
    agencies = []
    for (path, item), (ext_path, extra) in zip(national, extras, strict=True):
        agencies.append(
            {
                "code": reader.text(item, "MADONVI", path, required=True),
                "service_level": _service_level(reader, extra, ext_path, None),
                "online_class": read_choice(
                    reader, extra, "online_class", ext_path, OnlineClass.values, ""
                ),
            }
        )
    return agencies


def _legal_bases(reader: Reader, ext: dict, record: dict) -> list[dict[str, Any]]:
    national = reader.objects(record, "CANCUPHAPLY")
    extras = reader.objects(ext, "legal_bases", X)
    if not _aligned(reader, national, extras, "CANCUPHAPLY", "legal_bases"):
        return []
    return [
        {
            "number": reader.text(item, "SOVANBAN", path, required=True),
            "title": reader.text(item, "TENVANBAN", path, required=True),
            "url": reader.text(extra, "url", ext_path),
        }
        for (path, item), (ext_path, extra) in zip(national, extras, strict=True)
    ]


def _fee(reader: Reader, path: str, item: dict) -> dict[str, Any]:
    case = item.get("case")
    if case is not None and not isinstance(case, str):
        reader.fail(f"{path}.case", _("phải là mã trường hợp hoặc null."))
        case = None
    amount = reader.integer(item, "amount", path, 0)
    tiers = item.get("tiers")
    return {
        "case": case or None,
        "code": reader.text(item, "code", path),
        "name": reader.text(item, "name", path, required=True),
        "category": read_choice(
            reader, item, "category", path, FeeCategory.values, FeeCategory.CHARGE
        ),
        "kind": read_choice(reader, item, "kind", path, FeeKind.values, FeeKind.FIXED),
        "amount": amount,
        "tiers": [] if tiers is None else tiers,
        "unit": reader.text(item, "unit", path),
        "description": reader.text(item, "description", path, strip=False),
    }
