"""Reception's answer to a submitted dossier (receive it, return it for completion, refuse it),
a dossier received at the counter in one go, and the applicant's withdrawal before a decision."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.agencies.models import Agency
from motcua.agencies.selectors import organisation_of
from motcua.catalog.models import Procedure, ProcedureCase
from motcua.dossiers import deadlines
from motcua.dossiers.applicants import Applicant
from motcua.dossiers.choices import Action, Channel, DocumentForm, DossierStatus, ReturnChannel
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import CompletionRequest, Dossier, DossierDocument
from motcua.dossiers.policies import (
    ApplicantProof,
    can_create,
    can_receive,
    can_refuse,
    can_return_for_completion,
    can_withdraw,
    check,
)
from motcua.dossiers.services.base import calendar, check_allowed, lock, now_or, record
from motcua.dossiers.services.drafts import Submission, Upload, create_dossier
from motcua.dossiers.services.identity import (
    IdentityCheckData,
    record_identity_check,
    require_acknowledgement,
)
from motcua.dossiers.services.steps import start_process
from motcua.dossiers.snapshots import snapshot_of

S = DossierStatus


@dataclass
class ChecklistLine:
    """How reception received one required document."""

    document_code: str
    form: str
    quantity: int
    digitised: bool = False


def receive_dossier(
    dossier: Dossier,
    *,
    actor,
    checklist: list[ChecklistLine] | None = None,
    sets_count: int | None = None,
    now=None,
    expected_version=None,
) -> Dossier:
    """Receive a submitted dossier: the snapshot is taken, the clock starts (at the next working
    moment), the due moment is set, the process's first step opens and form 01 is issued."""
    now = now_or(now)
    with transaction.atomic():
        dossier = lock(dossier, expected_version)
        check(can_receive(actor, dossier))
        check_allowed(dossier, Action.RECEIVE)
        dossier.snapshot = snapshot_of(dossier.procedure, dossier.case)
        _apply_checklist(dossier, checklist)
        if sets_count:
            dossier.sets_count = sets_count
        cal = calendar()
        dossier.status = S.PROCESSING
        dossier.received_at = now
        _answer_receipt(dossier, now)
        dossier.received_by = actor
        dossier.clock_started_at = cal.next_working_moment(now)
        dossier.due_at = deadlines.dossier_due(cal, dossier.clock_started_at, dossier.time_limit)
        dossier.save()
        start_process(dossier, now=now)
        record(
            dossier,
            actor=actor,
            action=Action.RECEIVE,
            from_status=S.SUBMITTED,
            now=now,
            data={
                "due_at": dossier.due_at.isoformat(),
                "checklist": _checklist_summary(dossier),
                **_receiver_organisation(actor, dossier),
            },
            event_payload={"due_at": dossier.due_at.isoformat()},
        )
        from motcua.dossiers.printouts import issue_form

        issue_form(dossier, "01", now=now)
    return dossier


def _receiver_organisation(actor, dossier: Dossier) -> dict:
    """For the log: the organisation of a receiving person who is not a civil servant."""
    organisation = organisation_of(actor, dossier.receiving_agency)
    return {"receiver_organisation": organisation} if organisation else {}


def _answer_receipt(dossier: Dossier, now) -> None:
    """Reception answered a dossier submitted online (see Dossier.objects.late_receipt)."""
    if dossier.receipt_due_at is not None and dossier.receipt_answered_at is None:
        dossier.receipt_answered_at = now


def _apply_checklist(dossier: Dossier, checklist: list[ChecklistLine] | None) -> None:
    if checklist is None:
        return
    lines = {line.document_code: line for line in checklist}
    errors: dict[str, list[str]] = {}
    documents = list(dossier.documents.all())
    eform = {spec["code"] for spec in dossier.procedure_snapshot["documents"] if spec["eform"]}
    for document in documents:
        line = lines.pop(document.code, None)
        if document.code in eform and line is None:
            # The declaration the e-form replaces is the e-form; nothing to tick for it (a line
            # for it says a paper was handed in as well, and is kept as any other).
            document.form, document.quantity, document.digitised = DocumentForm.EFORM, 1, True
            continue
        if line is None:
            if document.required and document.file_id is None:
                errors[f"checklist.{document.code}"] = [
                    _(
                        "Chưa nhận “%(name)s”: nếu thiếu, hãy trả lại để hoàn thiện thay vì tiếp nhận."
                    )
                    % {"name": document.name}
                ]
            continue
        if line.form not in dict(DocumentForm.receivable()):
            errors[f"checklist.{document.code}"] = [
                _(
                    "Hình thức giấy tờ phải là bản chính, bản sao, bản sao chứng thực hoặc "
                    "bản sao điện tử."
                )
            ]
        elif line.quantity < 1 or line.quantity > 99:
            errors[f"checklist.{document.code}"] = [_("Số lượng phải từ 1 đến 99.")]
        document.form, document.quantity, document.digitised = (
            line.form,
            line.quantity,
            line.digitised or document.file_id is not None,
        )
    for code in lines:
        errors[f"checklist.{code}"] = [_("Thủ tục không có giấy tờ mã %(code)s.") % {"code": code}]
    if errors:
        raise DossierError(_("Danh mục giấy tờ chưa hợp lệ."), errors=errors)
    DossierDocument.objects.bulk_update(documents, ["form", "quantity", "digitised"])


def _checklist_summary(dossier: Dossier) -> list[dict]:
    return [
        {"code": d.code, "form": d.form, "quantity": d.quantity, "digitised": d.digitised}
        for d in dossier.documents.all()
    ]


def receive_at_counter(
    *,
    actor,
    procedure: Procedure,
    case: ProcedureCase,
    applicant: Applicant,
    receiving_agency: Agency,
    checklist: list[ChecklistLine],
    responsible_agency: Agency | None = None,
    form_data: dict | None = None,
    uploads: list[Upload] = (),
    sets_count: int = 1,
    channel: str = Channel.COUNTER,
    requested_return_channel: str = ReturnChannel.COUNTER,
    identity: IdentityCheckData | None = None,
    now=None,
) -> Submission:
    """A dossier brought to the counter (or by post): created, coded and received at once.
    `identity`: the population database's answer on the applicant, kept on the dossier; an
    answer other than a match needs the official's note (docs/data-reuse.md)."""
    now = now_or(now)
    check(can_create(actor, channel=channel, receiving_agency=receiving_agency))
    require_acknowledgement(identity)
    with transaction.atomic():
        submission = create_dossier(
            procedure=procedure,
            case=case,
            channel=channel,
            applicant=applicant,
            receiving_agency=receiving_agency,
            responsible_agency=responsible_agency,
            form_data=form_data,
            uploads=uploads,
            actor=actor,
            submit=True,
            sets_count=sets_count,
            requested_return_channel=requested_return_channel,
            now=now,
        )
        if identity is not None:
            record_identity_check(submission.dossier, actor=actor, data=identity, now=now)
        dossier = receive_dossier(submission.dossier, actor=actor, checklist=checklist, now=now)
    return Submission(dossier=dossier, lookup_secret=submission.lookup_secret)


def return_for_completion(
    dossier: Dossier, *, actor, missing: list[str], note: str = "", now=None, expected_version=None
) -> Dossier:
    """Send a submitted dossier back with one list of everything missing (form 02)."""
    now = now_or(now)
    items = [item.strip() for item in missing if item and item.strip()]
    if not items:
        raise DossierError(
            _("Hãy liệt kê đầy đủ, một lần, những gì cần bổ sung hoặc sửa."), field="missing"
        )
    with transaction.atomic():
        dossier = lock(dossier, expected_version)
        check(can_return_for_completion(actor, dossier))
        check_allowed(dossier, Action.RETURN_FOR_COMPLETION)
        dossier.status = S.RETURNED_FOR_COMPLETION
        _answer_receipt(dossier, now)
        CompletionRequest.objects.create(
            dossier=dossier, items=items, note=note, requested_at=now, requested_by=actor
        )
        record(
            dossier,
            actor=actor,
            action=Action.RETURN_FOR_COMPLETION,
            from_status=S.SUBMITTED,
            data={"missing": items, "note": note, **_receiver_organisation(actor, dossier)},
            now=now,
            event_payload={"missing": items},
        )
        from motcua.dossiers.printouts import issue_form

        issue_form(dossier, "02", now=now, context={"items": items, "note": note})
    return dossier


def refuse_dossier(
    dossier: Dossier, *, actor, reasons: str, now=None, expected_version=None
) -> Dossier:
    """Refuse to receive, with the specific reasons (form 03). Final."""
    now = now_or(now)
    if not reasons or not reasons.strip():
        raise DossierError(_("Hãy nêu rõ lý do từ chối tiếp nhận."), field="reasons")
    with transaction.atomic():
        dossier = lock(dossier, expected_version)
        check(can_refuse(actor, dossier))
        check_allowed(dossier, Action.REFUSE)
        dossier.status = S.REFUSED
        dossier.closed_at = now
        dossier.refusal_reasons = reasons.strip()
        _answer_receipt(dossier, now)
        record(
            dossier,
            actor=actor,
            action=Action.REFUSE,
            from_status=S.SUBMITTED,
            data={"reasons": reasons.strip(), **_receiver_organisation(actor, dossier)},
            now=now,
            event_payload={"reasons": reasons.strip()},
        )
        from motcua.dossiers.printouts import issue_form

        issue_form(dossier, "03", now=now, context={"reasons": reasons.strip()})
    return dossier


def withdraw_dossier(
    dossier: Dossier,
    *,
    reason: str,
    actor=None,
    proof: ApplicantProof | None = None,
    now=None,
    expected_version=None,
) -> Dossier:
    """The applicant withdraws before a decision: as its owner, as a guest with the `proof`
    they show (policies.ApplicantProof), or at the counter through a reception official."""
    now = now_or(now)
    reason = (reason or "").strip()
    if not reason:
        raise DossierError(_("Hãy cho biết lý do rút hồ sơ."), field="reason")
    with transaction.atomic():
        dossier = lock(dossier, expected_version)
        check(can_withdraw(actor, dossier, proof))
        check_allowed(dossier, Action.WITHDRAW)
        previous = dossier.status
        open_steps = dossier.steps.filter(finished_at__isnull=True)
        open_steps.update(finished_at=now)
        dossier.status = S.WITHDRAWN
        dossier.closed_at = now
        record(
            dossier,
            actor=actor,
            action=Action.WITHDRAW,
            from_status=previous,
            data={"reason": reason},
            now=now,
        )
    return dossier
