"""Moments for the demo's history: the working weeks before the moment the demo is loaded.

`present` is the last working moment at or before `now` (the real time `load_demo` runs), so
officials act only in working time, up to the end of yesterday's office hours when the demo
is loaded at night, or up to this very moment when it is loaded during the working day.
Citizens submit online at any hour. All arithmetic is the province's working calendar.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from motcua.dossiers import deadlines
from motcua.workdays.calendar import MINUTES_PER_WORKING_DAY
from motcua.workdays.zone import VIETNAM

DAY = MINUTES_PER_WORKING_DAY


class Timeline:
    def __init__(self, calendar, now: datetime, rng: random.Random, *, working_days: int = 30):
        self.cal = calendar
        self.now = now
        self.rng = rng
        self.present = calendar.add_working_minutes(calendar.subtract_working_minutes(now, 1), 1)
        self.start = calendar.subtract_working_minutes(self.present, working_days * DAY)
        self.window = working_days * DAY
        self.soon = deadlines.due_soon_horizon(calendar, now)

    def back(self, minutes: float) -> datetime:
        """The moment `minutes` working minutes before the present, never before the window."""
        minutes = max(0, min(int(minutes), self.window))
        return self._seconds(self.cal.subtract_working_minutes(self.present, minutes))

    def after(self, moment: datetime, minutes: float) -> datetime:
        """`minutes` working minutes after `moment`, never later than the present."""
        later = self.cal.add_working_minutes(moment, max(int(minutes), 0))
        return min(self._seconds(later), max(self.present, moment))

    def before(self, moment: datetime, minutes: float) -> datetime:
        return self.cal.subtract_working_minutes(moment, max(int(minutes), 0))

    def minutes_between(self, a: datetime, b: datetime) -> int:
        return self.cal.working_minutes_between(a, b)

    def online_moment(self, before: datetime, *, hours: tuple[float, float]) -> datetime:
        """A citizen's online submission some calendar hours before `before`, at any hour."""
        moment = before - timedelta(hours=self.rng.uniform(*hours))
        return max(moment, self.start - timedelta(days=3))

    def due_for(self, received: datetime, time_limit: dict) -> datetime:
        return deadlines.dossier_due(self.cal, self.cal.next_working_moment(received), time_limit)

    def reception_for_due(self, due: datetime, time_limit: dict) -> datetime:
        """A reception moment whose due moment is (about) `due`: exact for limits in working
        time, found by a few corrections for limits in calendar days."""
        minutes = deadlines.working_minutes_of(time_limit)
        received = self.before(due, minutes)
        for _attempt in range(4):
            error = self.minutes_between(self.due_for(received, time_limit), due)
            if abs(error) <= 1:
                break
            received = (
                self.cal.add_working_minutes(received, error)
                if error > 0
                else self.before(received, -error)
            )
        return received

    def local_day_start(self, moment: datetime) -> datetime:
        local = moment.astimezone(VIETNAM)
        return local.replace(hour=0, minute=0, second=0, microsecond=0)

    def _seconds(self, moment: datetime) -> datetime:
        """A few seconds past the minute, so the history does not look machine-made."""
        if moment.second or moment.microsecond:
            return moment
        shifted = moment + timedelta(seconds=self.rng.randint(0, 59))
        return shifted if self.cal.is_working_time(shifted) else moment
