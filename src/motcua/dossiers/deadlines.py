"""Deadline rules of a dossier, on top of the province's working calendar (workdays/).

Pure functions taking the calendar as an argument: the clock's start, the due moment, what is
left when the clock pauses, the due moment after resuming, a step's share, and early / on time /
late. All arithmetic in working time is the calendar's; this module only decides which of its
answers a dossier needs.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from motcua.catalog.choices import TimeUnit
from motcua.dossiers.choices import Timeliness
from motcua.workdays.calendar import MINUTES_PER_WORKING_DAY

# Reception answers a dossier submitted online (receives it, returns it for completion or
# refuses it) within one working day of its submission, counted on the working calendar.
RECEIPT_MINUTES = MINUTES_PER_WORKING_DAY


def receipt_due(calendar, submitted: datetime) -> datetime:
    """When reception's answer to a dossier submitted online at `submitted` is due."""
    return calendar.add_working_minutes(calendar.next_working_moment(submitted), RECEIPT_MINUTES)


# Reception is warned this much working time before an online dossier's receipt deadline.
RECEIPT_WARNING_MINUTES = 2 * 60


def receipt_warning_horizon(calendar, now: datetime) -> datetime:
    """A dossier whose receipt deadline is at or before this moment is warned about: within
    RECEIPT_WARNING_MINUTES of working time from now (two working hours)."""
    return calendar.add_working_minutes(calendar.next_working_moment(now), RECEIPT_WARNING_MINUTES)


# Due soon: due within one working day of working time (Dossier.objects.due_soon, the due-soon
# warning, and the words a screen gives a deadline).
DUE_SOON_MINUTES = MINUTES_PER_WORKING_DAY


def due_soon_horizon(calendar, now: datetime) -> datetime:
    """A dossier due at or before this moment is due soon: within DUE_SOON_MINUTES of working
    time from now (the due-soon warning and the queues' "due soon" filter)."""
    return calendar.add_working_minutes(calendar.next_working_moment(now), DUE_SOON_MINUTES)


def supplement_period_end(calendar, requested_at: datetime, days: int) -> datetime:
    """The end of a supplement period of `days` working days requested at `requested_at`: the
    close of the `days`-th working day after the day of the request (a request made on
    Thursday 3 December 2026 for 5 working days ends at 17:00 on Thursday 10 December)."""
    if days < 1:
        raise ValueError("a supplement period is at least one working day")
    day = calendar._local(requested_at).date()
    counted = 0
    for _step in range(days * 7 + 366):
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
            if counted == days:
                closing = calendar.periods[-1][1]
                return datetime.combine(day, closing).replace(tzinfo=calendar.tz)
    raise ValueError("no end of the supplement period within a year")


def dossier_due(calendar, clock_start: datetime, time_limit: dict) -> datetime:
    return calendar.due_moment(clock_start, Decimal(str(time_limit["value"])), time_limit["unit"])


def working_minutes_of(time_limit: dict) -> int:
    """The limit in working minutes, for shares of steps. A limit in calendar days counts a
    working day per calendar day, a documented simplification (docs/dossiers.md)."""
    value = Decimal(str(time_limit["value"]))
    if time_limit["unit"] == TimeUnit.WORKING_HOURS:
        return int(value * 60)
    return int(value * MINUTES_PER_WORKING_DAY)


def step_due(calendar, start: datetime, time_limit: dict, share_percent) -> datetime:
    minutes = int(working_minutes_of(time_limit) * Decimal(str(share_percent)) / 100)
    return calendar.add_working_minutes(calendar.next_working_moment(start), max(minutes, 1))


def remaining(calendar, now: datetime, due: datetime) -> int:
    """Working minutes left until `due`; negative when `due` has passed."""
    if now <= due:
        return calendar.working_minutes_between(now, due)
    return -calendar.working_minutes_between(due, now)


def minutes_left(calendar, now: datetime, dossier) -> int | None:
    """Working minutes the dossier has left at `now`: to its due moment while its clock runs,
    the remainder it keeps while paused (None when it has neither)."""
    if dossier.due_at is not None:
        return remaining(calendar, now, dossier.due_at)
    return dossier.remaining_minutes


def remaining_seconds(calendar, now: datetime, due: datetime) -> int:
    """Working seconds left until `due`, to the second (what a pause keeps: whole minutes
    would lose up to 59 seconds at each pause); negative when `due` has passed."""
    if now <= due:
        return int(calendar.working_time_between(now, due).total_seconds())
    return -int(calendar.working_time_between(due, now).total_seconds())


def resumed_due(calendar, now: datetime, remaining_seconds: int) -> datetime:
    """The due moment after a pause: the remaining working time (in working seconds) from the
    next working moment. A dossier that was already late stays late by the same working time."""
    start = calendar.next_working_moment(now)
    if remaining_seconds >= 0:
        return calendar.add_working_time(start, timedelta(seconds=remaining_seconds))
    return calendar.subtract_working_time(start, timedelta(seconds=-remaining_seconds))


def timeliness(finished: datetime, due: datetime, tz) -> str:
    """Late after the due moment; early on a calendar day before the due moment's day."""
    if finished > due:
        return Timeliness.LATE
    if finished.astimezone(tz).date() < due.astimezone(tz).date():
        return Timeliness.EARLY
    return Timeliness.ON_TIME
