"""Working time as a number line, for generating history fast: a moment of working time is
the number of working seconds since the start of the first working day of a range. Adding
working time is then an addition, and turning the number back into a moment a division and a
lookup, with the same answers as the working calendar's own arithmetic
(workdays.calendar.WorkingCalendar.add_working_time, next_working_moment), which walks day by
day. The tests compare the two.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, datetime, time, timedelta


class WorkClock:
    def __init__(self, calendar, first: date, last: date):
        self.cal = calendar
        self.tz = calendar.tz
        self.days: list[date] = []
        day = first
        while day <= last:
            if calendar.is_working_day(day):
                self.days.append(day)
            day += timedelta(days=1)
        if not self.days:
            raise ValueError("no working day in the range")
        self.index = {day: i for i, day in enumerate(self.days)}
        self.ordinals = [d.toordinal() for d in self.days]
        self.spans = [
            (int(start.total_seconds()), int(end.total_seconds())) for start, end in calendar._spans
        ]
        self.per_day = sum(end - start for start, end in self.spans)

    def moment(self, position: float, *, start: bool = False) -> datetime:
        """The moment `position` working seconds into the line. A position on the boundary of
        two periods is the end of the earlier one (as the calendar's addition answers), or
        with `start` the beginning of the later one (as next_working_moment answers)."""
        whole = int(position)
        fraction = position - whole
        day_index, offset = divmod(whole, self.per_day)
        if offset == 0 and fraction == 0 and day_index > 0 and not start:
            day_index, offset = day_index - 1, self.per_day
        if day_index >= len(self.days):
            raise ValueError("moment beyond the working clock's range")
        counted = 0
        for span_start, span_end in self.spans:
            length = span_end - span_start
            if offset < counted + length or (offset == counted + length and not start):
                seconds = span_start + offset - counted
                break
            counted += length
        local = datetime.combine(self.days[day_index], time()) + timedelta(
            seconds=seconds + fraction
        )
        return local.replace(tzinfo=self.tz)

    def position(self, moment: datetime) -> int:
        """The position of `moment`, or of the next working moment when it is not working
        time (the calendar's next_working_moment), in whole working seconds."""
        local = moment.astimezone(self.tz).replace(tzinfo=None)
        day = local.date()
        seconds = (local - datetime.combine(day, time())).total_seconds()
        i = bisect_right(self.ordinals, day.toordinal()) - 1
        if i < 0:
            return 0
        if self.days[i] != day:  # a day off: the next working day's start
            return (i + 1) * self.per_day
        counted = 0
        for start, end in self.spans:
            if seconds < end:
                return i * self.per_day + counted + max(0, int(seconds - start))
            counted += end - start
        return (i + 1) * self.per_day

    def day_start(self, day_index: int) -> int:
        return day_index * self.per_day
