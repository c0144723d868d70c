"""The figures for leaders' systems (a province's operations centre, a ministry's dashboard):
the same numbers the office's report pages show, for a period, an agency's subtree, a field or
a procedure (docs/api.md "Reports").

Callers are API clients holding the `reports:read` scope, whose service user reads reports on
the client's agency and its whole subtree, or signed-in officials with a report-reading role.
Which agencies a caller may read, `reports.scope` decides: another agency's figures are a 403
that says which agencies the caller may read.
"""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from pydantic import field_validator

from motcua.accounts.apiclients import REPORTS_SCOPE
from motcua.api.auth import AUTH, require_scope
from motcua.api.errors import ApiError, ErrorSchema
from motcua.reports import figures as reports_figures
from motcua.reports import scope as reports_scope
from motcua.reports import service_index as reports_index
from motcua.reports.lookups import find_agency, find_field, find_procedure

router = Router(auth=AUTH)

FIRST_YEAR, LAST_YEAR = 2000, 2099
MAX_DAYS = 366
_DATE_IN_YEARS = r"^20\d\d-"
ERRORS = {401: ErrorSchema, 403: ErrorSchema, 422: ErrorSchema, 429: ErrorSchema}


# --- parameters --------------------------------------------------------------------------


class ReportQuery(Schema):
    start: date = Field(
        description="Ngày đầu kỳ báo cáo (tính cả ngày này), YYYY-MM-DD, năm 2000–2099.",
        json_schema_extra={"pattern": _DATE_IN_YEARS},
    )
    end: date = Field(
        description=f"Ngày cuối kỳ (tính cả ngày này), YYYY-MM-DD, không trước ngày đầu; kỳ dài "
        f"tối đa {MAX_DAYS} ngày.",
        json_schema_extra={"pattern": _DATE_IN_YEARS},
    )
    agency: str | None = Field(
        None,
        max_length=20,
        description="Mã định danh hoặc id của cơ quan (cả các đơn vị trực thuộc). Bỏ trống: "
        "cơ quan cao nhất mà ứng dụng được xem.",
        json_schema_extra={"pattern": r"\S"},
    )
    field: str | None = Field(
        None,
        max_length=50,
        description="Mã hoặc id của lĩnh vực.",
        json_schema_extra={"pattern": r"\S"},
    )
    procedure: str | None = Field(
        None,
        max_length=40,
        description="Mã hoặc id của thủ tục hành chính.",
        json_schema_extra={"pattern": r"\S"},
    )

    @field_validator("start", "end", mode="after")
    @classmethod
    def _in_years(cls, value):
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise ValueError(_("Năm phải từ %(a)d đến %(b)d.") % {"a": FIRST_YEAR, "b": LAST_YEAR})
        return value


# --- answers -----------------------------------------------------------------------------


class NamedOut(Schema):
    id: int
    code: str
    name: str


class ScopeOut(Schema):
    start: date
    end: date
    agency: NamedOut | None = Field(
        description="Cơ quan (gồm các đơn vị trực thuộc); null: cả tỉnh."
    )
    field: NamedOut | None
    procedure: NamedOut | None


class CatalogFiguresOut(Schema):
    total: int = Field(description="Số thủ tục đang công bố.")
    by_level: dict[str, int] = Field(description="Số thủ tục theo mức độ 1–4 (NĐ 43/2011).")
    by_class: dict[str, int] = Field(description="Theo phân loại NĐ 42/2022: full, partial, none.")
    level34: int
    full_process: int
    integrated: int = Field(description="Tích hợp lên Cổng Dịch vụ công quốc gia.")
    fee_bearing: int
    online_payment: int
    level34_share: float | None
    full_process_share: float | None
    integrated_share: float | None


COUNT_FIELDS = (
    "received",
    "received_counter",
    "received_online",
    "received_national_portal",
    "received_post",
    "received_late",
    "finished",
    "finished_early",
    "finished_on_time",
    "finished_late",
    "overdue_now",
    "in_progress",
    "supplemented",
    "second_supplement",
    "apologised",
    "stopped",
    "withdrawn",
    "refused",
    "paid_online",
    "postal",
    "electronic_result",
    "digitised",
    "reused",
    "population_checked",
    "synced",
)
RATIO_FIELDS = (
    "online_share",
    "processing_days_mean",
    "processing_days_p90",
    "sync_lag_p50_seconds",
    "sync_lag_p95_seconds",
)


class DossierFiguresOut(Schema):
    received: int = Field(description="Hồ sơ tiếp nhận trong kỳ.")
    received_counter: int
    received_online: int
    received_national_portal: int
    received_post: int
    online_share: float | None = Field(description="Tỷ lệ trực tuyến (0..1).")
    received_late: int = Field(description="Tiếp nhận chậm.")
    finished: int
    finished_early: int
    finished_on_time: int
    finished_late: int
    overdue_now: int
    in_progress: int
    processing_days_mean: float | None = Field(description="Ngày làm việc.")
    processing_days_p90: float | None
    supplemented: int
    second_supplement: int
    apologised: int
    stopped: int
    withdrawn: int
    refused: int
    paid_online: int
    postal: int
    electronic_result: int
    digitised: int
    reused: int
    population_checked: int
    synced: int
    sync_lag_p50_seconds: float | None
    sync_lag_p95_seconds: float | None


class BreakdownRowOut(Schema):
    key: str
    label: str
    agency: NamedOut | None
    figures: DossierFiguresOut


class FiguresOut(Schema):
    scope: ScopeOut
    generated_at: str = Field(description="Thời điểm tính, giờ Việt Nam.")
    catalog: CatalogFiguresOut
    dossiers: DossierFiguresOut
    agencies: list[BreakdownRowOut] = Field(
        description="Số liệu của từng đơn vị trực thuộc cơ quan đã chọn (mỗi đơn vị tính cả "
        "cấp dưới)."
    )


class BandOut(Schema):
    code: str
    label: str
    minimum: float


class GroupScoreOut(Schema):
    number: int
    label: str
    max_points: float = Field(description="Điểm tối đa của nhóm theo cấu hình.")
    applicable_max: float = Field(
        description="Điểm tối đa của các chỉ số áp dụng được trong phạm vi này."
    )
    points: float


class IndicatorScoreOut(Schema):
    code: str
    group: int
    label: str
    definition: str
    max_points: float
    threshold: float | None
    numerator: int
    denominator: int
    ratio: float | None = Field(description="null: không áp dụng (mẫu số bằng 0).")
    points: float | None = Field(description="null: không áp dụng.")


class IndexCardOut(Schema):
    total: float = Field(description="Tổng điểm, 0–100, quy đổi trên các chỉ số áp dụng được.")
    points: float = Field(description="Điểm đạt được, trước khi quy đổi.")
    applicable_max: float = Field(description="Điểm tối đa của các chỉ số áp dụng được.")
    band: BandOut
    groups: list[GroupScoreOut]
    indicators: list[IndicatorScoreOut]


class LeagueRowOut(Schema):
    rank: int
    agency: NamedOut
    total: float
    band: BandOut


class ServiceIndexOut(Schema):
    scope: ScopeOut
    generated_at: str
    card: IndexCardOut
    league: list[LeagueRowOut] = Field(
        description="Bảng xếp hạng các đơn vị trực thuộc cơ quan đã chọn, cao nhất trước."
    )


# --- helpers -----------------------------------------------------------------------------


def _named(obj) -> dict | None:
    if obj is None:
        return None
    return {"id": obj.pk, "code": obj.code, "name": obj.name}


def _scope(request: HttpRequest, query: ReportQuery, *, now):
    """The scope asked for, checked: the caller's scope of key, the parameters, and whether
    the caller may read that agency."""
    require_scope(request, REPORTS_SCOPE)
    if query.end < query.start:
        raise ApiError(_("Ngày cuối phải sau hoặc bằng ngày đầu."), status=422, field="end")
    if (query.end - query.start).days >= MAX_DAYS:
        raise ApiError(
            _("Kỳ báo cáo dài tối đa %(n)d ngày.") % {"n": MAX_DAYS}, status=422, field="end"
        )
    found = {}
    for name, finder, message in (
        ("agency", find_agency, _("Không có cơ quan nào mang mã hoặc id “%(code)s”.")),
        ("field", find_field, _("Không có lĩnh vực nào mang mã hoặc id “%(code)s”.")),
        ("procedure", find_procedure, _("Không có thủ tục nào mang mã hoặc id “%(code)s”.")),
    ):
        text = getattr(query, name)
        if text is None:
            found[name] = None
            continue
        found[name] = finder(text)
        if found[name] is None:
            raise ApiError(message % {"code": text[:50]}, status=422, field=name)
    try:
        return reports_scope.scope_for(request.auth, start=query.start, end=query.end, **found)
    except reports_scope.NotAllowed as exc:
        raise ApiError(_refusal(request.auth, found["agency"]), status=403) from exc


def _refusal(user, agency) -> str:
    readable = list(reports_scope.readable_agencies(user).values_list("name", flat=True)[:5])
    if not readable:
        return _("Tài khoản này không có quyền xem báo cáo của cơ quan nào.")
    if agency is None:
        return _("Tài khoản này không có quyền xem báo cáo của cả tỉnh.")
    return _(
        "Không được xem số liệu của “%(agency)s”: tài khoản này chỉ được xem số liệu của "
        "%(readable)s và các đơn vị trực thuộc."
    ) % {"agency": agency.name, "readable": ", ".join(f"“{name}”" for name in readable)}


def _scope_out(scope) -> dict:
    return {
        "start": scope.start,
        "end": scope.end,
        "agency": _named(scope.agency),
        "field": _named(scope.field),
        "procedure": _named(scope.procedure),
    }


def _dossier_figures(figures) -> dict:
    return {name: getattr(figures, name) for name in COUNT_FIELDS + RATIO_FIELDS}


def _catalog_figures(figures) -> dict:
    return {
        "total": figures.total,
        "by_level": {str(level): count for level, count in figures.by_level.items()},
        "by_class": dict(figures.by_class),
        "level34": figures.level34,
        "full_process": figures.full_process,
        "integrated": figures.integrated,
        "fee_bearing": figures.fee_bearing,
        "online_payment": figures.online_payment,
        "level34_share": figures.level34_share,
        "full_process_share": figures.full_process_share,
        "integrated_share": figures.integrated_share,
    }


def _moment(now) -> str:
    return timezone.localtime(now).isoformat(timespec="seconds")


def _private(response):
    response["Cache-Control"] = "private, no-cache"
    return response


# --- endpoints ---------------------------------------------------------------------------


@router.get(
    "/figures",
    url_name="reports_figures",
    response={200: FiguresOut, **ERRORS},
    summary="Số liệu báo cáo: thủ tục, hồ sơ tiếp nhận và giải quyết của một phạm vi",
)
def figures(request: HttpRequest, response: HttpResponse, query: Query[ReportQuery]):
    _private(response)
    now = timezone.now()
    scope = _scope(request, query, now=now)
    return {
        "scope": _scope_out(scope),
        "generated_at": _moment(now),
        "catalog": _catalog_figures(reports_figures.catalog_figures(scope)),
        "dossiers": _dossier_figures(reports_figures.dossier_figures(scope, now=now)),
        "agencies": [
            {
                "key": row.key,
                "label": row.label,
                "agency": _named(row.scope.agency if row.scope else None),
                "figures": _dossier_figures(row.figures),
            }
            for row in reports_figures.breakdown(scope, "agency", now=now)
        ],
    }


@router.get(
    "/service-index",
    url_name="reports_service_index",
    response={200: ServiceIndexOut, **ERRORS},
    summary="Chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766) của một phạm vi",
)
def service_index(request: HttpRequest, response: HttpResponse, query: Query[ReportQuery]):
    _private(response)
    now = timezone.now()
    scope = _scope(request, query, now=now)
    card = reports_index.service_index(scope, now=now)
    return {
        "scope": _scope_out(scope),
        "generated_at": _moment(now),
        "card": _card(card),
        "league": [
            {
                "rank": row.rank,
                "agency": _named(row.agency),
                "total": row.card.total,
                "band": _band(row.card.band),
            }
            for row in reports_index.league_table(scope, now=now)
        ],
    }


def _band(band) -> dict:
    return {"code": band.code, "label": str(band.label), "minimum": band.minimum}


def _card(card) -> dict:
    return {
        "total": card.total,
        "points": card.points,
        "applicable_max": card.applicable_max,
        "band": _band(card.band),
        "groups": [
            {
                "number": score.group.number,
                "label": str(score.group.label),
                "max_points": score.group.max_points,
                "applicable_max": score.max_points,
                "points": score.points,
            }
            for score in card.groups
        ],
        "indicators": [
            {
                "code": score.indicator.code,
                "group": score.indicator.group,
                "label": str(score.indicator.label),
                "definition": str(score.indicator.definition),
                "max_points": score.indicator.max_points,
                "threshold": score.indicator.threshold,
                "numerator": score.numerator,
                "denominator": score.denominator,
                "ratio": score.ratio,
                "points": score.points,
            }
            for score in card.indicators
        ],
    }
