"""Properties of deadline arithmetic that must hold for every start and every limit, checked by
hypothesis on the real calendar (settings + the holidays package)."""

from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.workdays.choices import TimeUnit
from motcua.workdays.services import base_calendar

CALENDAR = base_calendar()
PERIOD_ENDS = {end for _start, end in CALENDAR.periods}

moments = st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2031, 12, 31), timezones=st.just(UTC)
)
minute_counts = st.integers(min_value=0, max_value=480 * 300)


def is_working_time_or_period_end(moment: datetime) -> bool:
    local = moment.astimezone(CALENDAR.tz)
    if CALENDAR.is_working_time(moment):
        return True
    return CALENDAR.is_working_day(local.date()) and local.time() in PERIOD_ENDS


@given(start=moments, minutes=minute_counts)
def test_measuring_what_was_added_gives_it_back(start, minutes):
    due = CALENDAR.add_working_minutes(start, minutes)
    assert CALENDAR.working_minutes_between(start, due) == minutes
    assert CALENDAR.working_time_between(start, due) == timedelta(minutes=minutes)


@given(start=moments, minutes=st.integers(min_value=1, max_value=480 * 300))
def test_a_due_moment_is_working_time_or_the_end_of_a_period(start, minutes):
    due = CALENDAR.add_working_minutes(start, minutes)
    assert is_working_time_or_period_end(due)
    assert due.utcoffset() == timedelta(hours=7)


@given(start=moments, first=minute_counts, second=minute_counts)
def test_adding_more_working_time_never_gives_an_earlier_due_moment(start, first, second):
    low, high = sorted((first, second))
    assert CALENDAR.add_working_minutes(start, low) <= CALENDAR.add_working_minutes(start, high)


@given(start=moments, hundredths=st.integers(min_value=1, max_value=100 * 400))
def test_a_limit_in_working_days_is_480_working_minutes_a_day(start, hundredths):
    days = Decimal(hundredths) / 100
    assert CALENDAR.due_moment(start, days, TimeUnit.WORKING_DAYS) == (
        CALENDAR.add_working_minutes(start, days * 480)
    )


@given(start=moments, hundredths=st.integers(min_value=1, max_value=100 * 2000))
def test_a_limit_in_working_hours_is_60_working_minutes_an_hour(start, hundredths):
    hours = Decimal(hundredths) / 100
    assert CALENDAR.due_moment(start, hours, TimeUnit.WORKING_HOURS) == (
        CALENDAR.add_working_minutes(start, hours * 60)
    )


@given(start=moments)
def test_the_clock_starts_at_the_next_working_moment(start):
    clock_start = CALENDAR.next_working_moment(start)
    assert clock_start >= start
    assert CALENDAR.is_working_time(clock_start)
    assert CALENDAR.working_minutes_between(start, clock_start) == 0
    if CALENDAR.is_working_time(start):
        assert clock_start == start


@given(end=moments, minutes=minute_counts)
def test_subtracting_working_time_mirrors_adding_it(end, minutes):
    begin = CALENDAR.subtract_working_minutes(end, minutes)
    assert begin <= end
    assert CALENDAR.working_minutes_between(begin, end) == minutes
    assert CALENDAR.working_minutes_between(end, begin) == -minutes


@given(start=moments, days=st.integers(min_value=1, max_value=3650))
def test_a_limit_in_calendar_days_lands_on_working_time_no_earlier_than_the_days(start, days):
    clock_start = CALENDAR.next_working_moment(start)
    due = CALENDAR.due_moment(start, days, TimeUnit.CALENDAR_DAYS)
    assert due >= clock_start + timedelta(days=days)
    assert CALENDAR.is_working_time(due)


@settings(max_examples=25)
@given(start=moments)
def test_a_period_boundary_due_moment_is_the_end_of_the_period(start):
    """The chosen rule: a limit used up exactly at the end of a period is due at that end."""
    clock_start = CALENDAR.next_working_moment(start)
    local = clock_start.astimezone(CALENDAR.tz)
    period_end = next(
        end for begin, end in CALENDAR.periods if begin <= local.time().replace(tzinfo=None) < end
    )
    until_end = datetime.combine(local.date(), period_end, tzinfo=CALENDAR.tz) - local
    due = CALENDAR.add_working_time(clock_start, until_end)
    assert due.astimezone(CALENDAR.tz).time() == period_end
    assert due.astimezone(CALENDAR.tz).date() == local.date()
    assert isinstance(period_end, time)
