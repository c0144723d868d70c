"""How the office words a deadline: "còn 3 giờ làm việc", "quá hạn 2 ngày làm việc".

The working time itself is the calendar's (motcua.workdays) and the dossier's rules are
dossiers/deadlines.py; this module only turns their answers into words and a state a screen
can colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from motcua.dossiers import deadlines
from motcua.dossiers.choices import DossierStatus, Timeliness
from motcua.workdays.zone import VIETNAM

MINUTES_PER_DAY = deadlines.MINUTES_PER_WORKING_DAY


@dataclass(frozen=True)
class Due:
    """A deadline as shown: the words, and `state` one of ok, soon, late, paused, done."""

    text: str
    state: str


def _amount(minutes: int) -> str:
    days, rest = divmod(minutes, MINUTES_PER_DAY)
    hours = rest // 60
    if days and hours:
        # Translators: "2 ngày" and "3 giờ" joined, as in "2 ngày 3 giờ làm việc".
        return _("%(days)s %(hours)s làm việc") % {
            "days": ngettext("%(days)d ngày", "%(days)d ngày", days) % {"days": days},
            "hours": ngettext("%(hours)d giờ", "%(hours)d giờ", hours) % {"hours": hours},
        }
    if days:
        return ngettext("%(days)d ngày làm việc", "%(days)d ngày làm việc", days) % {"days": days}
    if hours:
        return ngettext("%(hours)d giờ làm việc", "%(hours)d giờ làm việc", hours) % {
            "hours": hours
        }
    return ngettext("%(minutes)d phút làm việc", "%(minutes)d phút làm việc", minutes) % {
        "minutes": minutes
    }


def phrase(minutes: int) -> str:
    """Working minutes left (negative when past due) in words."""
    if minutes >= 0:
        return _("còn %(amount)s") % {"amount": _amount(minutes)}
    return _("quá hạn %(amount)s") % {"amount": _amount(-minutes)}


def left(minutes: int) -> Due:
    if minutes < 0:
        return Due(phrase(minutes), "late")
    return Due(phrase(minutes), "soon" if minutes <= deadlines.DUE_SOON_MINUTES else "ok")


def judged(finished: datetime, due: datetime) -> Due:
    """Early, on time or late, as dossiers/deadlines.py judges it."""
    verdict = deadlines.timeliness(finished, due, VIETNAM)
    state = {Timeliness.LATE: "late", Timeliness.EARLY: "ok"}.get(verdict, "done")
    return Due(str(Timeliness(verdict).label), state)


def receipt_wait(dossier, calendar, now: datetime) -> Due | None:
    """How long an online dossier has waited for reception, in working time since its latest
    submission: "đã chờ 6 giờ làm việc", late once its receipt deadline (one working day) has
    passed, soon within the sweep's warning before it."""
    if dossier.receipt_due_at is None or dossier.submitted_at is None:
        return None
    waited = max(calendar.working_minutes_between(dossier.submitted_at, now), 0)
    left_minutes = deadlines.remaining(calendar, now, dossier.receipt_due_at)
    if now > dossier.receipt_due_at:
        state = "late"
    elif left_minutes <= deadlines.RECEIPT_WARNING_MINUTES:
        state = "soon"
    else:
        state = "ok"
    return Due(_("đã chờ %(amount)s") % {"amount": _amount(waited)}, state)


def dossier_due(dossier, calendar, now: datetime) -> Due | None:
    """The deadline of a dossier in its present state, or None when it has none; for a dossier
    waiting for reception, how long it has waited."""
    status = dossier.status
    if status == DossierStatus.SUBMITTED:
        return receipt_wait(dossier, calendar, now)
    if status == DossierStatus.PROCESSING and dossier.due_at:
        return left(deadlines.remaining(calendar, now, dossier.due_at))
    if status == DossierStatus.PAUSED and dossier.remaining_minutes is not None:
        return Due(_("tạm dừng, %(left)s") % {"left": phrase(dossier.remaining_minutes)}, "paused")
    if dossier.decided_at and dossier.decided_due_at:
        return judged(dossier.decided_at, dossier.decided_due_at)
    return None


def step_due(step, calendar, now: datetime) -> Due | None:
    if step.finished_at:
        if step.finished_due_at:
            return judged(step.finished_at, step.finished_due_at)
        return None
    if step.due_at:
        return left(deadlines.remaining(calendar, now, step.due_at))
    if step.remaining_minutes is not None:
        return Due(_("tạm dừng, %(left)s") % {"left": phrase(step.remaining_minutes)}, "paused")
    return None
