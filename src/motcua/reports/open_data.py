"""Open data: the figures anyone may read and reuse, per agency, procedure and month, with no
personal data in them (docs/open-data.md).

What is published is a table of counts built from `reports.figures` (the same numbers the
leaders read), one row per (month, agency, procedure) with dossiers in it, and nothing about a
single dossier or person. Two rules keep a small count from pointing at somebody:

- **whole calendar months only**: a period is a run of whole months and every row is one month,
  so two overlapping periods can never be subtracted to isolate a day;
- **small counts suppressed**: a count from 1 to `OPEN_DATA_MIN_COUNT - 1` is published as
  suppressed (`None`), and where a total is published its parts are suppressed together when
  one of them is small (otherwise the total minus the others would give it back); a mean is
  suppressed with the count it is the mean of.

The licence (`OPEN_DATA_LICENCE`, an SPDX id) travels with every answer.
"""

from __future__ import annotations

import calendar
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency
from motcua.lib.replica import replica_reads
from motcua.reports import figures as reports_figures
from motcua.reports import lookups
from motcua.reports.scope import Scope
from motcua.workdays.zone import VIETNAM

# --- the licence -------------------------------------------------------------------------


@dataclass(frozen=True)
class Licence:
    code: str  # SPDX id
    name: str
    url: str
    publisher: str

    @property
    def attribution(self) -> str:
        """The line every download carries: who published it, under which licence."""
        return str(
            _("Nguồn: %(publisher)s. Dữ liệu mở theo giấy phép %(name)s (%(url)s).")
            % {"publisher": self.publisher, "name": self.name, "url": self.url}
        )

    @property
    def terms(self) -> str:
        return str(LICENCE_TERMS[self.code])


# The open licences suited to government data that may be chosen; each its SPDX id, its name and
# its text's address.
LICENCES = {
    "CC-BY-4.0": (
        "Creative Commons Attribution 4.0 International (CC BY 4.0)",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    "CC0-1.0": (
        "Creative Commons Zero v1.0 Universal (CC0 1.0)",
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
    "ODC-BY-1.0": (
        "Open Data Commons Attribution License v1.0 (ODC-By 1.0)",
        "https://opendatacommons.org/licenses/by/1-0/",
    ),
}
LICENCE_TERMS = {
    "CC-BY-4.0": _(
        "Được tự do sao chép, phân phối, chỉnh sửa và sử dụng, kể cả vì mục đích thương mại, "
        "với điều kiện ghi rõ nguồn dữ liệu."
    ),
    "CC0-1.0": _(
        "Dữ liệu được dành cho công chúng: được tự do sử dụng cho mọi mục đích, không cần xin "
        "phép; khuyến khích ghi nguồn."
    ),
    "ODC-BY-1.0": _(
        "Được tự do sao chép, phân phối và sử dụng cơ sở dữ liệu, với điều kiện ghi rõ nguồn dữ "
        "liệu."
    ),
}


def licence() -> Licence:
    code = settings.OPEN_DATA_LICENCE
    if code not in LICENCES:
        raise ImproperlyConfigured(
            f"OPEN_DATA_LICENCE={code!r} is not one of {', '.join(sorted(LICENCES))}"
        )
    name, url = LICENCES[code]
    return Licence(code=code, name=name, url=url, publisher=settings.OPEN_DATA_PUBLISHER)


# --- the period --------------------------------------------------------------------------


class BadPeriod(ValueError):
    """A period the open data does not publish; `field` names the parameter at fault."""

    def __init__(self, message: str, *, field: str):
        super().__init__(message)
        self.message = message
        self.field = field


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def check_period(start: date, end: date, *, today: date) -> list[date]:
    """The first days of the months from `start` to `end`, which must be whole months (start
    on the first of a month, end on the last day of one), not after this month, at most
    OPEN_DATA_MAX_MONTHS of them. Raises BadPeriod otherwise."""
    if start.day != 1:
        raise BadPeriod(
            str(_("Ngày bắt đầu phải là ngày đầu tháng (số liệu theo tháng).")), field="start"
        )
    if end != month_end(end):
        raise BadPeriod(
            str(_("Ngày kết thúc phải là ngày cuối tháng (số liệu theo tháng).")), field="end"
        )
    if end < start:
        raise BadPeriod(str(_("Ngày kết thúc phải sau ngày bắt đầu.")), field="end")
    if start > today:
        raise BadPeriod(str(_("Chưa có số liệu của tháng này.")), field="start")
    months = []
    first = start
    while first <= end:
        months.append(first)
        first = (
            first.replace(year=first.year + 1, month=1)
            if first.month == 12
            else first.replace(month=first.month + 1)
        )
    limit = settings.OPEN_DATA_MAX_MONTHS
    if len(months) > limit:
        raise BadPeriod(
            str(_("Mỗi lần chỉ lấy được tối đa %(limit)d tháng.") % {"limit": limit}),
            field="end",
        )
    return months


def current_month(today: date) -> tuple[date, date]:
    first = today.replace(day=1)
    return first, month_end(first)


# --- the table ---------------------------------------------------------------------------

# The published counts, in order: (name, the Vietnamese heading of the CSV and the page).
COUNTS = (
    ("received", _("Số hồ sơ tiếp nhận")),
    ("received_online", _("Trong đó trực tuyến")),
    ("finished", _("Số hồ sơ đã giải quyết")),
    ("finished_on_time", _("Giải quyết đúng hạn và trước hạn")),
    ("finished_late", _("Giải quyết quá hạn")),
)
MEANS = (("processing_days_mean", _("Thời gian giải quyết trung bình (ngày làm việc)")),)
VALUE_COLUMNS = COUNTS + MEANS
KEY_COLUMNS = (
    ("month", _("Tháng")),
    ("agency_code", _("Mã cơ quan")),
    ("agency_name", _("Tên cơ quan")),
    ("field_code", _("Mã lĩnh vực")),
    ("field_name", _("Tên lĩnh vực")),
    ("procedure_code", _("Mã thủ tục")),
    ("procedure_name", _("Tên thủ tục")),
)
# The CSV's two last columns, on every line.
LICENCE_COLUMNS = (("licence", _("Giấy phép")), ("source", _("Nguồn")))


def columns():
    """The columns of a row, in order: (name, Vietnamese heading)."""
    return KEY_COLUMNS + VALUE_COLUMNS


def suppression_note(k: int) -> str:
    if k <= 1:
        return str(_("Không ẩn số liệu nào."))
    return str(
        _(
            "Số đếm từ 1 đến %(top)d được để trống (null) để không ai có thể bị nhận ra; khi một "
            "tổng được công bố mà một phần của nó bị ẩn, các phần còn lại của tổng đó cũng được "
            "ẩn. Thời gian trung bình được ẩn cùng số hồ sơ đã giải quyết."
        )
        % {"top": k - 1}
    )


GRANULARITY_NOTE = _(
    "Số liệu theo từng tháng dương lịch, tính trực tiếp từ hệ thống (tháng hiện tại tính đến "
    "thời điểm lấy); mỗi dòng là một cơ quan (gồm cả các đơn vị trực thuộc), một thủ tục và "
    "một tháng. Không công bố tổng của nhiều tháng."
)


# A total and its parts: when the total is published and any part (or what the total leaves
# beside the listed parts) is a suppressed count, every listed part is suppressed.
ADDITIVE = (
    ("received", ("received_online",)),
    ("finished", ("finished_on_time", "finished_late")),
)


@dataclass
class OpenRow:
    month: date
    agency_code: str
    agency_name: str
    field_code: str
    field_name: str
    procedure_code: str
    procedure_name: str
    values: dict[str, int | float | None] = field(default_factory=dict)


@dataclass
class OpenTable:
    start: date
    end: date
    agency: Agency | None
    generated_at: datetime
    min_count: int
    licence: Licence
    rows: list[OpenRow]


def _small(value, k: int) -> bool:
    return value is not None and 0 < value < k


def suppress(raw: dict[str, int | float | None], k: int) -> dict[str, int | float | None]:
    """The published values of one row: small counts and what would give them back removed."""
    out = {name: raw.get(name) for name, _label in COUNTS}
    hidden = {name for name, _label in COUNTS if _small(out[name], k)}
    for total, parts in ADDITIVE:
        if total in hidden:
            hidden.update(parts)  # a part is at most its total: small too, or zero
            continue
        rest = (out[total] or 0) - sum(out[part] or 0 for part in parts)
        if _small(rest, k) or any(part in hidden for part in parts):
            hidden.update(parts)
    for name in hidden:
        out[name] = None
    mean = raw.get("processing_days_mean")
    out["processing_days_mean"] = (
        None if mean is None or "finished" in hidden else round(float(mean), 1)
    )
    return out


def _values(figures) -> dict[str, int | float | None]:
    return {
        "received": figures.received,
        "received_online": figures.received_online + figures.received_national_portal,
        "finished": figures.finished,
        "finished_on_time": figures.finished_early + figures.finished_on_time,
        "finished_late": figures.finished_late,
        "processing_days_mean": figures.processing_days_mean,
    }


def build_table(start: date, end: date, agency: Agency | None, *, now: datetime) -> OpenTable:
    """The open table of the months from `start` to `end` (checked by `check_period`) for the
    agencies under `agency` (None: the province's top-level agencies). Cached for
    OPEN_DATA_CACHE_SECONDS: every face reads the same answer."""
    k = settings.OPEN_DATA_MIN_COUNT
    key = (
        f"motcua:opendata:{start.isoformat()}:{end.isoformat()}:{agency.pk if agency else '-'}:{k}"
    )
    seconds = settings.OPEN_DATA_CACHE_SECONDS
    if seconds:
        cached = cache.get(key)
        if cached is not None:
            return cached
    table = _build(start, end, agency, now=now, k=k)
    if seconds:
        cache.set(key, table, timeout=seconds)
    return table


def _build(start, end, agency, *, now, k) -> OpenTable:
    today = timezone.localtime(now, VIETNAM).date()  # the Vietnam calendar's day
    rows: list[OpenRow] = []
    with replica_reads():
        for first in check_period(start, end, today=today):
            month = Scope(start=first, end=month_end(first), agency=agency)
            units = [
                row.scope
                for row in reports_figures.breakdown(month, "agency", now=now)
                if row.scope is not None
            ]
            if not units and agency is not None:
                units = [month]
            for unit in units:
                for row in reports_figures.breakdown(unit, "procedure", now=now):
                    raw = _values(row.figures)
                    if not any(raw[name] for name, _label in COUNTS):
                        continue
                    procedure = row.scope.procedure if row.scope is not None else None
                    rows.append(
                        OpenRow(
                            month=first,
                            agency_code=unit.agency.code if unit.agency else "",
                            agency_name=unit.agency.name if unit.agency else "",
                            field_code=procedure.field.code if procedure else "",
                            field_name=procedure.field.name if procedure else "",
                            procedure_code=procedure.code if procedure else row.key,
                            procedure_name=procedure.name if procedure else row.label,
                            values=suppress(raw, k),
                        )
                    )
    return OpenTable(
        start=start,
        end=end,
        agency=agency,
        generated_at=now,
        min_count=k,
        licence=licence(),
        rows=rows,
    )


# --- agencies ----------------------------------------------------------------------------


def public_agencies():
    """The active agencies, as the public may know them (names and codes, no contacts)."""
    with replica_reads():
        return list(
            Agency.objects.filter(is_active=True)
            .select_related("parent")
            .only("id", "code", "name", "short_name", "kind", "depth", "path", "parent__code")
            .order_by("path")
        )


def find_agency(text: str) -> Agency | None:
    """An active agency by its code, or by its id."""
    return lookups.find_agency(text, active_only=True)


def fingerprint(payload) -> str:
    """A strong ETag for an answer: the hash of what it says."""
    text = json.dumps(payload, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:32]
