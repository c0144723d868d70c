"""The snapshot of a procedure a dossier keeps: what was true when it was received."""

from __future__ import annotations

from motcua.catalog.models import Procedure, ProcedureCase, coded_documents
from motcua.catalog.parts import procedure_parts


def snapshot_of(procedure: Procedure, case: ProcedureCase) -> dict:
    parts = procedure_parts(procedure)
    documents = parts.documents_of(case)
    fees = parts.fees_of(case)
    return {
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
                "unit": fee.unit,
            }
            for fee in fees
        ],
    }
