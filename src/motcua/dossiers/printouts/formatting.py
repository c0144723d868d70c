"""How the forms write moments, dates, time limits and the dossier code's QR code.

Moments are stored in UTC and always printed in Vietnam time. Dates in the place-and-date line
follow the administrative writing rule (Decree 30/2020/NĐ-CP): a day below 10 and the months
January and February take a leading zero ("ngày 05 tháng 02 năm 2026"), other months do not
("ngày 25 tháng 11 năm 2026").
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

import segno
from django.utils.translation import gettext as _

from motcua.catalog.choices import TimeUnit
from motcua.workdays.zone import VIETNAM


def local(moment: datetime | None) -> datetime | None:
    return moment.astimezone(VIETNAM) if moment is not None else None


def moment_text(moment: datetime | None) -> str:
    """'10 giờ 00 phút, ngày 23/02/2026' in Vietnam time; an empty string for no moment."""
    if moment is None:
        return ""
    at = local(moment)
    return _("%(hour)02d giờ %(minute)02d phút, ngày %(day)s") % {
        "hour": at.hour,
        "minute": at.minute,
        "day": at.strftime("%d/%m/%Y"),
    }


def short_moment(moment: datetime | None) -> str:
    """'10:00 23/02/2026', for the narrow columns of forms 05 and 06."""
    if moment is None:
        return ""
    return local(moment).strftime("%H:%M %d/%m/%Y")


def day_text(day: date) -> str:
    """'ngày 05 tháng 02 năm 2026', 'ngày 25 tháng 11 năm 2026'."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return _("ngày %(day)02d tháng %(month)s năm %(year)d") % {
        "day": day.day,
        "month": month,
        "year": day.year,
    }


def place_and_date(place: str, moment: datetime) -> str:
    """'Hà Nội, ngày 25 tháng 11 năm 2026': the date is the local day of `moment`."""
    return f"{place}, {day_text(local(moment).date())}"


def number_text(value) -> str:
    """A decimal written the Vietnamese way: '15', '0,5'."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    text = format(number.normalize(), "f")
    return text.replace(".", ",")


def time_limit_text(time_limit: dict, *, two_digits: bool = False) -> str:
    """The statutory time of the snapshot in the unit it was published in: '15 ngày làm việc',
    '4 giờ làm việc', '30 ngày'. With `two_digits`, a whole number below ten takes a leading
    zero, as the forms of Circular 01/2018/TT-VPCP write it: '01 ngày làm việc'."""
    if not time_limit:
        return ""
    unit = time_limit.get("unit", "")
    label = TimeUnit(unit).label if unit in TimeUnit.values else unit
    number = number_text(time_limit.get("value", ""))
    if two_digits and number.isdigit() and len(number) == 1:
        number = f"0{number}"
    return f"{number} {str(label).lower()}"


def qr_data_uri(text: str) -> str:
    """The QR code of `text` as an SVG data URI: crisp at any print size, no image file."""
    return segno.make(text, error="m", micro=False).svg_data_uri(scale=4, border=2)


# The fields of a printout's QR code, in the order they are written (Circular 01/2023/TT-VPCP
# asks for at least the dossier code, the procedure code, the applicant's identifier and the
# document's name). docs/printouts.md describes the payload.
QR_FIELDS = (
    ("ma_ho_so", "dossier code"),
    ("ma_tthc", "procedure code"),
    ("ma_doi_tuong", "applicant's personal ID or tax code"),
    ("ten_giay_to", "document's name"),
    ("mau", "form number"),
    ("so", "document number"),
)


def qr_payload(fields: dict) -> str:
    """The text of a printout's QR code: one `key=value` line per known field that has a value,
    in the order of QR_FIELDS, UTF-8. A value never spans lines (line breaks become spaces)."""
    lines = []
    for key, _meaning in QR_FIELDS:
        value = " ".join(str(fields.get(key) or "").split())
        if value:
            lines.append(f"{key}={value}")
    return "\n".join(lines)


def parse_qr_payload(text: str) -> dict:
    """The fields of a payload written by `qr_payload` (for readers and tests)."""
    fields = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            fields[key.strip()] = value
    return fields


def parse_moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


NBSP = "\u00a0"
# The words that open a place name inside an agency's name ("Thành phố Hà Nội", "Phường Ba
# Đình"); "xã hội" (society) is not one.
_PLACE_NAME = re.compile(
    r"\b(?:thành phố|thị trấn|thị xã|đặc khu|tỉnh|phường|quận|huyện|xã(?!\s+hội\b))"
    r"(?:\s+[^\s,;()\-–]+)+",
    re.IGNORECASE,
)


def keep_names_together(text: str) -> str:
    """`text` with each place name ("THÀNH PHỐ HÀ NỘI") tied by non-breaking spaces, so a
    printout wraps an agency's name between its parts, never inside a place's name."""
    return _PLACE_NAME.sub(lambda match: NBSP.join(match.group(0).split()), text or "")
