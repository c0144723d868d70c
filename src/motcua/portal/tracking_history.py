"""A dossier's history as its applicant reads it on the tracking page: what happened and when,
in plain words, oldest first. Submitted, returned for completion (with what was asked),
received, refused, each step begun and done, a supplement asked (what, and by when) and given,
another pause and its end, an apology, decided, returned, withdrawn.

Only units and moments are named, never the officials who acted."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from motcua.dossiers.choices import Channel, DossierStatus, Outcome, PauseReason


@dataclass
class Event:
    at: datetime
    title: str
    details: list[str] = field(default_factory=list)
    order: int = 0  # breaks ties between events of the same moment, in the order they happen


def _pause_events(pause) -> list[Event]:
    if pause.reason == PauseReason.SUPPLEMENT:
        details = [str(item) for item in pause.items or []]
        if pause.note:
            details.append(pause.note)
        if pause.period_end_at is not None:
            details.append(_("Thời hạn bổ sung: %(period)s.") % {"period": pause.period_text})
        elif pause.period_days:  # a request made before periods kept their end
            details.append(
                ngettext(
                    "Thời hạn bổ sung: %(days)d ngày kể từ %(since)s.",
                    "Thời hạn bổ sung: %(days)d ngày kể từ %(since)s.",
                    pause.period_days,
                )
                % {"days": pause.period_days, "since": f"{localtime(pause.started_at):%d/%m/%Y}"}
            )
        events = [Event(pause.started_at, _("Cơ quan yêu cầu bổ sung hồ sơ"), details, 3)]
        if pause.ended_at:
            events.append(
                Event(pause.ended_at, _("Bạn đã nộp bổ sung; hồ sơ được giải quyết tiếp"), order=4)
            )
        return events
    events = [
        Event(
            pause.started_at,
            _("Tạm dừng giải quyết: %(reason)s") % {"reason": pause.get_reason_display()},
            [pause.note] if pause.note else [],
            3,
        )
    ]
    if pause.ended_at:
        events.append(Event(pause.ended_at, _("Tiếp tục giải quyết"), order=4))
    return events


def history(dossier) -> list[Event]:
    """The events of `dossier`, oldest first (a few queries: completions, steps, pauses)."""
    events: list[Event] = []
    if dossier.submitted_at and dossier.channel != Channel.COUNTER:
        events.append(Event(dossier.submitted_at, _("Bạn nộp hồ sơ trực tuyến")))
    for request in dossier.completion_requests.order_by("requested_at", "pk"):
        details = [str(item) for item in request.items or []]
        if request.note:
            details.append(request.note)
        events.append(
            Event(request.requested_at, _("Hồ sơ được trả lại để bổ sung, hoàn thiện"), details, 1)
        )
    if dossier.received_at:
        events.append(
            Event(
                dossier.received_at,
                _("Hồ sơ được tiếp nhận tại %(place)s") % {"place": dossier.receiving_agency.name},
                order=1,
            )
        )
    if dossier.status == DossierStatus.REFUSED and dossier.closed_at:
        details = [dossier.refusal_reasons] if dossier.refusal_reasons else []
        events.append(Event(dossier.closed_at, _("Hồ sơ không được tiếp nhận"), details, 1))
    for step in dossier.steps.select_related("unit").order_by("started_at", "pk"):
        unit = step.unit.name if step.unit_id else ""
        events.append(
            Event(
                step.started_at,
                _("Bắt đầu bước: %(step)s") % {"step": step.name},
                [unit] if unit else [],
                2,
            )
        )
        if step.finished_at:
            title = (
                _("Bước được trả lại để làm lại: %(step)s")
                if step.ended_by_return
                else _("Xong bước: %(step)s")
            )
            events.append(Event(step.finished_at, title % {"step": step.name}, order=5))
    for pause in dossier.pauses.order_by("started_at", "pk"):
        events.extend(_pause_events(pause))
    apology = getattr(dossier, "apology", None) if dossier.applicant_due_at else None
    if apology is not None:
        events.append(
            Event(
                apology.issued_at,
                _("Cơ quan xin lỗi vì chậm giải quyết và hẹn trả kết quả vào %(when)s")
                % {"when": f"{localtime(apology.new_due_at):%H:%M %d/%m/%Y}"},
                [apology.reason] if apology.reason else [],
                6,
            )
        )
    if dossier.decided_at:
        title = (
            _("Đã có kết quả: hồ sơ được giải quyết")
            if dossier.outcome == Outcome.APPROVED
            else _("Đã có kết quả: hồ sơ không được giải quyết")
        )
        details = [dossier.decision_reason] if dossier.decision_reason else []
        events.append(Event(dossier.decided_at, title, details, 7))
    if dossier.returned_at:
        events.append(Event(dossier.returned_at, _("Đã trả kết quả cho bạn"), order=8))
    if dossier.status == DossierStatus.WITHDRAWN and dossier.closed_at:
        events.append(Event(dossier.closed_at, _("Hồ sơ được rút theo đề nghị của bạn"), order=9))
    return sorted(events, key=lambda event: (event.at, event.order))
