"""Before reception: a dossier created (as a draft or submitted), its draft edited, checked and
submitted, or resubmitted after a return for completion."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q, Sum
from django.utils.translation import gettext as _

from motcua.agencies.models import Agency
from motcua.catalog.choices import PublicationStatus
from motcua.catalog.eforms import clean_data
from motcua.catalog.models import Procedure, ProcedureCase, coded_documents, filled_by_eform
from motcua.catalog.parts import procedure_parts
from motcua.dossiers import codes, deadlines
from motcua.dossiers.applicants import Applicant
from motcua.dossiers.choices import (
    Action,
    Channel,
    DocumentForm,
    DossierStatus,
    FilePurpose,
    ReturnChannel,
)
from motcua.dossiers.errors import DossierError, TransitionRefused
from motcua.dossiers.files import check_upload, delete_files, describe, store_files
from motcua.dossiers.models import (
    APPLICANT_EDITABLE,
    ONLINE_CHANNELS,
    Dossier,
    DossierDocument,
    DossierFile,
)
from motcua.dossiers.policies import (
    ApplicantProof,
    can_create,
    can_edit_draft,
    can_submit,
    check,
    owner_for,
)
from motcua.dossiers.routing import route
from motcua.dossiers.services.base import calendar, check_allowed, lock, now_or, record
from motcua.dossiers.snapshots import snapshot_of
from motcua.lib.text import fold
from motcua.lib.uploads import format_size

S = DossierStatus


@dataclass
class Upload:
    """A file for one required document (by its code in the procedure's snapshot)."""

    document_code: str
    file: object
    # How the applicant gave it (DocumentForm) and how many copies; an upload is an electronic
    # copy unless its source says otherwise (the national portal's LoaiBan, SoLuong).
    form: str = ""
    quantity: int = 1


@dataclass
class Submission:
    dossier: Dossier
    lookup_secret: str | None


def _eform_not_uploaded() -> str:
    return _("Tờ khai này được khai trên biểu mẫu điện tử của thủ tục: không cần tải tệp lên.")


def _channel_allowed(procedure: Procedure, channel: str) -> bool:
    if channel in ONLINE_CHANNELS:
        return procedure.accepts_online_submission()
    return {
        Channel.COUNTER: procedure.via_counter,
        Channel.POST: procedure.offers_postal_service(),
    }.get(channel, False)


def _refuse_postal_return(procedure: Procedure, requested_return_channel: str) -> None:
    """The result by post only for a procedure the postal service handles."""
    if requested_return_channel == ReturnChannel.POST and not procedure.offers_postal_service():
        raise DossierError(
            _("Thủ tục này không nhận kết quả qua dịch vụ bưu chính công ích."),
            field="requested_return_channel",
        )


def _validate(
    procedure,
    case,
    channel,
    applicant,
    receiving_agency,
    form_data,
    uploads,
    *,
    submitting,
    documents=None,
):
    errors: dict[str, list[str]] = {}
    if procedure.status != PublicationStatus.PUBLISHED:
        errors["procedure"] = [_("Thủ tục này chưa được công bố hoặc đã bãi bỏ.")]
    if case.procedure_id != procedure.pk:
        errors["case"] = [_("Trường hợp không thuộc thủ tục đã chọn.")]
    if channel not in Channel.values:
        errors["channel"] = [_("Kênh nộp không hợp lệ.")]
    elif not _channel_allowed(procedure, channel):
        errors["channel"] = [
            _("Thủ tục này không nhận hồ sơ qua kênh “%(channel)s”.")
            % {"channel": Channel(channel).label}
        ]
    if not receiving_agency.receives_dossiers or not receiving_agency.is_active:
        errors["receiving_agency"] = [
            _("%(agency)s không tiếp nhận hồ sơ.") % {"agency": receiving_agency.name}
        ]
    applicant_errors = applicant.errors()  # also resolves the commune
    if submitting:
        errors.update(applicant_errors)
        cleaned, form_errors = clean_data(procedure.eform_schema or {}, form_data or {})
        for name, messages in form_errors.items():
            errors[f"form_data.{name}"] = list(messages)
    else:
        cleaned = _draft_form_data(procedure.eform_schema or {}, form_data or {})
    if documents is None:
        documents = procedure_parts(procedure).documents_of(case)
    if submitting and channel in ONLINE_CHANNELS:
        provided = {upload.document_code for upload in uploads}
        for code, document in coded_documents(documents):
            if filled_by_eform(procedure, document):
                continue  # the e-form's answers are this declaration: no scan of it
            if document.is_required and code not in provided:
                errors[f"documents.{code}"] = [
                    _("Thiếu “%(name)s”: hãy tải tệp lên.") % {"name": document.name}
                ]
    known = {code: document for code, document in coded_documents(documents)}
    for upload in uploads:
        if upload.document_code not in known:
            errors[f"documents.{upload.document_code}"] = [_("Thủ tục không có giấy tờ mã này.")]
        elif upload.file is not None and filled_by_eform(procedure, known[upload.document_code]):
            errors[f"documents.{upload.document_code}"] = [_eform_not_uploaded()]
    if errors:
        raise DossierError(_("Hồ sơ chưa hợp lệ, hãy sửa các trường được đánh dấu."), errors=errors)
    return cleaned


def _draft_form_data(schema: dict, data) -> dict:
    """A draft keeps what the applicant typed, unchecked (it is checked at submission), for the
    form's own fields only and within a sane size."""
    if not isinstance(data, dict):
        return {}
    known = set((schema.get("properties") or {}).keys())
    return {
        name: value if isinstance(value, bool | int | float) else str(value)[:2000]
        for name, value in data.items()
        if name in known and value is not None
    }


def _issue_code(dossier: Dossier, now: datetime) -> str:
    """Issue the code and the lookup secret (saved by the caller's `record`). Called after every
    check and file write, just before the audit and outbox rows, so the counter row stays
    locked only for the last few inserts of the transaction; a rollback returns the number."""
    secret = codes.new_lookup_secret()
    dossier.lookup_secret_hash = codes.hash_lookup_secret(secret)
    day = codes.local_day(now)
    number = codes.next_number(dossier.receiving_agency_id, day)
    dossier.code = codes.format_code(dossier.receiving_agency.code, day, number)
    return secret


def create_dossier(
    *,
    procedure: Procedure,
    case: ProcedureCase,
    channel: str,
    applicant: Applicant,
    receiving_agency: Agency,
    responsible_agency: Agency | None = None,
    form_data: dict | None = None,
    uploads: list[Upload] = (),
    owner=None,
    actor=None,
    client=None,
    submit: bool = True,
    sets_count: int = 1,
    requested_return_channel: str = ReturnChannel.COUNTER,
    submitted_at: datetime | None = None,
    origin: dict | None = None,
    now: datetime | None = None,
) -> Submission:
    """Create a dossier as a draft, or submitted (with its code and lookup secret), for
    `actor`: a guest (None), a signed-in citizen (who owns it), a reception official, or an API
    client's service user with its `client` (accounts.ApiClient). policies.can_create says who
    may file through which channel where.

    `submitted_at` is the moment the applicant submitted when that happened elsewhere before
    it reached us (the national portal's NgayNop): the dossier's submission moment and the
    start of its receipt clock; never later than `now`. `origin` is recorded in the audit
    event (where the dossier came from, e.g. the portal's own dossier code)."""
    check(
        can_create(
            actor,
            channel=channel,
            receiving_agency=receiving_agency,
            owner=owner,
            client=client,
        )
    )
    owner = owner_for(actor, channel, owner)
    if requested_return_channel not in ReturnChannel.values:
        raise DossierError(
            _("Hình thức nhận kết quả không hợp lệ."), field="requested_return_channel"
        )
    _refuse_postal_return(procedure, requested_return_channel)
    now = now_or(now)
    documents = procedure_parts(procedure).documents_of(case)
    cleaned = _validate(
        procedure,
        case,
        channel,
        applicant,
        receiving_agency,
        form_data,
        uploads,
        submitting=submit,
        documents=documents,
    )
    responsible, routing_reason = route(
        procedure, receiving_agency, responsible_agency, commune=applicant.commune
    )
    for upload in uploads:  # refused files are refused before anything is written
        check_upload(upload.file, field=f"documents.{upload.document_code}")
    snapshot = snapshot_of(procedure, case)
    if submit:  # a fee that cannot be computed refuses the submission before any write
        _check_fees(snapshot, cleaned, sets_count)
    # From here on only writes: a failure is a fault, not the applicant's mistake, and rolls
    # back the caller's transaction too, so no savepoint is needed (two round trips fewer).
    with transaction.atomic(savepoint=False):
        dossier = Dossier.objects.create(
            procedure=procedure,
            case=case,
            snapshot=snapshot,
            channel=channel,
            status=S.DRAFT,
            version=0,  # the creating event makes it version 1
            receiving_agency=receiving_agency,
            responsible_agency=responsible,
            routing_reason=routing_reason,
            created_at=now,
            **_applicant_fields(applicant),
            owner=owner,
            form_data=cleaned,
            sets_count=sets_count,
            requested_return_channel=requested_return_channel,
        )
        stored = _store_uploads(dossier, uploads, actor=actor or owner, now=now)
        _make_checklist(dossier, stored, {upload.document_code: upload for upload in uploads})
        secret = None
        action = Action.SAVE_DRAFT
        changed: tuple[str, ...] = ()
        if submit:
            dossier.status = S.SUBMITTED
            moment = min(submitted_at, now) if submitted_at is not None else now
            dossier.submitted_at = moment
            _start_receipt_clock(dossier, moment)
            action = Action.SUBMIT
            secret = _issue_code(dossier, now)
            changed = (
                "status",
                "submitted_at",
                "receipt_due_at",
                "receipt_answered_at",
                "receipt_warned_at",
                "code",
                "lookup_secret_hash",
            )
        record(
            dossier,
            actor=actor or owner,
            action=action,
            from_status="",
            data={
                "channel": channel,
                "files": describe(stored.values()),
                **({"origin": origin} if origin else {}),
            },
            now=now,
            changed=changed,
        )
        if submit:
            _assess_fees(dossier, actor=actor or owner, now=now)
    return Submission(dossier=dossier, lookup_secret=secret)


def _start_receipt_clock(dossier: Dossier, now: datetime) -> None:
    """A dossier submitted online waits for reception's answer, due one working day later
    (Dossier.objects.late_receipt); each resubmission starts a new wait."""
    if dossier.channel in ONLINE_CHANNELS:
        dossier.receipt_due_at = deadlines.receipt_due(calendar(), now)
        dossier.receipt_answered_at = None
        dossier.receipt_warned_at = None


def _applicant_fields(applicant: Applicant) -> dict:
    """The dossier's applicant columns; clipped to their sizes, since a draft keeps what was
    typed before it is checked."""
    search = fold(f"{applicant.name} {applicant.personal_id} {applicant.tax_code}")
    return {
        **applicant.stored(),
        "applicant_commune": applicant.commune,
        "applicant_search": search[: Dossier._meta.get_field("applicant_search").max_length],
    }


def update_draft(
    dossier: Dossier,
    *,
    actor,
    applicant: Applicant | None = None,
    form_data: dict | None = None,
    uploads: list[Upload] = (),
    requested_return_channel: str | None = None,
    proof: ApplicantProof | None = None,
    now=None,
    expected_version=None,
) -> Dossier:
    """Save what the applicant has filled in so far (a draft, or a dossier returned for
    completion): unchecked until submission, but every save is in the audit trail. Its owner
    saves it signed in; a guest's draft (no owner) is saved with the `proof` the guest shows
    (policies.ApplicantProof: the session created it, or the lookup secret)."""
    now = now_or(now)
    if (
        requested_return_channel is not None
        and requested_return_channel not in ReturnChannel.values
    ):
        raise DossierError(
            _("Hình thức nhận kết quả không hợp lệ."), field="requested_return_channel"
        )
    with transaction.atomic():
        dossier = lock(dossier, expected_version)
        check(can_edit_draft(actor, dossier, proof))
        _refuse_expired(dossier)
        if dossier.status not in APPLICANT_EDITABLE:
            raise TransitionRefused(
                _("Hồ sơ đã nộp, không sửa được nữa (trạng thái “%(status)s”).")
                % {"status": DossierStatus(dossier.status).label},
                field="status",
            )
        known = {d["code"]: d for d in dossier.procedure_snapshot["documents"]}
        unknown = [u.document_code for u in uploads if u.document_code not in known]
        if unknown:
            raise DossierError(
                _("Thủ tục không có giấy tờ mã này."), field=f"documents.{unknown[0]}"
            )
        declared = [u.document_code for u in uploads if known[u.document_code]["eform"]]
        if declared:
            raise DossierError(_eform_not_uploaded(), field=f"documents.{declared[0]}")
        if applicant is not None:
            applicant.errors()  # resolves the commune; checked at submission
            for name, value in _applicant_fields(applicant).items():
                setattr(dossier, name, value)
        if form_data is not None:
            dossier.form_data = _draft_form_data(dossier.procedure.eform_schema or {}, form_data)
        if requested_return_channel is not None:
            _refuse_postal_return(dossier.procedure, requested_return_channel)
            dossier.requested_return_channel = requested_return_channel
        stored = _store_uploads(dossier, uploads, actor=actor, now=now)
        replaced = _attach(dossier, stored, form=DocumentForm.ELECTRONIC_COPY)
        data = {"files": describe(stored.values())}
        if replaced:
            data["replaced"] = describe(replaced)
        record(
            dossier,
            actor=actor,
            action=Action.SAVE_DRAFT,
            from_status=dossier.status,
            data=data,
            now=now,
        )
    return dossier


def _store_uploads(dossier, uploads, *, actor, now) -> dict:
    _check_dossier_bytes(dossier, uploads)
    stored = store_files(
        dossier,
        [(upload.file, f"documents.{upload.document_code}") for upload in uploads],
        purpose=FilePurpose.DOCUMENT,
        actor=actor,
        now=now,
    )
    return {upload.document_code: file for upload, file in zip(uploads, stored, strict=True)}


def _check_dossier_bytes(dossier: Dossier, uploads) -> None:
    """Refuse uploads that would take the dossier's documents past DOSSIER_UPLOAD_MAX_BYTES.
    In a draft, a file an upload replaces no longer counts: it is deleted (`_attach`)."""
    if not uploads:
        return
    files = DossierFile.objects.filter(dossier=dossier, purpose=FilePurpose.DOCUMENT)
    if dossier.status == S.DRAFT:
        replaced = DossierDocument.objects.filter(
            dossier=dossier,
            code__in=[upload.document_code for upload in uploads],
            file__isnull=False,
        ).values("file")
        files = files.exclude(pk__in=replaced)
    kept = files.aggregate(total=Sum("size"))["total"] or 0
    adding = sum(getattr(upload.file, "size", 0) or 0 for upload in uploads)
    limit = settings.DOSSIER_UPLOAD_MAX_BYTES
    if kept + adding > limit:
        raise DossierError(
            _(
                "Tổng dung lượng các tệp của hồ sơ sẽ vượt mức tối đa %(limit)s (đã có %(kept)s). "
                "Hãy quét lại tệp với độ phân giải thấp hơn."
            )
            % {"limit": format_size(limit), "kept": format_size(kept)},
            field=f"documents.{uploads[0].document_code}",
        )


def _attach(dossier: Dossier, stored: dict, *, form: str | None = None) -> list[DossierFile]:
    """Point each checklist line at its new file. In a draft, the file a line pointed at before
    is deleted (its row now, its bytes once the transaction commits): nobody has received it,
    and a draft must not pile up files. Past the draft, a replaced file stays: the agency may
    have seen it. Returns the deleted files."""
    if not stored:
        return []
    lines = {
        line.code: line
        for line in DossierDocument.objects.filter(dossier=dossier, code__in=list(stored))
    }
    previous_ids = {line.file_id for line in lines.values() if line.file_id}
    # A new file is the applicant's upload: whatever was reused for the line before is gone.
    changes = {"digitised": True, "quantity": 1, "reused_from": "", "reused_reference": ""}
    if form is not None:
        changes["form"] = form
    for code, file in stored.items():
        DossierDocument.objects.filter(dossier=dossier, code=code).update(file=file, **changes)
    if dossier.status != S.DRAFT or not previous_ids:
        return []
    still_used = set(
        DossierDocument.objects.filter(file_id__in=previous_ids).values_list("file_id", flat=True)
    )
    replaced = list(DossierFile.objects.filter(pk__in=previous_ids - still_used))
    delete_files(replaced)
    return replaced


def expire_abandoned_drafts(*, now=None, limit: int = 200) -> int:
    """Expire guests' drafts nobody has saved for GUEST_DRAFT_EXPIRY_DAYS: only the session
    that started one can reach it, and a session does not outlive that. Each expired draft
    loses its files (rows and bytes) and the personal data typed into it, keeps its audit trail
    with an `expire_draft` event, and can no longer be edited or submitted. Run by
    `sweep_dossiers`; returns how many drafts expired."""
    now = now_or(now)
    cutoff = now - timedelta(days=settings.GUEST_DRAFT_EXPIRY_DAYS)
    abandoned = list(
        Dossier.objects.filter(status=S.DRAFT, owner__isnull=True, closed_at__isnull=True)
        .alias(last_saved=Max("audit_events__at"))
        .filter(Q(last_saved__lt=cutoff) | Q(last_saved__isnull=True, created_at__lt=cutoff))
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    expired = 0
    for pk in abandoned:
        with transaction.atomic():
            dossier = lock(Dossier(pk=pk), None)
            if dossier.status != S.DRAFT or dossier.closed_at is not None:
                continue
            files = list(DossierFile.objects.filter(dossier=dossier))
            DossierDocument.objects.filter(dossier=dossier).update(
                file=None, digitised=False, quantity=0, form=""
            )
            delete_files(files)
            blank = Applicant(kind=dossier.applicant_kind, name="")
            for name, value in _applicant_fields(blank).items():
                setattr(dossier, name, value)
            dossier.applicant_commune = None
            dossier.form_data = {}
            dossier.closed_at = now
            record(
                dossier,
                actor=None,
                action=Action.EXPIRE_DRAFT,
                from_status=S.DRAFT,
                data={"files": describe(files), "days": settings.GUEST_DRAFT_EXPIRY_DAYS},
                now=now,
            )
            expired += 1
    return expired


def _refuse_expired(dossier: Dossier) -> None:
    if dossier.status == S.DRAFT and dossier.closed_at is not None:
        raise TransitionRefused(
            _("Bản nháp này đã bị hủy vì bỏ dở quá lâu; hãy lập hồ sơ mới."), field="status"
        )


def _make_checklist(dossier: Dossier, stored: dict, uploads: dict | None = None) -> None:
    """The dossier's checklist: an uploaded document is an electronic copy unless its upload
    says its copy kind and quantity (the national portal's LoaiBan and SoLuong); the
    declaration the e-form replaces is the e-form (one, kept in the system)."""
    uploads = uploads or {}

    def given(code: str, attribute: str, default):
        upload = uploads.get(code)
        return (getattr(upload, attribute, None) or default) if code in stored else None

    DossierDocument.objects.bulk_create(
        [
            DossierDocument(
                dossier=dossier,
                code=spec["code"],
                name=spec["name"],
                required=spec["required"],
                file=stored.get(spec["code"]),
                digitised=spec["code"] in stored or spec["eform"],
                form=_received_form(
                    spec, given(spec["code"], "form", DocumentForm.ELECTRONIC_COPY)
                ),
                quantity=given(spec["code"], "quantity", 1) or (1 if spec["eform"] else 0),
                order=index,
            )
            for index, spec in enumerate(dossier.procedure_snapshot["documents"])
        ]
    )


def _received_form(spec: dict, uploaded_form: str | None) -> str:
    if spec["eform"]:
        return DocumentForm.EFORM
    return uploaded_form or ""


def submit_dossier(
    dossier: Dossier,
    *,
    actor=None,
    uploads: list[Upload] = (),
    proof: ApplicantProof | None = None,
    now=None,
    expected_version=None,
) -> Submission:
    """Submit a draft, or resubmit a dossier returned for completion, as its applicant (see
    `update_draft` for a guest's draft)."""
    now = now_or(now)
    with transaction.atomic():
        dossier = lock(dossier, expected_version)
        check(can_submit(actor, dossier, proof))
        _refuse_expired(dossier)
        check_allowed(dossier, Action.SUBMIT)
        cleaned, errors = _submission_problems(dossier, uploads)
        if errors:
            raise DossierError(
                _("Hồ sơ chưa hợp lệ, hãy sửa các trường được đánh dấu."), errors=errors
            )
        dossier.form_data = cleaned
        stored = _store_uploads(dossier, uploads, actor=actor, now=now)
        replaced = _attach(dossier, stored)
        previous = dossier.status
        dossier.status = S.SUBMITTED
        dossier.submitted_at = now
        _start_receipt_clock(dossier, now)
        secret = None
        if not dossier.code:
            secret = _issue_code(dossier, now)
        record(
            dossier,
            actor=actor,
            action=Action.SUBMIT,
            from_status=previous,
            data={
                "files": describe(stored.values()),
                **({"replaced": describe(replaced)} if replaced else {}),
            },
            now=now,
        )
        _assess_fees(dossier, actor=actor, now=now)
    return Submission(dossier=dossier, lookup_secret=secret)


def _check_fees(snapshot: dict, form_data: dict, sets_count: int) -> None:
    from motcua.payments.services import check_fees

    check_fees(snapshot, form_data, sets_count)


def _assess_fees(dossier: Dossier, *, actor, now: datetime) -> None:
    """What the dossier owes is computed at submission, from its snapshot (payments app)."""
    from motcua.payments.services import assess_submission

    assess_submission(dossier, actor=actor, now=now)


def _submission_problems(dossier: Dossier, uploads=()) -> tuple[dict, dict[str, list[str]]]:
    """What submitting `dossier` now would give: its cleaned form data, and every problem as
    field -> messages (empty when it can be submitted)."""
    errors: dict[str, list[str]] = {}
    cleaned: dict = {}
    try:
        cleaned = _validate(
            dossier.procedure,
            dossier.case,
            dossier.channel,
            _applicant_of(dossier),
            dossier.receiving_agency,
            dossier.form_data,
            [*uploads, *_already_uploaded(dossier)],
            submitting=True,
        )
    except DossierError as exc:
        errors = {name: list(messages) for name, messages in exc.errors.items()}
        if not errors:
            errors = {"__all__": [exc.message]}
    if dossier.owner_id is None and dossier.channel == Channel.ONLINE:
        if not dossier.applicant_email.strip():
            errors.setdefault("email", []).append(
                _(
                    "Nộp hồ sơ không cần tài khoản thì phải có thư điện tử, để cơ quan giải "
                    "quyết liên hệ với bạn khi cần."
                )
            )
    return cleaned, errors


def check_draft(dossier: Dossier) -> dict[str, list[str]]:
    """Every problem that would stop `dossier` from being submitted now, as field -> messages
    (the same checks as `submit_dossier`, changing nothing), so a screen can show them at
    each step and on its review page."""
    return _submission_problems(dossier)[1]


def _already_uploaded(dossier: Dossier) -> list[Upload]:
    return [Upload(d.code, None) for d in dossier.documents.filter(file__isnull=False)]


def _applicant_of(dossier: Dossier) -> Applicant:
    return Applicant(
        kind=dossier.applicant_kind,
        name=dossier.applicant_name,
        personal_id=dossier.applicant_personal_id,
        tax_code=dossier.applicant_tax_code,
        address=dossier.applicant_address,
        commune_code=dossier.applicant_commune_id or "",
        phone=dossier.applicant_phone,
        email=dossier.applicant_email,
        submitter_name=dossier.submitter_name,
        submitter_personal_id=dossier.submitter_personal_id,
        submitter_relation=dossier.submitter_relation,
    )
