"""A dossier as the API shows it: the summary in lists, the detail after a read or an action."""

from __future__ import annotations

from motcua.agencies.models import Agency
from motcua.dossiers import selectors
from motcua.dossiers.deadlines import timeliness
from motcua.dossiers.models import Dossier
from motcua.dossiers.national_codes import national_code
from motcua.payments import receipt_selectors
from motcua.payments import selectors as payment_selectors
from motcua.workdays.zone import VIETNAM


def _ref(agency: Agency) -> dict:
    return {"code": agency.code, "name": agency.name}


def _summary(dossier: Dossier, now) -> dict:
    return {
        "code": dossier.code,
        "status": dossier.status,
        "version": dossier.version,
        "procedure_code": dossier.procedure.code,
        "procedure_name": dossier.procedure.name,
        "applicant_name": dossier.applicant_name,
        "channel": dossier.channel,
        "receiving_agency": _ref(dossier.receiving_agency),
        "responsible_agency": _ref(dossier.responsible_agency),
        "submitted_at": dossier.submitted_at,
        "received_at": dossier.received_at,
        "due_at": dossier.due_at,
        "overdue": dossier.is_overdue(now),
    }


def _money(dossier: Dossier) -> dict:
    """What the dossier owes (with the breakdown), its payments and its receipts (the caller has
    already been allowed to see the dossier)."""
    money = payment_selectors.money_of(dossier)
    return {
        "owed": money.owed,
        "paid": money.paid,
        "outstanding": money.outstanding,
        "refunded": money.refunded,
        "postal_charge": money.postal_charge,
        "obligations": [
            {
                "stage": line.obligation.stage,
                "status": line.obligation.status,
                "note": line.obligation.note,
                "total": line.obligation.total,
                "paid": line.paid,
                "outstanding": line.outstanding,
                "items": [
                    {
                        "code": item.code,
                        "name": item.name,
                        "quantity": str(item.quantity),
                        "unit_amount": item.unit_amount,
                        "amount": item.amount,
                        "exempted_for": item.exempted_for,
                    }
                    for item in line.breakdown.items
                ],
            }
            for line in money.lines
        ],
        "payments": [
            {
                "bill_code": p.bill_code,
                "method": p.method,
                "status": p.status,
                "amount": p.amount,
                "created_at": p.created_at,
                "confirmed_at": p.confirmed_at,
            }
            for p in money.payments
        ],
        "receipts": [
            {
                "template": r.template_code,
                "series": r.series_code,
                "number": r.number_text,
                "status": r.status,
                "total": r.total,
                "issued_at": r.issued_at,
            }
            for r in receipt_selectors.receipts_of_dossier(dossier)
        ],
    }


def _detail(dossier: Dossier, now) -> dict:
    selectors.detail_related(dossier)
    steps = sorted(dossier.steps.all(), key=lambda step: (step.started_at, step.pk))
    open_pauses = sorted(
        (p for p in dossier.pauses.all() if p.ended_at is None), key=lambda p: p.started_at
    )
    pause_reason = open_pauses[-1].reason if open_pauses else None
    return {
        **_summary(dossier, now),
        "requested_return_channel": dossier.requested_return_channel,
        "case_code": dossier.procedure_snapshot["case"]["code"],
        "case_name": dossier.procedure_snapshot["case"]["name"],
        "outcome": dossier.outcome,
        "applicant_kind": dossier.applicant_kind,
        "applicant_personal_id": dossier.applicant_personal_id,
        "applicant_tax_code": dossier.applicant_tax_code,
        "applicant_address": dossier.applicant_address,
        "applicant_commune_code": dossier.applicant_commune_id,
        "applicant_phone": dossier.applicant_phone,
        "applicant_email": dossier.applicant_email,
        "form_data": dossier.form_data,
        "time_limit": dossier.time_limit,
        "clock_started_at": dossier.clock_started_at,
        "remaining_minutes": dossier.remaining_minutes,
        "remaining_seconds": dossier.remaining_seconds,
        "applicant_due_at": dossier.applicant_due_at,
        "decided_at": dossier.decided_at,
        "returned_at": dossier.returned_at,
        "stop_reason_kind": dossier.stop_reason_kind,
        "stop_reason": dossier.stop_reason,
        "stopped_at": dossier.stopped_at,
        "national_code": national_code(dossier.status, pause_reason),
        "supplement_requests": dossier.supplement_requests,
        "routing_reason": dossier.routing_reason,
        "steps": [
            {
                "order": step.order,
                "name": step.name,
                "unit": _ref(step.unit),
                "role": step.role,
                "assigned_to": step.assigned_to.get_full_name() if step.assigned_to else None,
                "started_at": step.started_at,
                "due_at": step.due_at,
                "finished_at": step.finished_at,
                "timeliness": timeliness(step.finished_at, step.finished_due_at, VIETNAM)
                if step.finished_at and step.finished_due_at
                else None,
                "returned": step.ended_by_return,
            }
            for step in steps
        ],
        "documents": [
            {
                "code": d.code,
                "name": d.name,
                "required": d.required,
                "form": d.form,
                "quantity": d.quantity,
                "digitised": d.digitised,
                "file_id": d.file_id,
            }
            for d in dossier.documents.all()
        ],
        "files": [
            {
                "id": f.pk,
                "name": f.original_name,
                "purpose": f.purpose,
                "content_type": f.content_type,
                "size": f.size,
                "sha256": f.sha256,
                "uploaded_at": f.uploaded_at,
            }
            for f in dossier.files.all()
        ],
        "pauses": [
            {
                "reason": p.reason,
                "note": p.note,
                "items": p.items,
                "started_at": p.started_at,
                "ended_at": p.ended_at,
            }
            for p in dossier.pauses.all()
        ],
        "money": _money(dossier),
    }
