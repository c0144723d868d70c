"""How many dossiers a day brings, relative to an ordinary working Tuesday: the weekly
pattern, the Tết dip (the days off, a slow fortnight after them and the rush in the week
before), the year-end peak, and the summer lull. Online dossiers come on any day; the counter
and the post only on working days.

Tết is found in the working calendar's holidays (the `holidays` package names them, e.g.
"Tết Nguyên Đán"), so the dip moves with the lunar year as the calendar does.
"""

from __future__ import annotations

from datetime import date, timedelta

WEEKDAY = (1.12, 1.0, 1.0, 0.97, 0.93, 0.0, 0.0)  # Monday .. Sunday, at the counter
ONLINE_WEEKEND = 0.35  # an online Saturday or Sunday against an ordinary working day
ONLINE_HOLIDAY = 0.2


def tet_days(calendar, first: date, last: date) -> list[date]:
    """The first day off of each Tết between `first` and `last` (its eve, "Giao thừa", when
    the calendar names it)."""
    found = []
    for day, name in sorted(calendar.holidays.items()):
        if not (first - timedelta(days=40) <= day <= last + timedelta(days=40)):
            continue
        if "Tết Nguyên Đán" in name or "Tết Âm lịch" in name:
            if not found or (day - found[-1]).days > 20:
                found.append(day)
    return found


def season_factor(day: date, tets: list[date]) -> float:
    """The month's and Tết's effect on `day` (1.0: an ordinary day)."""
    factor = 1.0
    if day.month == 12:
        factor *= 1.15 + 0.2 * (day.day / 31)  # the year-end rush grows through December
    elif day.month == 11 and day.day > 15:
        factor *= 1.08
    elif day.month in (7, 8):
        factor *= 0.93
    for tet in tets:
        offset = (day - tet).days
        if -9 <= offset < 0:
            factor *= 1.25  # settling matters before the holiday
        elif 0 <= offset < 7:
            factor *= 0.6  # the holiday itself (working days off are handled by the calendar)
        elif 7 <= offset < 21:
            factor *= 0.6 + 0.4 * (offset - 7) / 14  # back slowly
    return factor


def day_weights(calendar, first: date, last: date) -> list[tuple[date, float, float]]:
    """For each day from `first` to `last`: (day, counter weight, online weight)."""
    tets = tet_days(calendar, first, last)
    out = []
    day = first
    while day <= last:
        season = season_factor(day, tets)
        if calendar.is_working_day(day):
            weekday = WEEKDAY[day.weekday()] or 1.0  # a Saturday worked in compensation
            counter = weekday * season
            online = weekday * season
        else:
            counter = 0.0
            holiday = day in calendar.holidays
            online = (ONLINE_HOLIDAY if holiday else ONLINE_WEEKEND) * season
        out.append((day, counter, online))
        day += timedelta(days=1)
    return out


def spread(total: int, weights: list[float]) -> list[int]:
    """`total` split over `weights` in whole numbers, largest remainders first: the same
    weights always give the same split."""
    whole = sum(weights)
    if total <= 0 or whole <= 0:
        return [0] * len(weights)
    exact = [total * w / whole for w in weights]
    counts = [int(x) for x in exact]
    rest = total - sum(counts)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - counts[i]), i))
    for i in order[:rest]:
        counts[i] += 1
    return counts
