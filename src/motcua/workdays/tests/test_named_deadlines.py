"""Real deadlines with their answers, on the real calendar (settings + the holidays package)."""

import time as clock
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from motcua.workdays.calendar import WorkingCalendar, parse_periods
from motcua.workdays.choices import TimeUnit
from motcua.workdays.services import base_calendar
from motcua.workdays.zone import VIETNAM as VN

CALENDAR = base_calendar()


def at(year, month, day, hour=0, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=VN)


def test_one_working_day_from_friday_before_tet_is_due_the_monday_after_tet():
    due = CALENDAR.due_moment(at(2026, 2, 13, 10), 1, TimeUnit.WORKING_DAYS)
    assert due == at(2026, 2, 23, 10)
    assert CALENDAR.describe(due) == "10:00 thứ Hai, 23/02/2026"


def test_half_a_working_day_is_four_working_hours_across_tet():
    due = CALENDAR.due_moment(at(2026, 2, 13, 14), "0.5", TimeUnit.WORKING_DAYS)
    assert due == at(2026, 2, 23, 9)


def test_vietnamese_culture_day_is_a_holiday_from_2026():
    due = CALENDAR.due_moment(at(2026, 11, 23, 9), 1, TimeUnit.WORKING_DAYS)
    assert due == at(2026, 11, 25, 9)
    assert CALENDAR.day_info(date(2026, 11, 24)) == (False, "Ngày Văn hóa Việt Nam")
    assert CALENDAR.is_working_day(date(2025, 11, 24))


def test_saturday_22_august_2026_is_worked_for_monday_31_august():
    assert CALENDAR.is_working_day(date(2026, 8, 22))
    working, reason = CALENDAR.day_info(date(2026, 8, 22))
    assert working and reason.startswith("Thứ Bảy làm bù")
    assert "31/08/2026" in reason
    assert not CALENDAR.is_working_day(date(2026, 8, 31))
    assert CALENDAR.due_moment(at(2026, 8, 21, 10), 1, TimeUnit.WORKING_DAYS) == at(2026, 8, 22, 10)


def test_national_day_2_september_takes_an_adjacent_day_with_it():
    assert not CALENDAR.is_working_day(date(2026, 9, 1))
    assert not CALENDAR.is_working_day(date(2026, 9, 2))
    assert CALENDAR.day_info(date(2026, 9, 2)) == (False, "Quốc khánh")
    # Friday 28 August: the weekend, the swapped Monday 31 August, then 1 and 2 September.
    due = CALENDAR.due_moment(at(2026, 8, 28, 10), 1, TimeUnit.WORKING_DAYS)
    assert due == at(2026, 9, 3, 10)
    assert not CALENDAR.is_working_day(date(2025, 9, 1))
    assert not CALENDAR.is_working_day(date(2025, 9, 2))


def test_hung_kings_day_on_a_sunday_is_compensated_on_the_monday():
    working, reason = CALENDAR.day_info(date(2026, 4, 26))
    assert not working and "Giỗ Tổ Hùng Vương" in reason
    working, reason = CALENDAR.day_info(date(2026, 4, 27))
    assert not working and "nghỉ bù" in reason
    assert CALENDAR.due_moment(at(2026, 4, 24, 10), 1, TimeUnit.WORKING_DAYS) == at(2026, 4, 28, 10)


def test_hung_kings_day_2025_falls_on_monday_7_april():
    assert CALENDAR.day_info(date(2025, 4, 7)) == (False, "Ngày Giỗ Tổ Hùng Vương")
    assert CALENDAR.due_moment(at(2025, 4, 4, 10), 1, TimeUnit.WORKING_DAYS) == at(2025, 4, 8, 10)


def test_reception_in_the_evening_starts_the_clock_at_eight_the_next_working_day():
    tuesday_evening = at(2026, 3, 3, 18, 30)
    assert CALENDAR.clock_start(tuesday_evening) == at(2026, 3, 4, 8)
    # A full working day from 08:00 is used up at 17:00 the same day: "by 17:00".
    assert CALENDAR.due_moment(tuesday_evening, 1, TimeUnit.WORKING_DAYS) == at(2026, 3, 4, 17)


def test_reception_at_lunchtime_starts_the_clock_at_one_oclock():
    assert CALENDAR.clock_start(at(2026, 3, 3, 12, 30)) == at(2026, 3, 3, 13)
    assert CALENDAR.due_moment(at(2026, 3, 3, 12, 30), 2, TimeUnit.WORKING_HOURS) == at(
        2026, 3, 3, 15
    )


def test_working_hours_skip_the_lunch_break():
    assert CALENDAR.due_moment(at(2026, 3, 3, 11), 2, TimeUnit.WORKING_HOURS) == at(2026, 3, 3, 14)


def test_a_limit_used_up_at_noon_is_due_at_noon_not_at_one():
    assert CALENDAR.add_working_minutes(at(2026, 3, 3, 8), 240) == at(2026, 3, 3, 12)
    assert CALENDAR.add_working_minutes(at(2026, 3, 3, 8), 241) == at(2026, 3, 3, 13, 1)


def test_a_calendar_days_limit_ending_on_a_sunday_moves_to_monday_eight_oclock():
    wednesday = at(2026, 3, 4, 10)
    assert CALENDAR.due_moment(wednesday, 4, TimeUnit.CALENDAR_DAYS) == at(2026, 3, 9, 8)
    assert CALENDAR.due_moment(wednesday, 2, TimeUnit.CALENDAR_DAYS) == at(2026, 3, 6, 10)


def test_a_calendar_days_limit_ending_at_lunchtime_moves_to_one_oclock():
    assert CALENDAR.add_calendar_days(at(2026, 3, 4, 12, 15), 1) == at(2026, 3, 5, 13)


def test_results_are_in_vietnam_time_whatever_the_input_zone():
    due = CALENDAR.due_moment(datetime(2026, 2, 13, 3, tzinfo=ZoneInfo("UTC")), 1, "working_days")
    assert due == at(2026, 2, 23, 10)
    assert due.tzinfo == VN


def test_naive_moments_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        CALENDAR.next_working_moment(datetime(2026, 2, 13, 10))  # noqa: DTZ001
    with pytest.raises(ValueError):
        CALENDAR.working_minutes_between(at(2026, 2, 13), datetime(2026, 2, 14))  # noqa: DTZ001


def test_negative_limits_and_unknown_units_are_refused():
    with pytest.raises(ValueError):
        CALENDAR.add_working_minutes(at(2026, 2, 13, 10), -1)
    with pytest.raises(ValueError):
        CALENDAR.due_moment(at(2026, 2, 13, 10), 1, "fortnights")


def test_ten_years_of_working_days_are_computed_quickly():
    started = clock.perf_counter()
    due = CALENDAR.due_moment(at(2026, 2, 13, 10), 3650, TimeUnit.WORKING_DAYS)
    assert CALENDAR.working_minutes_between(at(2026, 2, 13, 10), due) == 3650 * 480
    assert clock.perf_counter() - started < 0.5


def test_an_ordinary_weekend_day_is_explained():
    assert CALENDAR.day_info(date(2026, 3, 8)) == (False, "Nghỉ hằng tuần (Chủ nhật)")
    assert CALENDAR.day_info(date(2026, 3, 9)) == (True, "Ngày làm việc")


def test_special_days_list_only_the_exceptions_to_the_week():
    listed = CALENDAR.special_days(date(2026, 8, 1), date(2026, 9, 30))
    assert [(day, working) for day, working, _reason in listed] == [
        (date(2026, 8, 22), True),
        (date(2026, 8, 31), False),
        (date(2026, 9, 1), False),
        (date(2026, 9, 2), False),
    ]


def test_a_calendar_refuses_overlapping_periods_and_contradictory_days():
    with pytest.raises(ValueError):
        WorkingCalendar(periods=parse_periods(["08:00-12:00", "11:00-17:00"]), weekdays={0})
    with pytest.raises(ValueError):
        WorkingCalendar(
            periods=parse_periods(["08:00-12:00"]),
            weekdays={0},
            holidays={date(2026, 1, 1): "x"},
            extra_working_days={date(2026, 1, 1): "y"},
        )
    with pytest.raises(ValueError):
        parse_periods(["8h-12h"])


def test_a_province_with_other_working_hours_gets_other_deadlines():
    calendar = WorkingCalendar(
        periods=parse_periods(["07:30-11:30", "13:30-17:30"]), weekdays=range(5)
    )
    assert calendar.due_moment(at(2026, 3, 3, 18), 1, TimeUnit.WORKING_DAYS) == at(
        2026, 3, 4, 17, 30
    )


def test_a_saturday_morning_at_the_counter_does_not_start_the_clock():
    """Counter opening hours are not government working time."""
    saturday_morning = at(2026, 3, 7, 9)
    assert not CALENDAR.is_working_time(saturday_morning)
    assert CALENDAR.clock_start(saturday_morning) == at(2026, 3, 9, 8)
    assert CALENDAR.due_moment(saturday_morning, 2, TimeUnit.WORKING_HOURS) == at(2026, 3, 9, 10)
