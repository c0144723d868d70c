"""GET /api/v1/calendar/due and /api/v1/calendar/days through the Django test client."""

from datetime import date

import pytest

from motcua.workdays.choices import OverrideKind
from motcua.workdays.models import CalendarOverride

pytestmark = pytest.mark.django_db
DUE = "/api/v1/calendar/due"
DAYS = "/api/v1/calendar/days"


def test_one_working_day_across_tet(client):
    response = client.get(DUE, {"from": "2026-02-13T10:00:00+07:00", "days": "1"})
    assert response.status_code == 200
    assert response.json() == {
        "from": "2026-02-13T10:00:00+07:00",
        "clock_start": "2026-02-13T10:00:00+07:00",
        "due": "2026-02-23T10:00:00+07:00",
        "due_text": "10:00 thứ Hai, 23/02/2026",
        "clock_start_text": "10:00 thứ Sáu, 13/02/2026",
        "unit": "working_days",
        "unit_label": "Ngày làm việc",
        "value": 1,
        "working_minutes": 480,
    }


def test_a_moment_without_offset_is_read_as_vietnam_time(client):
    body = client.get(DUE, {"from": "2026-11-23T09:00", "days": "1"}).json()
    assert body["from"] == "2026-11-23T09:00:00+07:00"
    assert body["due"] == "2026-11-25T09:00:00+07:00"


def test_a_moment_in_utc_is_answered_in_vietnam_time(client):
    body = client.get(DUE, {"from": "2026-02-13T03:00:00Z", "days": "1"}).json()
    assert body["from"] == "2026-02-13T10:00:00+07:00"
    assert body["due"] == "2026-02-23T10:00:00+07:00"


def test_an_unencoded_plus_in_the_offset_is_understood(client):
    response = client.get(f"{DUE}?from=2026-02-13T10:00:00+07:00&days=1")
    assert response.status_code == 200
    assert response.json()["due"] == "2026-02-23T10:00:00+07:00"


def test_evening_reception_starts_the_clock_next_morning(client):
    body = client.get(DUE, {"from": "2026-03-03T18:30:00+07:00", "hours": "1.5"}).json()
    assert body["clock_start"] == "2026-03-04T08:00:00+07:00"
    assert body["due"] == "2026-03-04T09:30:00+07:00"
    assert body["unit"] == "working_hours"
    assert body["value"] == 1.5
    assert body["working_minutes"] == 90


def test_half_a_working_day(client):
    body = client.get(DUE, {"from": "2026-02-13T14:00:00+07:00", "days": "0.5"}).json()
    assert body["due"] == "2026-02-23T09:00:00+07:00"
    assert body["working_minutes"] == 240


def test_calendar_days_ending_on_a_sunday_move_to_monday_morning(client):
    body = client.get(DUE, {"from": "2026-03-04T10:00:00+07:00", "calendar_days": "4"}).json()
    assert body["due"] == "2026-03-09T08:00:00+07:00"
    assert body["due_text"] == "08:00 thứ Hai, 09/03/2026"
    assert body["unit"] == "calendar_days"
    assert body["working_minutes"] is None


def test_an_administrators_override_changes_the_answer(client):
    CalendarOverride.objects.create(
        date=date(2026, 2, 23), kind=OverrideKind.DAY_OFF, reason="Nghỉ thêm sau Tết"
    )
    body = client.get(DUE, {"from": "2026-02-13T10:00:00+07:00", "days": "1"}).json()
    assert body["due"] == "2026-02-24T10:00:00+07:00"


@pytest.mark.parametrize(
    ("params", "field", "message_part"),
    [
        ({"from": "2026-02-30T10:00", "days": "1"}, "from", "Thời điểm không hợp lệ"),
        ({"from": "abc", "days": "1"}, "from", "Thời điểm không hợp lệ"),
        ({"from": "9999-01-01T10:00", "days": "1"}, "from", "chỉ tính cho các năm"),
        ({"days": "1"}, "from", "bắt buộc"),
        ({"from": "2026-02-13T10:00"}, "days", "Cần đúng một"),
        ({"from": "2026-02-13T10:00", "days": "1", "hours": "2"}, "hours", "Cần đúng một"),
        ({"from": "2026-02-13T10:00", "days": "-1"}, "days", "lớn hơn 0"),
        ({"from": "2026-02-13T10:00", "days": "0"}, "days", "lớn hơn 0"),
        ({"from": "2026-02-13T10:00", "days": "3650.01"}, "days", "vượt quá 3.650"),
        ({"from": "2026-02-13T10:00", "hours": "1e9"}, "hours", "vượt quá 29.200"),
        ({"from": "2026-02-13T10:00", "days": "0.125"}, "days", "2 chữ số thập phân"),
        ({"from": "2026-02-13T10:00", "days": "nan"}, "days", "Phải là một số"),
        ({"from": "2026-02-13T10:00", "hours": "một"}, "hours", "Phải là một số"),
        ({"from": "2026-02-13T10:00", "calendar_days": "1.5"}, "calendar_days", "số nguyên"),
        ({"from": "2026-02-13T10:00", "calendar_days": "100000"}, "calendar_days", "vượt quá"),
    ],
)
def test_bad_input_gets_a_field_level_message_in_vietnamese(client, params, field, message_part):
    response = client.get(DUE, params)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"]
    messages = [e["message"] for e in body["errors"] if e["field"] == field]
    assert messages, body
    assert message_part in messages[0]


def test_the_largest_limit_is_answered(client):
    response = client.get(DUE, {"from": "2026-02-13T10:00", "days": "3650"})
    assert response.status_code == 200
    assert response.json()["working_minutes"] == 3650 * 480


def test_the_days_of_august_and_september_2026(client):
    response = client.get(DAYS, {"from": "2026-08-01", "to": "2026-09-30"})
    assert response.status_code == 200
    body = response.json()
    assert body["work_periods"] == ["08:00-12:00", "13:00-17:00"]
    assert body["working_weekdays"] == [0, 1, 2, 3, 4]
    assert [(d["date"], d["is_working"]) for d in body["days"]] == [
        ("2026-08-22", True),
        ("2026-08-31", False),
        ("2026-09-01", False),
        ("2026-09-02", False),
    ]
    saturday = body["days"][0]
    assert saturday["weekday"] == "thứ Bảy"
    assert saturday["reason"].startswith("Thứ Bảy làm bù")
    assert body["days"][3]["reason"] == "Quốc khánh"


def test_the_days_list_shows_overrides(client):
    CalendarOverride.objects.create(
        date=date(2026, 3, 14), kind=OverrideKind.WORKING_DAY, reason="Làm bù theo quyết định"
    )
    body = client.get(DAYS, {"from": "2026-03-01", "to": "2026-03-31"}).json()
    assert body["days"] == [
        {
            "date": "2026-03-14",
            "weekday": "thứ Bảy",
            "is_working": True,
            "reason": "Làm bù theo quyết định",
        }
    ]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2026-02-30", "to": "2026-03-01"}, "from"),
        ({"from": "abc", "to": "2026-03-01"}, "from"),
        ({"from": "2026-03-01", "to": "2026-02-01"}, "to"),
        ({"from": "2026-01-01", "to": "2027-01-02"}, "to"),
        ({"from": "2026-01-01"}, "to"),
    ],
)
def test_bad_day_ranges_are_refused_with_a_field_level_message(client, params, field):
    response = client.get(DAYS, params)
    assert response.status_code == 422
    assert field in [e["field"] for e in response.json()["errors"]]


def test_a_full_year_can_be_listed(client):
    response = client.get(DAYS, {"from": "2026-01-01", "to": "2026-12-31"})
    assert response.status_code == 200
    assert len(response.json()["days"]) == 14


def test_openapi_describes_every_field_and_the_error_shape(client):
    schema = client.get("/api/v1/openapi.json").json()
    due = schema["paths"]["/api/v1/calendar/due"]["get"]
    assert {p["name"] for p in due["parameters"]} == {"from", "days", "hours", "calendar_days"}
    assert all(p.get("description") for p in due["parameters"])
    assert set(due["responses"]) == {"200", "422"}
    components = schema["components"]["schemas"]
    due_out = components["DueOut"]["properties"]
    assert {"from", "clock_start", "due", "due_text", "unit", "value", "working_minutes"} <= set(
        due_out
    )
    assert all(field.get("description") for field in due_out.values())
    days = schema["paths"]["/api/v1/calendar/days"]["get"]
    assert set(days["responses"]) == {"200", "422"}
    assert "errors" in components["ErrorSchema"]["properties"]
