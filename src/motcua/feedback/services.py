"""Writing ratings and complaints (docs/feedback.md). Every write takes the actor and `now`,
runs in one transaction, checks its policy, and records an audit event and an outbox event:
on the dossier's chain when the rating or complaint concerns a dossier, on the reference
chain otherwise (events/reference.py)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.catalog.models import Procedure, ProcedureAgency
from motcua.dossiers.codes import hash_lookup_secret, local_day, new_lookup_secret
from motcua.dossiers.errors import DossierError, NotFound, TransitionRefused
from motcua.dossiers.models import Dossier
from motcua.dossiers.policies import ApplicantProof, check
from motcua.events.reference import record_change
from motcua.events.services import AUDIT_HEAD_FIELDS, append_audit, emit
from motcua.feedback import policies
from motcua.feedback.choices import (
    ANSWER_WITHIN,
    ASK_MORE_WITHIN,
    CRITERIA,
    OPEN_STATUSES,
    PUBLISH_WITHIN,
    REFUSE_WITHIN,
    SCORE_MAX,
    SCORE_MIN,
    ComplaintKind,
    ComplaintSource,
    ComplaintStatus,
    Overall,
)
from motcua.feedback.models import Complaint, Rating
from motcua.workdays.services import get_calendar

# The audit trail's words for these actions (events shown with the dossier's history).
ACTION_LABELS = {
    "rating_given": gettext_lazy("Đánh giá mức độ hài lòng"),
    "complaint_received": gettext_lazy("Tiếp nhận phản ánh, kiến nghị"),
    "complaint_assigned": gettext_lazy("Phân công xử lý phản ánh, kiến nghị"),
    "complaint_refused": gettext_lazy("Từ chối tiếp nhận phản ánh, kiến nghị"),
    "complaint_more_requested": gettext_lazy("Đề nghị bổ sung thông tin phản ánh"),
    "complaint_answered": gettext_lazy("Trả lời phản ánh, kiến nghị"),
    "complaint_published": gettext_lazy("Công khai trả lời phản ánh, kiến nghị"),
}
SUBJECT = "complaint"


def _now(now: datetime | None) -> datetime:
    moment = now or timezone.now()
    if timezone.is_naive(moment):
        raise ValueError("now must be timezone-aware")
    return moment


def working_days_after(start: datetime, days: int) -> datetime:
    """The moment `days` working days of working time after `start` (workdays calendar)."""
    calendar = get_calendar()
    return calendar.add_working_time(start, calendar.working_time_per_day * days)


def _lock_dossier(dossier_id: int) -> Dossier:
    try:
        return Dossier.objects.select_for_update().get(pk=dossier_id)
    except Dossier.DoesNotExist as exc:
        raise NotFound(_("Không tìm thấy hồ sơ.")) from exc


def _record(*, actor, action: str, data: dict, now: datetime, dossier_id=None, subject: str):
    """The audit event (dossier chain, or reference chain) and the outbox event of one action."""
    event_type = f"feedback.{action}"
    if dossier_id is not None:
        dossier = _lock_dossier(dossier_id)
        append_audit(
            dossier,
            actor=actor,
            action=action,
            from_status=dossier.status,
            to_status=dossier.status,
            data=data,
            now=now,
        )
        dossier.save(update_fields=list(AUDIT_HEAD_FIELDS))
        emit(event_type, subject=subject, payload=data, dossier=dossier, now=now)
    else:
        record_change(
            actor=actor,
            action=action,
            subject_type=SUBJECT,
            subject_key=subject,
            data=data,
            event_type=event_type,
            payload=data,
            now=now,
        )


# --- ratings ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RatingData:
    scores: dict  # criterion -> 1..5, for every criterion of choices.CRITERIA
    overall: str
    comment: str = ""


def _clean_rating(data: RatingData) -> dict:
    errors: dict[str, list[str]] = {}
    values = {}
    for criterion, _label in CRITERIA:
        raw = data.scores.get(criterion)
        try:
            value = int(raw)
        except (TypeError, ValueError):
            value = None
        if value is None or not SCORE_MIN <= value <= SCORE_MAX:
            errors[criterion] = [
                _("Chọn một mức từ %(low)s đến %(high)s.") % {"low": SCORE_MIN, "high": SCORE_MAX}
            ]
        values[criterion] = value
    if data.overall not in Overall.values:
        errors["overall"] = [_("Chọn mức độ hài lòng chung.")]
    if len(data.comment or "") > 2000:
        errors["comment"] = [_("Ý kiến dài tối đa 2000 ký tự.")]
    if errors:
        first = next(iter(errors))
        raise DossierError(errors[first][0], field=first, errors=errors)
    return values


def rate_dossier(
    dossier: Dossier,
    data: RatingData,
    *,
    actor,
    proof: ApplicantProof | None = None,
    now: datetime | None = None,
) -> Rating:
    """The applicant rates the service that handled `dossier`: once, after its return."""
    now = _now(now)
    values = _clean_rating(data)
    with transaction.atomic():
        locked = _lock_dossier(dossier.pk)
        check(policies.can_rate(actor, locked, proof))
        if Rating.objects.filter(dossier_id=locked.pk).exists():
            raise TransitionRefused(_("Hồ sơ này đã được đánh giá."), field="dossier")
        signed_in = actor if getattr(actor, "is_authenticated", False) else None
        rating = Rating.objects.create(
            dossier=locked,
            agency_id=locked.responsible_agency_id,
            procedure_id=locked.procedure_id,
            rated_by=signed_in,
            access=values["access"],
            procedure_score=values["procedure"],
            attitude=values["attitude"],
            timeliness=values["timeliness"],
            result=values["result"],
            overall=data.overall,
            comment=(data.comment or "").strip(),
            rated_at=now,
        )
        _record(
            actor=signed_in,
            action="rating_given",
            data={"rating": rating.pk, "overall": rating.overall, **values},
            now=now,
            dossier_id=locked.pk,
            subject=locked.code or str(locked.pk),
        )
    return rating


# --- complaints: receiving ------------------------------------------------------------------


@dataclass(frozen=True)
class ComplaintData:
    kind: str
    title: str
    content: str
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""


def _clean_complaint(data: ComplaintData, *, needs_contact: bool) -> None:
    errors: dict[str, list[str]] = {}
    if data.kind not in ComplaintKind.values:
        errors["kind"] = [_("Chọn phản ánh hoặc kiến nghị.")]
    if not (data.title or "").strip():
        errors["title"] = [_("Nhập tiêu đề.")]
    elif len(data.title) > 300:
        errors["title"] = [_("Tiêu đề dài tối đa 300 ký tự.")]
    if not (data.content or "").strip():
        errors["content"] = [_("Nhập nội dung phản ánh, kiến nghị.")]
    elif len(data.content) > 10000:
        errors["content"] = [_("Nội dung dài tối đa 10000 ký tự.")]
    if needs_contact:
        if not (data.contact_name or "").strip():
            errors["contact_name"] = [_("Nhập họ và tên.")]
        if not (data.contact_phone or "").strip() and not (data.contact_email or "").strip():
            errors["contact_phone"] = [_("Nhập số điện thoại hoặc thư điện tử để nhận trả lời.")]
    if data.contact_email:
        try:
            validate_email(data.contact_email.strip())
        except ValidationError:
            errors["contact_email"] = [_("Địa chỉ thư điện tử không hợp lệ.")]
    if len(data.contact_phone or "") > 20:
        errors["contact_phone"] = [_("Số điện thoại dài tối đa 20 ký tự.")]
    if errors:
        first = next(iter(errors))
        raise DossierError(errors[first][0], field=first, errors=errors)


def _new_code(now: datetime) -> str:
    return f"PA{local_day(now):%y%m%d}{secrets.token_hex(3).upper()}"


def agency_for_procedure(procedure: Procedure):
    implementation = (
        ProcedureAgency.objects.filter(procedure=procedure).select_related("agency").first()
    )
    if implementation is None:
        raise DossierError(
            _("Thủ tục này chưa có cơ quan thực hiện để nhận phản ánh."), field="procedure"
        )
    return implementation.agency


def _create(
    data: ComplaintData,
    *,
    actor,
    source: str,
    now: datetime,
    dossier: Dossier | None,
    procedure: Procedure | None,
    external_id: str = "",
    lookup_secret_hash: str = "",
) -> Complaint:
    agency = dossier.responsible_agency if dossier is not None else agency_for_procedure(procedure)
    signed_in = actor if getattr(actor, "is_authenticated", False) else None
    name = (data.contact_name or "").strip()
    if not name and dossier is not None:
        name = dossier.applicant_name
    if not name and signed_in is not None:
        name = signed_in.get_full_name() or signed_in.get_username()
    complaint = Complaint.objects.create(
        code=_new_code(now),
        kind=data.kind,
        source=source,
        external_id=external_id,
        lookup_secret_hash=lookup_secret_hash,
        dossier=dossier,
        procedure=procedure if procedure is not None else dossier.procedure,
        agency=agency,
        submitter=signed_in if source == ComplaintSource.PORTAL else None,
        contact_name=name[:200],
        contact_phone=(data.contact_phone or "").strip(),
        contact_email=(data.contact_email or "").strip(),
        title=data.title.strip(),
        content=data.content.strip(),
        status=ComplaintStatus.RECEIVED,
        received_at=now,
        refuse_due_at=working_days_after(now, REFUSE_WITHIN),
        ask_more_due_at=working_days_after(now, ASK_MORE_WITHIN),
        answer_due_at=working_days_after(now, ANSWER_WITHIN),
    )
    _record(
        actor=actor,
        action="complaint_received",
        data={
            "complaint": complaint.code,
            "kind": complaint.kind,
            "source": source,
            "agency": agency.pk,
            "answer_due_at": complaint.answer_due_at.isoformat(),
        },
        now=now,
        dossier_id=dossier.pk if dossier is not None else None,
        subject=complaint.code,
    )
    return complaint


def submit_complaint(
    data: ComplaintData,
    *,
    actor,
    dossier: Dossier | None = None,
    procedure: Procedure | None = None,
    proof: ApplicantProof | None = None,
    now: datetime | None = None,
) -> Complaint:
    """A complaint or petition sent through our portal, about `dossier` (by its applicant) or
    about `procedure` (by anyone; a guest leaves a name and a phone number or e-mail).

    A guest's complaint gets a lookup secret to follow it from anywhere with its code: only its
    HMAC is stored; the secret itself is on the returned object (`lookup_secret`), once."""
    now = _now(now)
    if dossier is None and procedure is None:
        raise DossierError(_("Chọn hồ sơ hoặc thủ tục được phản ánh."), field="procedure")
    signed_in = getattr(actor, "is_authenticated", False)
    _clean_complaint(data, needs_contact=not signed_in and dossier is None)
    with transaction.atomic():
        check(policies.can_complain(actor))
        if dossier is not None:
            dossier = _lock_dossier(dossier.pk)
            check(policies.can_complain_about_dossier(actor, dossier, proof))
        secret = None if signed_in else new_lookup_secret()
        complaint = _create(
            data,
            actor=actor if signed_in else None,
            source=ComplaintSource.PORTAL,
            now=now,
            dossier=dossier,
            procedure=procedure,
            lookup_secret_hash=hash_lookup_secret(secret) if secret else "",
        )
    complaint.lookup_secret = secret
    return complaint


def receive_from_national_portal(
    data: ComplaintData,
    *,
    external_id: str,
    actor,
    client,
    dossier: Dossier | None = None,
    procedure: Procedure | None = None,
    now: datetime | None = None,
) -> tuple[Complaint, bool]:
    """A complaint the national portal forwards, idempotent on its id there: the same id again
    returns the complaint already received (and False), whatever the body says."""
    now = _now(now)
    check(policies.can_receive_from_national_portal(actor, client))
    external_id = (external_id or "").strip()
    if not external_id or len(external_id) > 100:
        raise DossierError(_("Thiếu mã phản ánh trên Cổng quốc gia."), field="external_id")
    existing = Complaint.objects.filter(
        source=ComplaintSource.NATIONAL_PORTAL, external_id=external_id
    ).first()
    if existing is not None:
        return existing, False
    if dossier is None and procedure is None:
        raise DossierError(_("Chọn hồ sơ hoặc thủ tục được phản ánh."), field="procedure")
    target = dossier.responsible_agency if dossier is not None else None
    if target is None:
        target = agency_for_procedure(procedure)
    if not target.path.startswith(client.agency.path):
        raise NotFound(_("Không tìm thấy hồ sơ hoặc thủ tục."), field="procedure")
    _clean_complaint(data, needs_contact=True)
    try:
        with transaction.atomic():
            complaint = _create(
                data,
                actor=actor,
                source=ComplaintSource.NATIONAL_PORTAL,
                now=now,
                dossier=dossier,
                procedure=procedure,
                external_id=external_id,
            )
    except IntegrityError:
        # The same id pushed twice at once: the other push won; answer with its complaint.
        existing = Complaint.objects.filter(
            source=ComplaintSource.NATIONAL_PORTAL, external_id=external_id
        ).first()
        if existing is None:
            raise
        return existing, False
    return complaint, True


# --- complaints: handling ---------------------------------------------------------------------


def _lock(complaint: Complaint) -> Complaint:
    try:
        return Complaint.objects.select_for_update().select_related("agency").get(pk=complaint.pk)
    except Complaint.DoesNotExist as exc:
        raise NotFound(_("Không tìm thấy phản ánh, kiến nghị.")) from exc


def _must_be_open(complaint: Complaint) -> None:
    if complaint.status not in OPEN_STATUSES:
        raise TransitionRefused(
            _("Phản ánh này đã được xử lý (%(status)s).")
            % {"status": ComplaintStatus(complaint.status).label},
            field="status",
        )


def _text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DossierError(message, field=field)
    if len(value) > 10000:
        raise DossierError(_("Nội dung dài tối đa 10000 ký tự."), field=field)
    return value


def _handled(complaint: Complaint, *, actor, action: str, data: dict, now: datetime) -> None:
    _record(
        actor=actor,
        action=action,
        data={"complaint": complaint.code, **data},
        now=now,
        dossier_id=complaint.dossier_id,
        subject=complaint.code,
    )


def assign_complaint(complaint: Complaint, *, actor, assignee, now=None) -> Complaint:
    now = _now(now)
    with transaction.atomic():
        complaint = _lock(complaint)
        check(policies.can_assign(actor, complaint))
        _must_be_open(complaint)
        if not policies.may_be_assigned(assignee, complaint):
            raise DossierError(
                _("Người được phân công phải là chuyên viên hoặc lãnh đạo của %(agency)s.")
                % {"agency": complaint.agency.name},
                field="assignee",
            )
        complaint.assigned_to = assignee
        complaint.assigned_at = now
        if complaint.status == ComplaintStatus.RECEIVED:
            complaint.status = ComplaintStatus.ASSIGNED
        complaint.save(update_fields=["assigned_to", "assigned_at", "status"])
        _handled(
            complaint, actor=actor, action="complaint_assigned", data={"to": assignee.pk}, now=now
        )
    return complaint


def refuse_complaint(complaint: Complaint, *, actor, reason: str, now=None) -> Complaint:
    """Refuse to handle it (outside the agency's remit, anonymous, already answered…): due
    within REFUSE_WITHIN working days of receipt; later is recorded as late."""
    now = _now(now)
    reason = _text(reason, "reason", _("Nhập lý do từ chối."))
    with transaction.atomic():
        complaint = _lock(complaint)
        check(policies.can_refuse(actor, complaint))
        _must_be_open(complaint)
        complaint.status = ComplaintStatus.REFUSED
        complaint.refused_at = now
        complaint.refusal_reason = reason
        complaint.refused_late = now > complaint.refuse_due_at
        complaint.save(update_fields=["status", "refused_at", "refusal_reason", "refused_late"])
        _handled(
            complaint,
            actor=actor,
            action="complaint_refused",
            data={"late": complaint.refused_late},
            now=now,
        )
    return complaint


def ask_for_more(complaint: Complaint, *, actor, request_text: str, now=None) -> Complaint:
    """Ask the sender for more information: due within ASK_MORE_WITHIN working days of
    receipt. The answer's deadline does not move."""
    now = _now(now)
    request_text = _text(request_text, "request_text", _("Nhập thông tin cần bổ sung."))
    with transaction.atomic():
        complaint = _lock(complaint)
        check(policies.can_ask_more(actor, complaint))
        _must_be_open(complaint)
        complaint.status = ComplaintStatus.MORE_REQUESTED
        complaint.more_requested_at = now
        complaint.more_request = request_text
        complaint.more_requested_late = now > complaint.ask_more_due_at
        complaint.save(
            update_fields=["status", "more_requested_at", "more_request", "more_requested_late"]
        )
        _handled(
            complaint,
            actor=actor,
            action="complaint_more_requested",
            data={"late": complaint.more_requested_late},
            now=now,
        )
    return complaint


def answer_complaint(complaint: Complaint, *, actor, answer: str, now=None) -> Complaint:
    """Answer it: due within ANSWER_WITHIN working days of receipt; an answer after that is
    late. Publishing is then due within PUBLISH_WITHIN working days."""
    now = _now(now)
    answer = _text(answer, "answer", _("Nhập nội dung trả lời."))
    with transaction.atomic():
        complaint = _lock(complaint)
        check(policies.can_answer(actor, complaint))
        _must_be_open(complaint)
        complaint.status = ComplaintStatus.ANSWERED
        complaint.answered_at = now
        complaint.answer = answer
        complaint.answered_by = actor
        complaint.answered_late = now > complaint.answer_due_at
        complaint.publish_due_at = working_days_after(now, PUBLISH_WITHIN)
        complaint.save(
            update_fields=[
                "status",
                "answered_at",
                "answer",
                "answered_by",
                "answered_late",
                "publish_due_at",
            ]
        )
        _handled(
            complaint,
            actor=actor,
            action="complaint_answered",
            data={"late": complaint.answered_late},
            now=now,
        )
    return complaint


def publish_answer(complaint: Complaint, *, actor, now=None) -> Complaint:
    """Publish the answer on the portal: due within PUBLISH_WITHIN working days of it."""
    now = _now(now)
    with transaction.atomic():
        complaint = _lock(complaint)
        check(policies.can_publish(actor, complaint))
        if complaint.status != ComplaintStatus.ANSWERED:
            raise TransitionRefused(_("Chỉ công khai được phản ánh đã có trả lời."), field="status")
        complaint.status = ComplaintStatus.PUBLISHED
        complaint.published_at = now
        complaint.published_late = now > complaint.publish_due_at
        complaint.save(update_fields=["status", "published_at", "published_late"])
        _handled(
            complaint,
            actor=actor,
            action="complaint_published",
            data={"late": complaint.published_late},
            now=now,
        )
    return complaint


def is_overdue(complaint: Complaint, now: datetime) -> bool:
    """An open complaint past its answer's deadline."""
    return complaint.status in OPEN_STATUSES and now > complaint.answer_due_at


__all__ = [
    "ACTION_LABELS",
    "ComplaintData",
    "RatingData",
    "answer_complaint",
    "ask_for_more",
    "assign_complaint",
    "is_overdue",
    "publish_answer",
    "rate_dossier",
    "receive_from_national_portal",
    "refuse_complaint",
    "submit_complaint",
    "working_days_after",
]
