"""The working calendar over the API: due moments and the days that break the weekly pattern.

Both endpoints are public reads (the calendar is published information) and answer from
`workdays.services.get_calendar()`, the same calendar every dossier deadline uses.
Parameters are parsed here with Vietnamese, field-level messages; docs/calendar.md explains
the rules behind the answers.
"""

from __future__ import annotations

import datetime as dt
import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from pydantic import field_validator

from motcua.api.errors import ApiError, ErrorSchema
from motcua.catalog.choices import TimeUnit
from motcua.workdays.calendar import weekday_name
from motcua.workdays.services import FIRST_YEAR, LAST_YEAR, get_calendar
from motcua.workdays.zone import VIETNAM

router = Router()

MAX_DAYS = Decimal(3650)
MAX_HOURS = MAX_DAYS * 8
MAX_LISTED_DAYS = 366
_CENT = Decimal("0.01")
_LOST_PLUS = re.compile(r"(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$")

# Each limit parameter, the unit it stands for, and its largest accepted value.
_LIMITS = {
    "days": (TimeUnit.WORKING_DAYS, MAX_DAYS),
    "hours": (TimeUnit.WORKING_HOURS, MAX_HOURS),
    "calendar_days": (TimeUnit.CALENDAR_DAYS, MAX_DAYS),
}


def _parse_moment(value) -> datetime:
    if isinstance(value, datetime):
        moment = value
    else:
        # An unencoded "+07:00" in a query string arrives as " 07:00": put the sign back.
        text = _LOST_PLUS.sub(r"\1+\2", str(value).strip())
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(
                _(
                    "Thời điểm không hợp lệ: “%(value)s”. Dùng định dạng ISO 8601, ví dụ "
                    "2026-02-13T10:00:00+07:00 (không ghi múi giờ thì hiểu là giờ Việt Nam)."
                )
                % {"value": text[:40]}
            ) from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        moment = moment.replace(tzinfo=VIETNAM)
    local_year = moment.astimezone(VIETNAM).year
    if not FIRST_YEAR <= local_year <= LAST_YEAR:
        raise ValueError(
            _("Lịch làm việc chỉ tính cho các năm từ %(first)d đến %(last)d.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return moment


def _parse_day(value) -> date:
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        if len(text) != 10:
            raise ValueError(text)
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            _("Ngày không hợp lệ: “%(value)s”. Dùng định dạng YYYY-MM-DD, ví dụ 2026-02-13.")
            % {"value": text[:40]}
        ) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(
            _("Lịch làm việc chỉ tính cho các năm từ %(first)d đến %(last)d.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return day


def _parse_amount(value, *, maximum: Decimal, whole: bool) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():
        raise ValueError(_("Phải là một số, dùng dấu chấm cho phần thập phân, ví dụ 1 hoặc 0.5."))
    if amount <= 0:
        raise ValueError(_("Phải lớn hơn 0."))
    if amount > maximum:
        raise ValueError(
            _("Không được vượt quá %(limit)s.") % {"limit": f"{maximum:,}".replace(",", ".")}
        )
    if whole and amount != amount.to_integral_value():
        raise ValueError(_("Phải là một số nguyên."))
    if amount != amount.quantize(_CENT):
        raise ValueError(_("Chỉ được có tối đa 2 chữ số thập phân."))
    return amount


class DueQuery(Schema):
    from_: datetime = Field(
        alias="from",
        description=(
            "Thời điểm tiếp nhận, ISO 8601 (ví dụ 2026-02-13T10:00:00+07:00); không ghi múi giờ "
            "thì hiểu là giờ Việt Nam."
        ),
    )
    days: Decimal | None = Field(
        None,
        description="Thời hạn tính bằng ngày làm việc (8 giờ làm việc), tối đa 2 chữ số thập phân.",
        gt=0,
        le=MAX_DAYS,
    )
    hours: Decimal | None = Field(
        None,
        description="Thời hạn tính bằng giờ làm việc, tối đa 2 chữ số thập phân.",
        gt=0,
        le=MAX_HOURS,
    )
    calendar_days: int | None = Field(
        None, description="Thời hạn tính bằng ngày (ngày lịch), số nguyên.", gt=0, le=3650
    )

    @field_validator("from_", mode="before")
    @classmethod
    def _moment(cls, value):
        return _parse_moment(value)

    @field_validator("days", mode="before")
    @classmethod
    def _days(cls, value):
        return _parse_amount(value, maximum=MAX_DAYS, whole=False)

    @field_validator("hours", mode="before")
    @classmethod
    def _hours(cls, value):
        return _parse_amount(value, maximum=MAX_HOURS, whole=False)

    @field_validator("calendar_days", mode="before")
    @classmethod
    def _calendar_days(cls, value):
        amount = _parse_amount(value, maximum=MAX_DAYS, whole=True)
        return None if amount is None else int(amount)


class DueOut(Schema):
    from_: datetime = Field(alias="from", description="Thời điểm tiếp nhận, giờ Việt Nam.")
    clock_start: datetime = Field(
        description="Thời điểm bắt đầu tính thời hạn: thời điểm tiếp nhận nếu đó là giờ làm "
        "việc, nếu không thì đầu giờ làm việc kế tiếp."
    )
    due: datetime = Field(description="Hạn giải quyết (ISO 8601, +07:00).")
    due_text: str = Field(
        description="Hạn giải quyết viết cho người đọc: “10:00 thứ Hai, 23/02/2026”."
    )
    clock_start_text: str = Field(description="Thời điểm bắt đầu tính, viết cho người đọc.")
    unit: TimeUnit = Field(description="Đơn vị thời hạn.")
    unit_label: str = Field(description="Tên đơn vị thời hạn bằng tiếng Việt.")
    value: int | float = Field(description="Giá trị thời hạn.")
    working_minutes: int | float | None = Field(
        description="Thời hạn quy ra phút làm việc (một ngày làm việc = 480 phút); null khi "
        "thời hạn tính bằng ngày lịch."
    )


@router.get(
    "/due",
    response={200: DueOut, 422: ErrorSchema},
    by_alias=True,
    summary="Tính hạn giải quyết",
    description=(
        "Hạn giải quyết của một thời hạn tính từ thời điểm tiếp nhận, theo lịch làm việc của "
        "cơ quan hành chính (thứ Hai–thứ Sáu, 08:00–12:00 và 13:00–17:00, trừ ngày lễ, Tết, "
        "ngày nghỉ bù; cộng các ngày làm bù). Cần đúng một trong ba tham số days, hours, "
        "calendar_days."
    ),
)
def due(request: HttpRequest, query: Query[DueQuery]):
    given = [name for name in _LIMITS if getattr(query, name) is not None]
    if len(given) != 1:
        message = _(
            "Cần đúng một trong ba tham số days, hours, calendar_days; yêu cầu đang có %(n)d."
        ) % {"n": len(given)}
        fields = given or ["days"]
        raise ApiError(
            _("Dữ liệu không hợp lệ."),
            status=422,
            errors=[{"field": name, "message": message} for name in fields],
        )
    name = given[0]
    unit, _maximum = _LIMITS[name]
    value = Decimal(getattr(query, name))
    calendar = get_calendar()
    clock_start = calendar.clock_start(query.from_)
    due_at = calendar.due_moment(query.from_, value, unit)
    minutes = calendar.working_minutes_of(value, unit)
    return {
        "from": query.from_.astimezone(calendar.tz),
        "clock_start": clock_start,
        "due": due_at,
        "due_text": calendar.describe(due_at),
        "clock_start_text": calendar.describe(clock_start),
        "unit": unit,
        "unit_label": str(unit.label),
        "value": _number(value),
        "working_minutes": None if minutes is None else _number(minutes),
    }


def _number(amount: Decimal) -> int | float:
    return int(amount) if amount == amount.to_integral_value() else float(amount)


class DaysQuery(Schema):
    from_: date = Field(alias="from", description="Ngày đầu, YYYY-MM-DD.")
    to: date = Field(description="Ngày cuối (tính cả ngày này), YYYY-MM-DD; tối đa 366 ngày.")

    @field_validator("from_", "to", mode="before")
    @classmethod
    def _day(cls, value):
        return _parse_day(value)


class SpecialDayOut(Schema):
    date: dt.date = Field(description="Ngày, YYYY-MM-DD.")
    weekday: str = Field(description="Thứ trong tuần, tiếng Việt.")
    is_working: bool = Field(description="true: ngày làm việc; false: ngày nghỉ.")
    reason: str = Field(description="Tên ngày lễ, lý do nghỉ hoặc làm bù.")


class DaysOut(Schema):
    from_: date = Field(alias="from")
    to: date
    work_periods: list[str] = Field(description="Giờ làm việc mỗi ngày làm việc, “HH:MM-HH:MM”.")
    working_weekdays: list[int] = Field(description="Các thứ làm việc trong tuần, 0 = thứ Hai.")
    days: list[SpecialDayOut] = Field(
        description="Các ngày khác lịch tuần thường lệ: ngày thường được nghỉ (lễ, Tết, nghỉ "
        "bù, điều chỉnh của quản trị) và ngày cuối tuần phải làm việc (làm bù)."
    )


@router.get(
    "/days",
    response={200: DaysOut, 422: ErrorSchema},
    by_alias=True,
    summary="Ngày nghỉ và ngày làm bù trong một khoảng",
)
def days(request: HttpRequest, query: Query[DaysQuery]):
    if query.to < query.from_:
        raise ApiError(_("Ngày cuối phải sau hoặc bằng ngày đầu."), status=422, field="to")
    if query.to - query.from_ >= timedelta(days=MAX_LISTED_DAYS):
        raise ApiError(
            _("Khoảng ngày dài tối đa %(n)d ngày.") % {"n": MAX_LISTED_DAYS},
            status=422,
            field="to",
        )
    calendar = get_calendar()
    return {
        "from": query.from_,
        "to": query.to,
        "work_periods": calendar.period_labels(),
        "working_weekdays": sorted(calendar.weekdays),
        "days": [
            {"date": day, "weekday": weekday_name(day), "is_working": working, "reason": reason}
            for day, working, reason in calendar.special_days(query.from_, query.to)
        ],
    }
