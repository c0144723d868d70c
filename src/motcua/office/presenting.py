"""What the dossier page shows, worded for an official: the e-form's answers under their labels,
the audit trail's events in Vietnamese (who acted, what changed, which files came with it),
and which files open in the browser."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils.dateparse import parse_datetime
from django.utils.formats import number_format
from django.utils.timezone import is_naive, localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from motcua.agencies.models import Commune
from motcua.catalog.eforms import form_fields
from motcua.dossiers.choices import (
    Action,
    Channel,
    DossierStatus,
    Outcome,
    PauseReason,
    ReturnChannel,
    Timeliness,
)
from motcua.feedback.services import ACTION_LABELS as FEEDBACK_ACTIONS
from motcua.lib.uploads import format_size
from motcua.payments.services import ACTIONS as PAYMENT_ACTIONS

# Files a browser shows safely itself; anything else is downloaded.
INLINE_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg"})
# The one way office screens write a moment (format_moment); settings' DATETIME_FORMAT too.
MOMENT_FORMAT = "%H:%M %d/%m/%Y"
# Numbers from this size up are written with a thousands separator (format_number).
GROUPING_FROM = 10_000


@dataclass
class Answer:
    label: str
    value: str


def _label_of(choices, value) -> str:
    for key, label in choices:
        if key == value:
            return str(label)
    return str(value)


def form_answers(schema: dict, data: dict) -> list[Answer]:
    """The e-form's answers in the form's order, with its labels (the schema's titles)."""
    try:
        fields = form_fields(schema or {})
    except ValueError:
        fields = []
    known = {spec.name for spec in fields}
    commune_codes = [
        data[spec.name] for spec in fields if spec.widget == "commune" and data.get(spec.name)
    ]
    communes = dict(Commune.objects.filter(code__in=commune_codes).values_list("code", "name"))
    answers = []
    for spec in fields:
        if spec.name not in data:
            continue
        value = data[spec.name]
        if spec.type == "boolean":
            shown = _("Có") if value else _("Không")
        elif spec.choices:
            shown = _label_of(spec.choices, value)
        elif spec.widget == "commune":
            shown = f"{communes.get(value, '')} ({value})" if value in communes else str(value)
        elif spec.type in ("number", "integer"):
            shown = format_number(value)
        elif spec.widget == "date":
            try:
                shown = date.fromisoformat(str(value)).strftime("%d/%m/%Y")
            except ValueError:
                shown = str(value)
        else:
            shown = str(value)
        answers.append(Answer(spec.label, shown))
    # Answers the present schema no longer has (a catalog edit after submission) still show.
    answers.extend(
        Answer(name, _stored_answer(value)) for name, value in data.items() if name not in known
    )
    return answers


def _stored_answer(value) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_number(value)
    return str(value)


def format_number(value) -> str:
    """A number as the active language writes it: "12.066,7" in Vietnamese, "12,066.7" in
    English. Numbers below ten thousand are not grouped ("2066,7"), as Vietnamese texts write
    them: a year (2026), a parcel or sheet number, a count. A value that is not a number (an answer
    stored before the schema typed it) shows as it was stored."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, str):
        try:
            value = Decimal(value.strip())
        except InvalidOperation:
            return value
        if not value.is_finite():
            return str(value)
    if not isinstance(value, int | float | Decimal):
        return str(value)
    return number_format(value, use_l10n=True, force_grouping=abs(value) >= GROUPING_FROM)


# --- the audit trail ------------------------------------------------------------------------

DETAIL_LABELS = {
    "note": gettext_lazy("Ghi chú"),
    "reason": gettext_lazy("Lý do"),
    "reasons": gettext_lazy("Lý do"),
    "missing": gettext_lazy("Cần bổ sung"),
    "items": gettext_lazy("Cần bổ sung"),
    "assignee": gettext_lazy("Cán bộ được phân công"),
    "step": gettext_lazy("Bước"),
    "to_step": gettext_lazy("Chuyển đến bước"),
    "to_unit": gettext_lazy("Đơn vị nhận"),
    "to_agency": gettext_lazy("Cơ quan nhận"),
    "outcome": gettext_lazy("Kết quả"),
    "timeliness": gettext_lazy("Tiến độ"),
    "due_at": gettext_lazy("Hạn trả kết quả"),
    "new_due_at": gettext_lazy("Ngày hẹn mới"),
    "channel": pgettext_lazy("return channel", "Hình thức"),
    "collected_by": gettext_lazy("Người nhận"),
}
RESULT_DOCUMENTS = gettext_lazy("Văn bản kết quả")
VALUE_CHOICES = {
    "outcome": Outcome.choices,
    "timeliness": Timeliness.choices,
    "channel": ReturnChannel.choices,
}
# The channel a dossier came in by is a different list from the one its result goes out by.
ACTION_VALUE_CHOICES = {
    (Action.SUBMIT, "channel"): Channel.choices,
    (Action.SAVE_DRAFT, "channel"): Channel.choices,
}

# Who acted when an event has no account: the applicant's own actions are done without one by
# a guest (online, through the lookup secret or the guest's session); anything else without
# an account is the system's own (the due-soon sweep, and any sweep added later).
APPLICANT_ACTIONS = frozenset({Action.SAVE_DRAFT, Action.SUBMIT, Action.RESUME, Action.WITHDRAW})
APPLICANT = gettext_lazy("Người nộp hồ sơ")
SYSTEM = gettext_lazy("Hệ thống")


@dataclass
class EventFile:
    name: str
    size: str


@dataclass
class Entry:
    event: object
    label: str
    from_label: str
    to_label: str
    details: list[tuple[str, str]]
    actor: str = ""
    files: list[EventFile] = field(default_factory=list)
    # Repeated autosaves of a draft are one line: how many, and when the first was.
    count: int = 1
    first_at: datetime | None = None


def format_moment(value: datetime | None) -> str:
    """An aware moment as every office screen writes it: "07:39 20/11/2026" (hour first, as the
    printed forms and the portal write it), in the current time zone. The `moment` template
    filter is this; strftime costs a third of the `date` filter (a queue row shows several)."""
    if not value:
        return ""
    return localtime(value).strftime(MOMENT_FORMAT)


def _moment(value: str) -> str:
    parsed = parse_datetime(value) if isinstance(value, str) else None
    if isinstance(parsed, datetime) and not is_naive(parsed):
        return format_moment(parsed)
    return str(value)


def _detail(key: str, value, action: str = "") -> str:
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    choices = ACTION_VALUE_CHOICES.get((action, key)) or VALUE_CHOICES.get(key)
    if choices is not None:
        return _label_of(choices, value)
    if key == "reason" and value in PauseReason.values:
        return str(PauseReason(value).label)
    if key in ("due_at", "new_due_at"):
        return _moment(value)
    return str(value)


def _status_label(value: str) -> str:
    return str(DossierStatus(value).label) if value in DossierStatus.values else value


def actor_label(event) -> str:
    """Who did it: the account's name as recorded, else the applicant or the system."""
    if event.actor_name:
        return event.actor_name
    return str(APPLICANT if event.action in APPLICANT_ACTIONS else SYSTEM)


def event_files(data: dict) -> list[EventFile]:
    """The files the event recorded (dossiers.files.describe: name, purpose, size, SHA-256)."""
    files = data.get("files")
    if not isinstance(files, list):
        return []
    return [
        EventFile(
            str(item.get("name", "")),
            format_size(item["size"]) if isinstance(item.get("size"), int) else "",
        )
        for item in files
        if isinstance(item, dict) and item.get("name")
    ]


def _result_documents(data: dict) -> str:
    """The result documents a decision recorded: number, date signed, signer."""
    documents = data.get("documents")
    if not isinstance(documents, list):
        return ""
    shown = []
    for document in documents:
        if not isinstance(document, dict):
            continue
        try:
            signed = date.fromisoformat(str(document.get("signed_on"))).strftime("%d/%m/%Y")
        except ValueError:
            signed = str(document.get("signed_on", ""))
        shown.append(
            _("số %(number)s, ký ngày %(signed)s, người ký %(signer)s")
            % {
                "number": document.get("number", ""),
                "signed": signed,
                "signer": document.get("signer", ""),
            }
        )
    return "; ".join(shown)


def timeline(events) -> list[Entry]:
    entries = []
    for event in events:
        data = event.data or {}
        details = [
            (str(label), _detail(key, data[key], event.action))
            for key, label in DETAIL_LABELS.items()
            if data.get(key) not in (None, "", [])
        ]
        documents = _result_documents(data)
        if documents:
            details.append((str(RESULT_DOCUMENTS), documents))
        previous = entries[-1] if entries else None
        if (
            event.action == Action.SAVE_DRAFT
            and previous is not None
            and previous.event.action == Action.SAVE_DRAFT
            and previous.event.actor_id == event.actor_id
        ):
            previous.first_at = previous.first_at or previous.event.at
            previous.count += 1
            previous.event = event
            previous.details = details
            previous.files = [*previous.files, *event_files(data)]
            continue
        entries.append(
            Entry(
                event,
                _action_label(event.action),
                _status_label(event.from_status),
                _status_label(event.to_status),
                details,
                actor=actor_label(event),
                files=event_files(data),
            )
        )
    return entries


def _action_label(action: str) -> str:
    """An audit event's action in words: a dossier action, a payment or feedback action, or its
    code."""
    if action in Action.values:
        return str(Action(action).label)
    if action in FEEDBACK_ACTIONS:
        return str(FEEDBACK_ACTIONS[action])
    return str(PAYMENT_ACTIONS.get(action, action))
