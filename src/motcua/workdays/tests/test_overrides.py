"""Administrators' overrides change the calendar that deadlines use, through the database."""

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.testing import sign_in_official
from motcua.workdays.choices import OverrideKind, TimeUnit
from motcua.workdays.models import CalendarOverride
from motcua.workdays.services import get_calendar
from motcua.workdays.zone import VIETNAM as VN

pytestmark = pytest.mark.django_db

FRIDAY_BEFORE_TET = datetime(2026, 2, 13, 10, tzinfo=VN)


def due_one_day_from_friday_before_tet():
    return get_calendar().due_moment(FRIDAY_BEFORE_TET, 1, TimeUnit.WORKING_DAYS)


def test_a_day_off_override_pushes_the_due_moment_back():
    assert due_one_day_from_friday_before_tet() == datetime(2026, 2, 23, 10, tzinfo=VN)
    CalendarOverride.objects.create(
        date=date(2026, 2, 23),
        kind=OverrideKind.DAY_OFF,
        reason="Nghỉ thêm theo quyết định của UBND tỉnh",
    )
    assert due_one_day_from_friday_before_tet() == datetime(2026, 2, 24, 10, tzinfo=VN)
    assert get_calendar().day_info(date(2026, 2, 23)) == (
        False,
        "Nghỉ thêm theo quyết định của UBND tỉnh",
    )


def test_a_working_day_override_brings_the_due_moment_forward():
    CalendarOverride.objects.create(
        date=date(2026, 2, 14), kind=OverrideKind.WORKING_DAY, reason="Thứ Bảy làm bù"
    )
    assert due_one_day_from_friday_before_tet() == datetime(2026, 2, 14, 10, tzinfo=VN)


def test_an_override_wins_over_the_holidays_package():
    CalendarOverride.objects.create(
        date=date(2026, 8, 22), kind=OverrideKind.DAY_OFF, reason="Hủy làm bù"
    )
    CalendarOverride.objects.create(
        date=date(2026, 2, 16), kind=OverrideKind.WORKING_DAY, reason="Trực Tết"
    )
    calendar = get_calendar()
    assert not calendar.is_working_day(date(2026, 8, 22))
    assert calendar.day_info(date(2026, 2, 16)) == (True, "Trực Tết")


def test_editing_and_deleting_an_override_are_seen_at_once():
    override = CalendarOverride.objects.create(
        date=date(2026, 3, 9), kind=OverrideKind.DAY_OFF, reason="Nghỉ đột xuất"
    )
    assert not get_calendar().is_working_day(date(2026, 3, 9))
    override.reason = "Nghỉ đột xuất do bão"
    override.save()
    assert get_calendar().day_info(date(2026, 3, 9)) == (False, "Nghỉ đột xuất do bão")
    override.delete()
    assert get_calendar().is_working_day(date(2026, 3, 9))


def test_a_change_written_without_signals_is_seen_too():
    """Another process's save sends no signal here: the cache is keyed by the table itself."""
    get_calendar()
    CalendarOverride.objects.bulk_create(
        [CalendarOverride(date=date(2026, 3, 10), kind=OverrideKind.DAY_OFF, reason="Bão số 3")]
    )
    assert not get_calendar().is_working_day(date(2026, 3, 10))


def test_the_cached_calendar_costs_one_small_query(django_assert_num_queries):
    CalendarOverride.objects.create(
        date=date(2026, 3, 10), kind=OverrideKind.DAY_OFF, reason="Bão số 3"
    )
    first = get_calendar()
    with django_assert_num_queries(1):
        assert get_calendar() is first


@override_settings(WORK_PERIODS=["07:30-11:30", "13:30-17:30"])
def test_the_work_periods_come_from_settings():
    assert get_calendar().period_labels() == ["07:30-11:30", "13:30-17:30"]
    assert due_one_day_from_friday_before_tet() == datetime(2026, 2, 23, 10, tzinfo=VN)
    assert get_calendar().clock_start(datetime(2026, 3, 3, 7, 45, tzinfo=VN)) == datetime(
        2026, 3, 3, 7, 45, tzinfo=VN
    )


def test_a_working_day_override_on_a_working_day_is_refused():
    override = CalendarOverride(date=date(2026, 3, 9), kind=OverrideKind.WORKING_DAY, reason="x")
    with pytest.raises(ValidationError) as error:
        override.full_clean()
    assert error.value.message_dict["kind"] == [
        "Ngày 09/03/2026 đã là ngày làm việc (Ngày làm việc); không cần thêm điều chỉnh "
        "“Ngày làm việc”."
    ]


def test_a_day_off_override_on_a_day_already_off_is_refused():
    for day, why in [(date(2026, 3, 8), "Chủ nhật"), (date(2026, 2, 17), "Tết Nguyên Đán")]:
        override = CalendarOverride(date=day, kind=OverrideKind.DAY_OFF, reason="x")
        with pytest.raises(ValidationError) as error:
            override.full_clean()
        assert "đã là ngày nghỉ" in error.value.message_dict["kind"][0]
        assert why in error.value.message_dict["kind"][0]


def test_useful_overrides_pass_validation():
    CalendarOverride(date=date(2026, 3, 9), kind=OverrideKind.DAY_OFF, reason="x").full_clean()
    CalendarOverride(date=date(2026, 3, 8), kind=OverrideKind.WORKING_DAY, reason="x").full_clean()


@pytest.fixture
def admin_client(client):
    sign_in_official(client, UserFactory(is_staff=True, is_superuser=True))
    return client


def test_the_admin_refuses_a_useless_override_with_a_clear_message(admin_client):
    response = admin_client.post(
        reverse("admin:workdays_calendaroverride_add"),
        {"date": "08/03/2026", "kind": OverrideKind.DAY_OFF, "reason": "Nghỉ"},
    )
    assert response.status_code == 200
    assert "đã là ngày nghỉ" in response.content.decode()
    assert not CalendarOverride.objects.exists()


def test_the_admin_saves_a_useful_override_and_deadlines_follow(admin_client):
    response = admin_client.post(
        reverse("admin:workdays_calendaroverride_add"),
        {"date": "23/02/2026", "kind": OverrideKind.DAY_OFF, "reason": "Nghỉ thêm sau Tết"},
    )
    assert response.status_code == 302
    assert due_one_day_from_friday_before_tet() == datetime(2026, 2, 24, 10, tzinfo=VN)


def test_the_admin_lists_overrides_by_kind_and_year(admin_client):
    CalendarOverride.objects.create(
        date=date(2025, 3, 10), kind=OverrideKind.DAY_OFF, reason="Năm cũ"
    )
    CalendarOverride.objects.create(
        date=date(2026, 3, 10), kind=OverrideKind.DAY_OFF, reason="Năm mới"
    )
    CalendarOverride.objects.create(
        date=date(2026, 3, 14), kind=OverrideKind.WORKING_DAY, reason="Làm bù"
    )
    url = reverse("admin:workdays_calendaroverride_changelist")
    page = admin_client.get(url, {"year": "2026", "kind__exact": OverrideKind.DAY_OFF})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Năm mới" in text
    assert "Năm cũ" not in text
    assert "Làm bù" not in text
