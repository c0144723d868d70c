"""What the dossier page shows, worded for an official: the e-form's answers under their labels,
the audit trail's events in Vietnamese, and which files open in the browser."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.agencies.models import Commune
from motcua.catalog.eforms import form_fields
from motcua.dossiers.choices import (
    Action,
    DossierStatus,
    Outcome,
    PauseReason,
    ReturnChannel,
    Timeliness,
)

# Files a browser shows safely itself; anything else is downloaded.
INLINE_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg"})


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
        elif spec.widget == "date":
            try:
                shown = date.fromisoformat(str(value)).strftime("%d/%m/%Y")
            except ValueError:
                shown = str(value)
        else:
            shown = str(value)
        answers.append(Answer(spec.label, shown))
    # Answers the present schema no longer has (a catalog edit after submission) still show.
    answers.extend(Answer(name, str(value)) for name, value in data.items() if name not in known)
    return answers


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
    "channel": gettext_lazy("Hình thức"),
    "collected_by": gettext_lazy("Người nhận"),
}
VALUE_CHOICES = {
    "outcome": Outcome.choices,
    "timeliness": Timeliness.choices,
    "channel": ReturnChannel.choices,
}


@dataclass
class Entry:
    event: object
    label: str
    from_label: str
    to_label: str
    details: list[tuple[str, str]]


def _moment(value: str) -> str:
    parsed = parse_datetime(value) if isinstance(value, str) else None
    if isinstance(parsed, datetime):
        return date_format(localtime(parsed), "d/m/Y H:i")
    return str(value)


def _detail(key: str, value) -> str:
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if key in VALUE_CHOICES:
        return _label_of(VALUE_CHOICES[key], value)
    if key == "reason" and value in PauseReason.values:
        return str(PauseReason(value).label)
    if key in ("due_at", "new_due_at"):
        return _moment(value)
    return str(value)


def _status_label(value: str) -> str:
    return str(DossierStatus(value).label) if value in DossierStatus.values else value


def timeline(events) -> list[Entry]:
    entries = []
    for event in events:
        data = event.data or {}
        details = [
            (str(label), _detail(key, data[key]))
            for key, label in DETAIL_LABELS.items()
            if data.get(key) not in (None, "", [])
        ]
        entries.append(
            Entry(
                event,
                str(Action(event.action).label) if event.action in Action.values else event.action,
                _status_label(event.from_status),
                _status_label(event.to_status),
                details,
            )
        )
    return entries
