"""The government working calendar of a province and deadline arithmetic on it.

Pure: no database, no request. `WorkingCalendar` is built once (see `services.get_calendar`) from
the daily work periods, the working weekdays, the holidays (dates with their names), the extra
working dates (swapped Saturdays, administrators' overrides) and the time zone, and then only
answers questions. docs/calendar.md explains the rules; the two that shape every function here:

- Working time is half-open: a period "08:00-12:00" contains 08:00 and every moment before 12:00,
  not 12:00 itself. A due moment, however, may be the end of a period: when the limit is used up
  exactly at 17:00 the due moment is 17:00 ("by 17:00"), never 08:00 the next working day. This
  keeps `working_minutes_between(start, add_working_minutes(start, n)) == n` for every n.
- The clock starts at the next working moment: a dossier received at 18:30 starts at 08:00 on the
  next working day, one received at 12:30 starts at 13:00.

Arithmetic steps at most one calendar day at a time (a handful of comparisons per day), so ten
years of working days are a few milliseconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from zoneinfo import ZoneInfo

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from motcua.workdays.choices import TimeUnit
from motcua.workdays.zone import TIME_ZONE_NAME

MINUTES_PER_WORKING_DAY = 480  # one working day is eight working hours, whatever the periods
DEFAULT_TIME_ZONE = TIME_ZONE_NAME
_ONE_DAY = timedelta(days=1)
_ZERO = timedelta(0)
# A calendar with no working day at all would make the search for the next working moment run
# forever; no real calendar goes a year without one.
_MAX_DAYS_WITHOUT_WORK = 366
_PERIOD_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")

WEEKDAY_NAMES = (
    _("thứ Hai"),
    _("thứ Ba"),
    _("thứ Tư"),
    _("thứ Năm"),
    _("thứ Sáu"),
    _("thứ Bảy"),
    _("Chủ nhật"),
)


def weekday_name(day: date) -> str:
    return str(WEEKDAY_NAMES[day.weekday()])


def parse_periods(specs: Iterable[str]) -> tuple[tuple[time, time], ...]:
    """Read "HH:MM-HH:MM" strings into sorted (start, end) pairs; raise ValueError when one is
    malformed, empty, or overlaps another."""
    periods = []
    for spec in specs:
        match = _PERIOD_RE.match(spec)
        if not match:
            raise ValueError(f"work period {spec!r} is not HH:MM-HH:MM")
        h1, m1, h2, m2 = (int(part) for part in match.groups())
        try:
            periods.append((time(h1, m1), time(h2, m2)))
        except ValueError as exc:
            raise ValueError(f"work period {spec!r} has an impossible time") from exc
    return tuple(sorted(periods))


def _as_delta(moment_of_day: time) -> timedelta:
    return timedelta(hours=moment_of_day.hour, minutes=moment_of_day.minute)


def _minutes_to_delta(minutes) -> timedelta:
    """Working minutes (int, Decimal, float or a decimal string) as a timedelta, to the
    microsecond; negative or non-finite amounts are refused."""
    try:
        amount = Decimal(str(minutes))
    except InvalidOperation as exc:
        raise ValueError(f"{minutes!r} is not a number of minutes") from exc
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"{minutes!r} must be a finite, non-negative number of minutes")
    return timedelta(microseconds=int((amount * 60_000_000).to_integral_value()))


@dataclass(frozen=True, eq=False)
class WorkingCalendar:
    """The government working calendar: which days are working days and which hours of them are
    working time. Immutable; all moments in and out are timezone-aware."""

    periods: tuple[tuple[time, time], ...]
    weekdays: frozenset[int]
    holidays: Mapping[date, str] = field(default_factory=dict)
    extra_working_days: Mapping[date, str] = field(default_factory=dict)
    time_zone: str = DEFAULT_TIME_ZONE

    def __post_init__(self):
        periods = tuple(sorted((start, end) for start, end in self.periods))
        if not periods:
            raise ValueError("a working calendar needs at least one work period")
        for (start, end), following in zip(periods, (*periods[1:], None), strict=True):
            if start >= end:
                raise ValueError(f"work period {start:%H:%M}-{end:%H:%M} ends before it starts")
            if following is not None and following[0] < end:
                raise ValueError("work periods overlap")
        weekdays = frozenset(int(day) for day in self.weekdays)
        if not weekdays or not weekdays <= set(range(7)):
            raise ValueError("working weekdays must be a non-empty subset of 0..6 (0 = Monday)")
        both = set(self.holidays) & set(self.extra_working_days)
        if both:
            raise ValueError(f"dates both off and working: {sorted(both)}")
        object.__setattr__(self, "periods", periods)
        object.__setattr__(self, "weekdays", weekdays)
        object.__setattr__(self, "holidays", MappingProxyType(dict(self.holidays)))
        object.__setattr__(
            self, "extra_working_days", MappingProxyType(dict(self.extra_working_days))
        )
        object.__setattr__(self, "tz", ZoneInfo(self.time_zone))
        object.__setattr__(self, "_spans", tuple((_as_delta(s), _as_delta(e)) for s, e in periods))

    # --- days ---------------------------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        if day in self.extra_working_days:
            return True
        if day in self.holidays:
            return False
        return day.weekday() in self.weekdays

    def day_info(self, day: date) -> tuple[bool, str]:
        """Whether `day` is a working day, and why, in Vietnamese: the holiday's name, the
        reason a weekend day is worked ("Thứ Bảy làm bù"), or the ordinary week."""
        if day in self.extra_working_days:
            return True, self.extra_working_days[day]
        if day in self.holidays:
            return False, self.holidays[day]
        if day.weekday() in self.weekdays:
            return True, gettext("Ngày làm việc")
        return False, gettext("Nghỉ hằng tuần (%(weekday)s)") % {"weekday": weekday_name(day)}

    def special_days(self, first: date, last: date) -> list[tuple[date, bool, str]]:
        """Days from `first` to `last` (inclusive) that break the weekly pattern: a weekday that
        is off, or a normally free day that is worked; each with its reason."""
        found = []
        day = first
        while day <= last:
            working, reason = self.day_info(day)
            if working != (day.weekday() in self.weekdays):
                found.append((day, working, reason))
            day += _ONE_DAY
        return found

    @property
    def working_time_per_day(self) -> timedelta:
        return sum((end - start for start, end in self._spans), _ZERO)

    def period_labels(self) -> list[str]:
        return [f"{start:%H:%M}-{end:%H:%M}" for start, end in self.periods]

    # --- moments ------------------------------------------------------------------------

    def _local(self, moment: datetime) -> datetime:
        """`moment` as a naive wall-clock time in the calendar's zone."""
        if not isinstance(moment, datetime):
            raise TypeError(f"expected a datetime, got {type(moment).__name__}")
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError("moments must be timezone-aware")
        return moment.astimezone(self.tz).replace(tzinfo=None)

    def _aware(self, local: datetime) -> datetime:
        return local.replace(tzinfo=self.tz)

    def _spans_on(self, day: date) -> tuple[tuple[timedelta, timedelta], ...]:
        return self._spans if self.is_working_day(day) else ()

    @staticmethod
    def _split(local: datetime) -> tuple[date, timedelta]:
        day = local.date()
        return day, local - datetime.combine(day, time())

    def is_working_time(self, moment: datetime) -> bool:
        day, offset = self._split(self._local(moment))
        return any(start <= offset < end for start, end in self._spans_on(day))

    def _is_working_or_period_end(self, local: datetime) -> bool:
        day, offset = self._split(local)
        return any(start <= offset <= end for start, end in self._spans_on(day))

    def _next_working_local(self, local: datetime) -> datetime:
        day, offset = self._split(local)
        for _step in range(_MAX_DAYS_WITHOUT_WORK + 1):
            for start, end in self._spans_on(day):
                if offset < end:
                    return datetime.combine(day, time()) + max(offset, start)
            day += _ONE_DAY
            offset = _ZERO
        raise ValueError(f"no working day within {_MAX_DAYS_WITHOUT_WORK} days of {local:%Y-%m-%d}")

    def next_working_moment(self, moment: datetime) -> datetime:
        """`moment` itself if it is working time, otherwise the start of the next period."""
        return self._aware(self._next_working_local(self._local(moment)))

    # --- working time -------------------------------------------------------------------

    def add_working_time(self, start: datetime, amount: timedelta) -> datetime:
        """The earliest moment at which `amount` of working time has passed since `start`
        (counted from the next working moment). It is working time or the end of a period."""
        if amount < _ZERO:
            raise ValueError("cannot add a negative working time; use subtract_working_time")
        local = self._next_working_local(self._local(start))
        day, offset = self._split(local)
        remaining = amount
        while True:
            for span_start, span_end in self._spans_on(day):
                if span_end <= offset:
                    continue
                segment_start = max(offset, span_start)
                available = span_end - segment_start
                if remaining <= available:
                    return self._aware(datetime.combine(day, time()) + segment_start + remaining)
                remaining -= available
            day += _ONE_DAY
            offset = _ZERO

    def add_working_minutes(self, start: datetime, minutes) -> datetime:
        return self.add_working_time(start, _minutes_to_delta(minutes))

    def subtract_working_time(self, end: datetime, amount: timedelta) -> datetime:
        """The latest moment from which `amount` of working time reaches `end`: the mirror of
        `add_working_time`, for a dossier that was already late when its clock paused."""
        if amount < _ZERO:
            raise ValueError("cannot subtract a negative working time; use add_working_time")
        local = self._local(end)
        if amount == _ZERO:
            return self._aware(local)
        day, offset = self._split(local)
        remaining = amount
        while True:
            for span_start, span_end in reversed(self._spans_on(day)):
                if span_start >= offset:
                    continue
                segment_end = min(offset, span_end)
                available = segment_end - span_start
                if remaining <= available:
                    return self._aware(datetime.combine(day, time()) + segment_end - remaining)
                remaining -= available
            day -= _ONE_DAY
            offset = _ONE_DAY

    def subtract_working_minutes(self, end: datetime, minutes) -> datetime:
        return self.subtract_working_time(end, _minutes_to_delta(minutes))

    def working_time_between(self, a: datetime, b: datetime) -> timedelta:
        """Working time from `a` to `b`; negative when `b` is before `a`."""
        low, high = self._local(a), self._local(b)
        if high < low:
            return -self.working_time_between(b, a)
        total = _ZERO
        day = low.date()
        while day <= high.date():
            midnight = datetime.combine(day, time())
            for span_start, span_end in self._spans_on(day):
                lo = max(midnight + span_start, low)
                hi = min(midnight + span_end, high)
                if hi > lo:
                    total += hi - lo
            day += _ONE_DAY
        return total

    def working_minutes_between(self, a: datetime, b: datetime) -> int:
        """Whole working minutes from `a` to `b` (seconds are truncated toward zero)."""
        seconds = self.working_time_between(a, b).total_seconds()
        return int(seconds / 60) if seconds >= 0 else -int(-seconds / 60)

    # --- calendar days and limits -------------------------------------------------------

    def add_calendar_days(self, start: datetime, days) -> datetime:
        """`start` plus `days` calendar days; a result on a day off or outside working time moves
        to the next working moment (the end of a period stays, as for working time)."""
        local = self._local(start) + _minutes_to_delta(Decimal(str(days)) * 24 * 60)
        if not self._is_working_or_period_end(local):
            local = self._next_working_local(local)
        return self._aware(local)

    @staticmethod
    def working_minutes_of(value, unit: str) -> Decimal | None:
        """A limit in working minutes (a working day is 480), or None for calendar days."""
        amount = Decimal(str(value))
        if unit == TimeUnit.WORKING_DAYS:
            return amount * MINUTES_PER_WORKING_DAY
        if unit == TimeUnit.WORKING_HOURS:
            return amount * 60
        if unit == TimeUnit.CALENDAR_DAYS:
            return None
        raise ValueError(f"unknown time unit {unit!r}")

    def clock_start(self, start: datetime) -> datetime:
        """When the clock starts for something received at `start`."""
        return self.next_working_moment(start)

    def due_moment(self, start: datetime, value, unit: str) -> datetime:
        """The due moment of a limit of `value` `unit` (workdays.choices.TimeUnit) for something
        received at `start`; the clock starts at the next working moment."""
        minutes = self.working_minutes_of(value, unit)
        begin = self.clock_start(start)
        if minutes is None:
            return self.add_calendar_days(begin, value)
        return self.add_working_minutes(begin, minutes)

    def describe(self, moment: datetime) -> str:
        """A moment as officials write it: "10:00 thứ Hai, 23/02/2026"."""
        local = self._local(moment)
        return f"{local:%H:%M} {weekday_name(local.date())}, {local:%d/%m/%Y}"
