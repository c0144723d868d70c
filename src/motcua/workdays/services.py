"""Building the province's working calendar: settings + the `holidays` package + overrides.

`get_calendar()` is what every deadline uses. It is a read, but it lives here (not in a
selectors.py) because it has no actor to scope by and owns the calendar's cache; the calendar is
changed only by saving `CalendarOverride` rows, through the audited service one floor up
(agencies/working_calendar.py), which the admin calls.

Precedence, from weakest to strongest: the working weekdays (settings.WORK_WEEKDAYS), the
package's holidays and swapped working days, then the administrators' overrides.

Caching (docs/calendar.md): the package's part is computed once per process for a wide range of
years (FIRST_YEAR..LAST_YEAR, about 0.15 s). The whole calendar is cached in the process under a
fingerprint of the overrides table — its row count and latest `updated_at`, one aggregate query
per call — so a change saved by any process (or a rolled-back test) is seen by every process at
its next call, without signals, which would only reach the process that saved.
"""

from __future__ import annotations

import threading
from datetime import date
from functools import lru_cache

import holidays
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, Max
from django.utils.translation import gettext

from motcua.workdays.calendar import WorkingCalendar, parse_periods, weekday_name
from motcua.workdays.choices import OverrideKind

# The `holidays` package knows Vietnam's lunar holidays up to 2100. Dates outside this range
# have weekends and overrides only.
FIRST_YEAR = 1995
LAST_YEAR = 2100

_lock = threading.Lock()
_cached: dict = {"key": None, "calendar": None}


def _settings_key() -> tuple:
    return (
        tuple(settings.WORK_PERIODS),
        tuple(settings.WORK_WEEKDAYS),
        settings.HOLIDAYS_SUBDIVISION,
        settings.TIME_ZONE,
    )


@lru_cache(maxsize=4)
def package_days(subdivision: str | None) -> tuple[dict[date, str], dict[date, str]]:
    """The `holidays` package's days off (with their Vietnamese names) and its swapped working
    weekend days (named "Thứ Bảy làm bù", with the weekday they stand in for when the package
    names it)."""
    calendar = holidays.country_holidays(
        "VN", subdiv=subdivision, years=range(FIRST_YEAR, LAST_YEAR + 1), language="vi"
    )
    days_off = dict(calendar.items())
    worked = {}
    for day in sorted(calendar.weekend_workdays):
        name = weekday_name(day)
        reason = gettext("%(weekday)s làm bù") % {"weekday": name[:1].upper() + name[1:]}
        stamp = f"{day:%d/%m/%Y}"
        swapped = sorted(d for d, name in days_off.items() if stamp in name and d != day)
        if swapped:
            reason += " " + gettext("(cho ngày nghỉ %(dates)s)") % {
                "dates": ", ".join(f"{d:%d/%m/%Y}" for d in swapped)
            }
        worked[day] = reason
    return days_off, worked


def _build(overrides: list[tuple[date, str, str]]) -> WorkingCalendar:
    try:
        periods = parse_periods(settings.WORK_PERIODS)
    except ValueError as exc:
        raise ImproperlyConfigured(f"WORK_PERIODS: {exc}") from exc
    days_off, worked = package_days(settings.HOLIDAYS_SUBDIVISION)
    days_off, worked = dict(days_off), dict(worked)
    for day, kind, reason in overrides:
        if kind == OverrideKind.DAY_OFF:
            worked.pop(day, None)
            days_off[day] = reason
        elif kind == OverrideKind.WORKING_DAY:
            days_off.pop(day, None)
            worked[day] = reason
    try:
        return WorkingCalendar(
            periods=periods,
            weekdays=frozenset(settings.WORK_WEEKDAYS),
            holidays=days_off,
            extra_working_days=worked,
            time_zone=settings.TIME_ZONE,
        )
    except ValueError as exc:
        raise ImproperlyConfigured(f"working calendar settings: {exc}") from exc


def base_calendar() -> WorkingCalendar:
    """The calendar from settings and the package alone, without any override: what an
    override is compared with when an administrator enters it."""
    key = ("base", *_settings_key())
    with _lock:
        cached = _cached.get(key)
        if cached is None:
            cached = _cached[key] = _build([])
        return cached


def get_calendar() -> WorkingCalendar:
    """The province's working calendar, overrides included, cached until they change."""
    from motcua.workdays.models import CalendarOverride

    fingerprint = CalendarOverride.objects.aggregate(count=Count("pk"), last=Max("updated_at"))
    key = (*_settings_key(), fingerprint["count"], fingerprint["last"])
    with _lock:
        if _cached["key"] == key:
            return _cached["calendar"]
    rows = list(CalendarOverride.objects.values_list("date", "kind", "reason"))
    calendar = _build(rows)
    with _lock:
        _cached["key"], _cached["calendar"] = key, calendar
    return calendar
