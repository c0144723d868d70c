"""The snapshot of a procedure a dossier keeps: what was true when it was received.

A snapshot carries the version of its shape (`"version"`). Readers never read
`Dossier.snapshot` directly: `Dossier.procedure_snapshot` (`read_snapshot`) gives every
stored snapshot in the current shape, whatever version it was written in, so a snapshot kept
for years in a closed dossier stays readable after the shape changes. Changing the shape means
raising SNAPSHOT_VERSION and teaching `read_snapshot` the older one.

Versions: 1, before the key existed (no "version"); 2, the same parts, with the key; 3, each
fee also says what it counts (`basis`, `quantity_field`) and whom it exempts (`exempt_groups`),
read as copies of the number of sets exempting no one when absent.
"""

from __future__ import annotations

from motcua.catalog.models import Procedure, ProcedureCase, coded_documents
from motcua.catalog.parts import procedure_parts

SNAPSHOT_VERSION = 3


def snapshot_of(procedure: Procedure, case: ProcedureCase) -> dict:
    parts = procedure_parts(procedure)
    documents = parts.documents_of(case)
    fees = parts.fees_of(case)
    return {
        "version": SNAPSHOT_VERSION,
        "procedure": {
            "code": procedure.code,
            "name": procedure.name,
            "field": {"code": procedure.field.code, "name": procedure.field.name},
            "supplement_restarts_clock": procedure.supplement_restarts_clock,
        },
        "case": {"code": case.code, "name": case.name},
        "time_limit": {
            "value": str(case.time_limit_value),
            "unit": case.time_limit_unit,
            "minutes": case.time_limit_minutes,
        },
        "steps": [
            {
                "order": step.order,
                "name": step.name,
                "unit": step.unit,
                "unit_type": step.unit_type,
                "role": step.role,
                "share_percent": str(step.share_percent),
            }
            for step in parts.steps
        ],
        "documents": [
            {
                "code": code,
                "name": document.name,
                "form_name": document.form_name,
                "originals": document.originals,
                "copies": document.copies,
                "required": document.is_required,
            }
            for code, document in coded_documents(documents)
        ],
        "fees": [
            {
                "code": fee.code,
                "name": fee.name,
                "category": fee.category,
                "kind": fee.kind,
                "amount": fee.amount,
                "tiers": fee.tiers,
                "basis": fee.basis,
                "quantity_field": fee.quantity_field,
                "exempt_groups": fee.exempt_groups,
                "unit": fee.unit,
            }
            for fee in fees
        ],
    }


def snapshot_version(snapshot) -> int:
    """The version a stored snapshot was written in (1: before snapshots had a version)."""
    version = snapshot.get("version", 1) if isinstance(snapshot, dict) else 1
    return version if isinstance(version, int) and version >= 1 else 1


def read_snapshot(snapshot) -> dict:
    """A stored snapshot in the current shape: every part present, with its defaults where an
    older version (or a damaged row) lacks it. A newer version than this code knows is read
    as far as its parts are the ones known here."""
    raw = snapshot if isinstance(snapshot, dict) else {}
    procedure = _dict(raw.get("procedure"))
    case = _dict(raw.get("case"))
    return {
        **raw,
        "version": snapshot_version(raw),
        "procedure": {
            "code": procedure.get("code", ""),
            "name": procedure.get("name", ""),
            **procedure,
            "field": {"code": "", "name": "", **_dict(procedure.get("field"))},
            "supplement_restarts_clock": bool(procedure.get("supplement_restarts_clock", False)),
        },
        "case": {"code": "", "name": "", **case},
        "time_limit": _dict(raw.get("time_limit")),
        "steps": [_step(step) for step in _list(raw.get("steps"))],
        "documents": [
            _document(document, position)
            for position, document in enumerate(_list(raw.get("documents")), start=1)
        ],
        "fees": [_fee(fee) for fee in _list(raw.get("fees"))],
    }


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value) -> list:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _step(step: dict) -> dict:
    return {"unit_type": "", "share_percent": "100", **step}


def _fee(fee: dict) -> dict:
    return {
        "code": "",
        "name": "",
        "kind": "fixed",
        "amount": 0,
        "tiers": [],
        "basis": "copies",
        "quantity_field": "",
        "exempt_groups": [],
        "unit": "đồng",
        **fee,
    }


def _document(document: dict, position: int) -> dict:
    return {
        "name": "",
        "form_name": "",
        "originals": 1,
        "copies": 0,
        "required": True,
        **document,
        "code": document.get("code") or f"GT{position}",
    }
