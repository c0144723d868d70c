"""Every write of notifications: templates (administrators), preferences and contacts (each
person), the messages an outbox event calls for (the consumer, integrations/notifications) and
their sends. The domain says who is told what; the integration only carries it."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from motcua.accounts.validators import validate_phone
from motcua.agencies.choices import Role
from motcua.agencies.models import RoleGrant
from motcua.dossiers.choices import Channel as DossierChannel
from motcua.dossiers.choices import PauseReason
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Apology, Dossier
from motcua.events.reference import record_change
from motcua.events.services import emit
from motcua.feedback.models import Complaint
from motcua.notifications import policies, texts
from motcua.notifications.choices import (
    APPLICANT_TOPICS,
    Channel,
    ContactKind,
    Language,
    MessageStatus,
    Topic,
)
from motcua.notifications.models import Contact, Message, MessageTemplate, Preferences

CODE_LIFETIME = timedelta(minutes=30)
CODE_MAX_ATTEMPTS = 5
CODE_MASK = "••••••"
CONFIRM_EVENT = "notification.confirm_contact"

# Dossier events and the topic they tell (the applicant's; officials' are decided below).
APPLICANT_EVENTS = {
    "dossier.receive": Topic.RECEIVED,
    "dossier.return_for_completion": Topic.COMPLETION,
    "dossier.pause": Topic.SUPPLEMENT,
    "dossier.apologise": Topic.APOLOGY,
    "dossier.stop": Topic.STOPPED,
    "dossier.decide": Topic.RESULT_READY,
    "dossier.return_result": Topic.RETURNED,
}
OFFICIAL_EVENTS = {"dossier.submit", "dossier.assign", "dossier.forward", "dossier.warn_due"}
# Complaint and petition events (feedback/services.py) and what their sender is told.
COMPLAINT_EVENTS = {
    "feedback.complaint_received": Topic.COMPLAINT_RECEIVED,
    "feedback.complaint_more_requested": Topic.COMPLAINT_MORE,
    "feedback.complaint_answered": Topic.COMPLAINT_ANSWERED,
    "feedback.complaint_refused": Topic.COMPLAINT_REFUSED,
    "feedback.complaint_published": Topic.COMPLAINT_PUBLISHED,
}
# An answer is long: a message carries its start (an SMS holds at most 1,600 characters); the
# whole answer is on the complaint's page.
ANSWER_EXCERPT = 600
EVENT_TYPES = frozenset({*APPLICANT_EVENTS, *OFFICIAL_EVENTS, *COMPLAINT_EVENTS, CONFIRM_EVENT})


# --- templates ---------------------------------------------------------------------------


def update_template(template: MessageTemplate, *, actor, subject: str, body: str, now=None):
    """An administrator changes a text; audited in the reference chain."""
    now = now or timezone.now()
    policies.can_edit_templates(actor)
    subject, body = (subject or "").strip(), (body or "").strip()
    if not subject:
        raise DossierError(_("Hãy nhập tiêu đề."), field="subject")
    if not body:
        raise DossierError(_("Hãy nhập nội dung."), field="body")
    for field, text in (("subject", subject), ("body", body)):
        wrong = texts.check_placeholders(text)
        if wrong is not None:
            raise DossierError(
                _("Chỗ điền “%(name)s” không có. Dùng: %(allowed)s.")
                % {"name": wrong, "allowed": ", ".join(f"{{{p}}}" for p in texts.PLACEHOLDERS)},
                field=field,
            )
    with transaction.atomic():
        template = MessageTemplate.objects.select_for_update().get(pk=template.pk)
        before = {"subject": template.subject, "body": template.body}
        template.subject, template.body = subject, body
        template.updated_at, template.updated_by = now, actor
        template.save()
        record_change(
            actor=actor,
            action="notification_template.update",
            subject_type="notification_template",
            subject_key=f"{template.topic}/{template.language}",
            data={"before": before, "after": {"subject": subject, "body": body}},
            event_type="notification_template.updated",
            now=now,
        )
    return template


# --- preferences and contacts ------------------------------------------------------------


def preferences_of(user) -> Preferences:
    """The saved preferences, or the defaults (unsaved) when the person chose nothing yet."""
    found = Preferences.objects.filter(user=user).first()
    return found or Preferences(user=user)


def set_preferences(
    user, *, actor, language: str, by_email: bool, by_sms: bool, in_app: bool, now=None
):
    now = now or timezone.now()
    policies.can_manage_own(actor, user)
    if language not in Language.values:
        raise DossierError(_("Ngôn ngữ không được hỗ trợ."), field="language")
    with transaction.atomic():
        prefs, _created = Preferences.objects.select_for_update().get_or_create(user=user)
        prefs.language, prefs.by_email, prefs.by_sms, prefs.in_app = (
            language,
            bool(by_email),
            bool(by_sms),
            bool(in_app),
        )
        prefs.save()
        record_change(
            actor=actor,
            action="notification_preferences.update",
            subject_type="notification_preferences",
            subject_key=str(user.pk),
            data={"language": language, "email": by_email, "sms": by_sms, "in_app": in_app},
            event_type="notification_preferences.updated",
            now=now,
        )
    return prefs


def normalise(kind: str, value: str) -> str:
    """The contact as stored, or DossierError(field="value")."""
    value = (value or "").strip()
    try:
        if kind == ContactKind.EMAIL:
            validate_email(value)
            return value.lower()
        if kind == ContactKind.PHONE:
            validate_phone(value)
            compact = "".join(ch for ch in value if ch.isdigit() or ch == "+")
            return "0" + compact[3:] if compact.startswith("+84") else compact
    except ValidationError as exc:
        raise DossierError(exc.messages[0], field="value") from None
    raise DossierError(_("Loại địa chỉ không hợp lệ."), field="kind")


def confirmation_code(contact: Contact) -> str:
    """Six digits derived from the secret key, the contact and the moment its code was issued:
    never stored, recomputed to check."""
    message = f"{contact.pk}:{contact.kind}:{contact.value}:{contact.code_issued_at.isoformat()}"
    digest = hmac.new(settings.SECRET_KEY.encode(), message.encode(), hashlib.sha256).digest()
    return f"{int.from_bytes(digest[:8], 'big') % 1_000_000:06d}"


def _issue_code(contact: Contact, now: datetime) -> None:
    contact.code_issued_at, contact.failed_attempts = now, 0
    contact.save(update_fields=["code_issued_at", "failed_attempts"])
    emit(CONFIRM_EVENT, subject=f"contact:{contact.pk}", payload={"contact": contact.pk}, now=now)


def add_contact(*, actor, kind: str, value: str, now=None) -> Contact:
    """A signed-in person adds an e-mail address or a phone number; a code is sent to it and
    it is not used until confirmed. Adding it again sends a new code."""
    now = now or timezone.now()
    if actor is None or not actor.is_authenticated:
        raise DossierError(_("Hãy đăng nhập."), field="value")
    value = normalise(kind, value)
    with transaction.atomic():
        contact, _created = Contact.objects.get_or_create(
            user=actor, kind=kind, value=value, defaults={"created_at": now}
        )
        if contact.confirmed_at is None:
            _issue_code(contact, now)
    return contact


def guest_contact(kind: str, value: str, *, now=None) -> Contact | None:
    """The contact a guest gave on the dossier (consented at submission), made on first sight
    with a code sent to it; None when the value is not a valid address."""
    now = now or timezone.now()
    try:
        value = normalise(kind, value)
    except DossierError:
        return None
    with transaction.atomic():
        try:
            with transaction.atomic():
                contact, created = Contact.objects.get_or_create(
                    user=None, kind=kind, value=value, defaults={"created_at": now}
                )
        except IntegrityError:
            contact, created = Contact.objects.get(user=None, kind=kind, value=value), False
        if created:
            _issue_code(contact, now)
    return contact


def confirm_contact(*, actor, kind: str, value: str, code: str, now=None) -> Contact:
    """Confirm a contact with its code: the signed-in person's own, or (actor None or a person
    without such a contact) a guest's."""
    now = now or timezone.now()
    value = normalise(kind, value)
    wrong = DossierError(_("Mã xác nhận không đúng hoặc đã hết hạn."), field="code")
    with transaction.atomic():
        owner = actor if actor is not None and actor.is_authenticated else None
        contact = (
            Contact.objects.select_for_update().filter(user=owner, kind=kind, value=value).first()
        )
        if contact is None:
            raise wrong
        if contact.confirmed_at is not None:
            return contact
        if (
            contact.code_issued_at is None
            or contact.failed_attempts >= CODE_MAX_ATTEMPTS
            or now - contact.code_issued_at > CODE_LIFETIME
        ):
            raise wrong
        if not hmac.compare_digest(confirmation_code(contact), (code or "").strip()):
            contact.failed_attempts += 1
            contact.save(update_fields=["failed_attempts"])
            raise_after = True
        else:
            contact.confirmed_at = now
            contact.save(update_fields=["confirmed_at"])
            record_change(
                actor=owner,
                action="notification_contact.confirm",
                subject_type="notification_contact",
                subject_key=str(contact.pk),
                data={"kind": kind},
                event_type="notification_contact.confirmed",
                now=now,
            )
            raise_after = False
    if raise_after:
        raise wrong
    return contact


def confirmed(user, kind: str) -> Contact | None:
    return (
        Contact.objects.filter(user=user, kind=kind, confirmed_at__isnull=False)
        .order_by("-confirmed_at")
        .first()
    )


# --- messages --------------------------------------------------------------------------------


def _local(moment) -> str:
    return f"{timezone.localtime(moment):%H:%M %d/%m/%Y}" if moment else ""


def _pause_of(dossier: Dossier, event):
    """The pause the event announced: the latest begun by the event's moment."""
    return (
        dossier.pauses.filter(started_at__lte=event.created_at)
        .order_by("-started_at", "-pk")
        .first()
    )


def _facts(dossier: Dossier, event) -> dict:
    facts = {
        "code": dossier.code or f"#{dossier.pk}",
        "procedure": dossier.procedure.name,
        "due": _local(dossier.applicant_due_at or dossier.due_at),
        "reason": dossier.stop_reason,
    }
    if event.type == "dossier.warn_due" and event.payload.get("kind") == "receipt":
        facts["due"] = _local(dossier.receipt_due_at)
    if event.type == "dossier.return_for_completion":
        request = dossier.completion_requests.order_by("-requested_at", "-pk").first()
        if request is not None:
            facts["what"] = "; ".join([*request.items, request.note][: len(request.items) + 1])
            facts["what"] = facts["what"].strip("; ")
    if event.type == "dossier.pause":
        pause = _pause_of(dossier, event)
        if pause is not None:
            facts["what"] = "; ".join(str(item) for item in pause.items) or pause.note
            facts["by_when"] = pause.period_text
    if event.type == "dossier.apologise":
        apology = Apology.objects.filter(dossier=dossier).first()
        if apology is not None:
            facts["reason"], facts["new_due"] = apology.reason, _local(apology.new_due_at)
    return facts


def _render(topic: str, language: str, facts: dict) -> tuple[str, str]:
    template = MessageTemplate.objects.filter(topic=topic, language=language).first()
    if template is not None:
        subject, body = template.subject, template.body
    else:
        subject, body = texts.DEFAULTS[topic][language]
    with translation.override(language):
        facts = facts() if callable(facts) else facts  # worded in the recipient's language
        return texts.fill(subject, facts)[:300], texts.fill(body, facts)


def _officials_for(dossier: Dossier, event) -> tuple[str | None, list]:
    """The topic for officials and who gets it."""
    step = None
    if event.type in ("dossier.assign", "dossier.forward", "dossier.warn_due"):
        step = dossier.steps.filter(finished_at__isnull=True).order_by("-pk").first()
    if event.type == "dossier.submit" and dossier.channel == DossierChannel.COUNTER:
        return None, []  # entered by reception itself: nothing to tell it
    if event.type == "dossier.submit" or (
        event.type == "dossier.warn_due" and event.payload.get("kind") == "receipt"
    ):
        users = [
            grant.user
            for grant in RoleGrant.objects.filter(
                role=Role.RECEPTION, agency_id=dossier.receiving_agency_id, user__is_active=True
            ).select_related("user")
        ]
        topic = Topic.QUEUE if event.type == "dossier.submit" else Topic.RECEIPT_WARNING
        return topic, users
    if step is None or step.assigned_to is None:
        return None, []
    topic = Topic.DUE_SOON if event.type == "dossier.warn_due" else Topic.QUEUE
    return topic, [step.assigned_to]


def _make(key: str, **fields) -> Message:
    try:
        with transaction.atomic():
            message, _created = Message.objects.get_or_create(key=key, defaults=fields)
    except IntegrityError:
        message = Message.objects.get(key=key)
    return message


def _for_user(event, dossier, user, topic, facts, now, *, channels=None) -> list[Message]:
    prefs = preferences_of(user)
    subject, body = _render(topic, prefs.language, facts)
    common = {
        "event_id": event.pk,
        "topic": topic,
        "recipient": user,
        "dossier": dossier,
        "language": prefs.language,
        "subject": subject,
        "body": body,
        "created_at": now,
    }
    made = []
    if prefs.in_app:
        made.append(
            _make(
                f"{event.pk}:u{user.pk}:in_app",
                channel=Channel.IN_APP,
                status=MessageStatus.SENT,
                sent_at=now,
                **common,
            )
        )
    for wanted, channel, kind in (
        (prefs.by_email, Channel.EMAIL, ContactKind.EMAIL),
        (prefs.by_sms, Channel.SMS, ContactKind.PHONE),
    ):
        contact = confirmed(user, kind) if wanted else None
        if contact is not None:
            made.append(
                _make(
                    f"{event.pk}:u{user.pk}:{channel}",
                    channel=channel,
                    contact=contact,
                    address=contact.value,
                    **common,
                )
            )
    return made


def _for_guest(event, dossier, topic, facts, now, *, email: str, phone: str) -> list[Message]:
    """A person without an account, at the e-mail address and phone number they gave (on the
    dossier, or with their complaint): only once the contact is confirmed."""
    made = []
    subject, body = _render(topic, Language.VI, facts)
    for value, channel, kind in (
        (email, Channel.EMAIL, ContactKind.EMAIL),
        (phone, Channel.SMS, ContactKind.PHONE),
    ):
        if not value:
            continue
        contact = guest_contact(kind, value, now=now)
        if contact is None:
            continue
        unconfirmed = contact.confirmed_at is None
        made.append(
            _make(
                f"{event.pk}:c{contact.pk}:{channel}",
                event_id=event.pk,
                topic=topic,
                channel=channel,
                contact=contact,
                address=contact.value,
                dossier=dossier,
                language=Language.VI,
                subject=subject,
                body=body,
                created_at=now,
                status=MessageStatus.SKIPPED if unconfirmed else MessageStatus.PENDING,
                skip_reason=_("Địa chỉ chưa được xác nhận.") if unconfirmed else "",
            )
        )
    return made


def plan_for_event(event, *, now=None) -> list[Message]:
    """The messages `event` calls for, each written once (its key is unique): run again, it
    returns the same rows. Messages to be sent by e-mail or SMS start pending."""
    now = now or timezone.now()
    if event.type == CONFIRM_EVENT:
        contact = Contact.objects.filter(pk=event.payload.get("contact")).first()
        if contact is None or contact.confirmed_at is not None:
            return []
        language = preferences_of(contact.user).language if contact.user else Language.VI
        subject, body = _render(Topic.CONFIRM_CONTACT, language, {"code": CODE_MASK})
        channel = Channel.EMAIL if contact.kind == ContactKind.EMAIL else Channel.SMS
        return [
            _make(
                f"{event.pk}:c{contact.pk}:{channel}",
                event_id=event.pk,
                topic=Topic.CONFIRM_CONTACT,
                channel=channel,
                recipient=contact.user,
                contact=contact,
                address=contact.value,
                language=language,
                subject=subject,
                body=body,
                created_at=now,
            )
        ]
    if event.type in COMPLAINT_EVENTS:
        return _for_complainant(event, COMPLAINT_EVENTS[event.type], now)
    if event.dossier_id is None:
        return []
    dossier = Dossier.objects.select_related("procedure", "owner").get(pk=event.dossier_id)
    made = []
    if event.type == "dossier.submit" and dossier.owner_id is None:
        # The contact a guest gives is consented at submission: its code goes out now.
        for kind, value in (
            (ContactKind.EMAIL, dossier.applicant_email),
            (ContactKind.PHONE, dossier.applicant_phone),
        ):
            if value:
                guest_contact(kind, value, now=now)
    topic = APPLICANT_EVENTS.get(event.type)
    if event.type == "dossier.pause":
        pause = _pause_of(dossier, event)
        if pause is None or pause.reason != PauseReason.SUPPLEMENT:
            topic = None
    if topic in APPLICANT_TOPICS:
        facts = lambda: _facts(dossier, event)  # noqa: E731
        if dossier.owner_id is not None:
            made += _for_user(event, dossier, dossier.owner, topic, facts, now)
        else:
            made += _for_guest(
                event,
                dossier,
                topic,
                facts,
                now,
                email=dossier.applicant_email,
                phone=dossier.applicant_phone,
            )
    if event.type in OFFICIAL_EVENTS:
        topic, officials = _officials_for(dossier, event)
        if topic is not None:
            facts = lambda: _facts(dossier, event)  # noqa: E731
            for user in officials:
                made += _for_user(event, dossier, user, topic, facts, now)
    return made


def _for_complainant(event, topic, now) -> list[Message]:
    """The sender of a complaint or petition: their account's channels when they sent it
    signed in, else the contacts they left (confirmed first, as a guest's)."""
    complaint = (
        Complaint.objects.select_related("submitter", "dossier", "procedure")
        .filter(code=event.payload.get("complaint"))
        .first()
    )
    if complaint is None:
        return []

    def facts():
        answer = complaint.answer
        if len(answer) > ANSWER_EXCERPT:
            answer = answer[:ANSWER_EXCERPT].rstrip() + "…"
        return {
            "code": complaint.code,
            "title": complaint.title,
            "due": _local(complaint.answer_due_at),
            "what": complaint.more_request,
            "reason": complaint.refusal_reason,
            "answer": answer,
            "procedure": complaint.procedure.name if complaint.procedure_id else "",
        }

    if complaint.submitter_id is not None:
        return _for_user(event, complaint.dossier, complaint.submitter, topic, facts, now)
    return _for_guest(
        event,
        complaint.dossier,
        topic,
        facts,
        now,
        email=complaint.contact_email,
        phone=complaint.contact_phone,
    )


def text_to_send(message: Message) -> str:
    """The body as it goes out: a confirmation code is filled in here, never stored."""
    if message.topic == Topic.CONFIRM_CONTACT and message.contact is not None:
        return message.body.replace(CODE_MASK, confirmation_code(message.contact))
    return message.body


def mark_sent(message: Message, *, provider_ref: str = "", now=None) -> None:
    now = now or timezone.now()
    Message.objects.filter(pk=message.pk, status=MessageStatus.PENDING).update(
        status=MessageStatus.SENT,
        sent_at=now,
        provider_ref=provider_ref[:100],
        attempts=message.attempts + 1,
        last_error="",
    )


def mark_failed(message: Message, error: str) -> None:
    Message.objects.filter(pk=message.pk).update(
        attempts=message.attempts + 1, last_error=error[:2000]
    )


def mark_read(message: Message, *, actor, now=None) -> None:
    if actor is None or message.recipient_id != actor.pk:
        from motcua.dossiers.errors import NotFound

        raise NotFound(_("Không có thông báo này."))
    Message.objects.filter(pk=message.pk, read_at__isnull=True).update(
        read_at=now or timezone.now()
    )
