"""The leaders' dashboard (/can-bo/bao-cao/): headline figures, trends, the breakdown with its
drill-down through the agency tree, by field and by procedure, down to the dossiers behind a
count; the service index (/can-bo/bao-cao/chi-so/) and the log book, form 07
(/can-bo/bao-cao/so-theo-doi/).

For unit leaders, report readers and system administrators, over the agencies
`reports.scope.readable_agencies` gives them; an agency outside them answers 403. The figures
come from `motcua.reports`; these views parse, authorise, lay out and export (office/exports.py).
A list of dossiers shows an applicant only to an official who handles the dossier, and each
such read is logged.
"""

from __future__ import annotations

from functools import wraps

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from motcua.agencies.choices import Role
from motcua.agencies.models import Agency
from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers.choices import Channel, DossierStatus
from motcua.events.services import log_personal_data_reads
from motcua.office import charts, reporting
from motcua.office.access import forbidden, official_required, role_names
from motcua.office.exports import (
    Table,
    as_percent,
    file_response,
    requested_format,
    requested_table,
)
from motcua.office.presenting import format_moment
from motcua.office.views.common import is_htmx
from motcua.reports import figures as report_figures
from motcua.reports import scope as report_scope

REPORT_ROLES = frozenset({Role.UNIT_LEADER, Role.REPORT_READER, Role.SYSTEM_ADMIN})
PAGE_SIZE = 25
EXPORT_LIMIT = 20_000


def report_page(view):
    """Officials with a role that reads reports; an agency they may not read is a 403 page."""

    @wraps(view)
    @official_required
    def wrapper(request, *args, **kwargs):
        if not REPORT_ROLES & role_names(request):
            return forbidden(
                request,
                _(
                    "Báo cáo, thống kê dành cho lãnh đạo đơn vị, người xem báo cáo và quản trị "
                    "hệ thống."
                ),
            )
        try:
            return view(request, *args, **kwargs)
        except report_scope.NotAllowed:
            return forbidden(request, _("Bạn không được xem số liệu của cơ quan, đơn vị này."))

    return wrapper


def _invalid(request, template: str, form, context: dict | None = None):
    """The page with its filter and each bad parameter's message, answered 400."""
    context = {**(context or {}), "form": form, "errors": reporting.error_list(form)}
    return render(request, template, context, status=400)


def _query(request, **changes) -> str:
    """The current query string with some parameters changed (None or "" drops one); the
    page number and the export always dropped."""
    params = request.GET.copy()
    for key in ("trang", "xuat", "bang"):
        params.pop(key, None)
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = str(value)
    encoded = params.urlencode()
    return "?" + encoded if encoded else "?"


def _scope(request, data):
    return report_scope.scope_for(
        request.user,
        start=data["tu"],
        end=data["den"],
        agency=data["co_quan"],
        field=data["linh_vuc"],
        procedure=data["thu_tuc"],
    )


def _trail(request, scope) -> tuple[list[tuple[str, str]], list[Agency]]:
    """The way down to the scope's agency, each step a link (label, query), from the whole
    province or the topmost agency the user may read; and, for a user who reads several
    separate agencies, those agencies."""
    whole = report_scope.may_read(request.user, None)
    trail = []
    roots: list[Agency] = []
    ids: set[int] = set()
    if whole:
        trail.append((_("Toàn tỉnh"), _query(request, co_quan=None)))
    else:
        readable = list(report_scope.readable_agencies(request.user).order_by("depth", "name"))
        ids = {agency.pk for agency in readable}
        roots = [agency for agency in readable if agency.parent_id not in ids]
    if scope.agency is not None:
        for agency in scope.agency.ancestors():
            if whole or agency.pk in ids:
                trail.append((agency.name, _query(request, co_quan=agency.pk)))
    return trail, (roots if len(roots) > 1 else [])


# --- the tables ---------------------------------------------------------------------------------


def _on_time_share(figures) -> float | None:
    if not figures.finished:
        return None
    return (figures.finished_early + figures.finished_on_time) / figures.finished


def figures_table(figures) -> Table:
    """Every figure of the scope, one per row."""
    rows = []
    for name, label in reporting.FIGURE_LABELS.items():
        value = getattr(figures, name, None)
        if name == "online_share":
            value = as_percent(value)
        elif isinstance(value, float):
            value = round(value, 1)
        rows.append([label, value])
    return Table(
        slug="so-lieu",
        title=_("Số liệu hồ sơ"),
        headers=[_("Chỉ tiêu"), _("Giá trị")],
        rows=rows,
    )


def catalog_table(catalog) -> Table:
    def share(part, whole):
        return as_percent(part / whole) if whole else None

    rows = [
        [_("Thủ tục đang công bố"), catalog.total, None],
        [
            _("Dịch vụ công trực tuyến mức độ 3, 4"),
            catalog.level34,
            as_percent(catalog.level34_share),
        ],
        [
            _("Dịch vụ công trực tuyến toàn trình"),
            catalog.full_process,
            as_percent(catalog.full_process_share),
        ],
        [
            _("Tích hợp, cung cấp trên Cổng Dịch vụ công quốc gia"),
            catalog.integrated,
            as_percent(catalog.integrated_share),
        ],
        [_("Thủ tục có phí, lệ phí"), catalog.fee_bearing, None],
        [
            _("Trong đó thanh toán trực tuyến được"),
            catalog.online_payment,
            share(catalog.online_payment, catalog.fee_bearing),
        ],
    ]
    for level in sorted(catalog.by_level):
        rows.append(
            [
                _("Mức độ %(level)s") % {"level": level},
                catalog.by_level[level],
                share(catalog.by_level[level], catalog.total),
            ]
        )
    return Table(
        slug="danh-muc",
        title=_("Danh mục thủ tục"),
        headers=[_("Chỉ tiêu"), _("Số thủ tục"), _("Tỷ lệ (%)")],
        rows=rows,
    )


def trend_table(points, grain: str) -> Table:
    return Table(
        slug="xu-huong",
        title=_("Xu hướng"),
        headers=[
            _("Kỳ"),
            _("Từ ngày"),
            _("Tiếp nhận"),
            _("Trực tuyến"),
            _("Đã giải quyết"),
            _("Đúng và trước hạn"),
            _("Quá hạn"),
        ],
        rows=[
            [
                reporting.period_label(point.start, grain),
                point.start,
                point.received,
                point.online,
                point.finished,
                point.finished_on_time,
                point.finished_late,
            ]
            for point in points
        ],
    )


BREAKDOWN_FIGURES = (
    "received",
    "received_online",
    "finished",
    "finished_early",
    "finished_on_time",
    "finished_late",
    "overdue_now",
    "in_progress",
)


def breakdown_table(rows, group: str) -> Table:
    headers = [
        _column_of(group),
        _("Tiếp nhận"),
        _("Trực tuyến"),
        _("Tỷ lệ trực tuyến (%)"),
        _("Đã giải quyết"),
        _("Trước hạn"),
        _("Đúng hạn"),
        _("Quá hạn"),
        _("Tỷ lệ đúng hạn (%)"),
        _("Đang quá hạn"),
        _("Đang giải quyết"),
        _("Thời gian trung bình (ngày làm việc)"),
    ]
    table_rows = []
    for row in rows:
        f = row.figures
        table_rows.append(
            [
                row.label,
                f.received,
                f.received_online + f.received_national_portal,
                as_percent(f.online_share),
                f.finished,
                f.finished_early,
                f.finished_on_time,
                f.finished_late,
                as_percent(_on_time_share(f)),
                f.overdue_now,
                f.in_progress,
                None if f.processing_days_mean is None else round(f.processing_days_mean, 1),
            ]
        )
    return Table(slug="chi-tiet", title=_("Bảng chi tiết"), headers=headers, rows=table_rows)


def _column_of(group: str) -> str:
    return {
        "co-quan": _("Cơ quan, đơn vị"),
        "linh-vuc": _("Lĩnh vực"),
        "thu-tuc": _("Thủ tục"),
        "kenh": _("Kênh nộp"),
    }[group]


def dossier_rows(dossiers) -> list[list]:
    rows = []
    for dossier in dossiers:
        rows.append(
            [
                dossier.code,
                dossier.procedure.name,
                DossierStatus(dossier.status).label,
                Channel(dossier.channel).label,
                format_moment(dossier.received_at),
                format_moment(dossier.decided_due_at or dossier.due_at),
                format_moment(dossier.decided_at),
                dossier.applicant_name if dossier.shows_personal_data else "",
            ]
        )
    return rows


def dossiers_table(rows, label: str) -> Table:
    return Table(
        slug="ho-so",
        title=str(label),
        headers=[
            _("Mã hồ sơ"),
            _("Thủ tục"),
            _("Trạng thái"),
            _("Kênh nộp"),
            _("Tiếp nhận"),
            _("Hạn giải quyết"),
            _("Có kết quả"),
            _("Người nộp"),
        ],
        rows=rows,
    )


def _behind(request, scope, figure: str, now):
    """The dossiers behind `figure`, each marked whether this official sees its applicant."""
    queryset = report_figures.dossiers(scope, figure, now=now)
    return (
        dossier_selectors.mark_personal_data(queryset, request.user)
        .select_related("procedure")
        .order_by("-received_at", "-pk")
    )


def _log_reads(request, dossiers, context: str) -> None:
    shown = [dossier for dossier in dossiers if dossier.shows_personal_data]
    if shown:
        log_personal_data_reads(request.user, shown, context=context)


# --- the dashboard ------------------------------------------------------------------------------


@require_safe
@report_page
def dashboard(request):
    form = reporting.DashboardFilter(request.GET)
    template = "office/reports/dashboard.html"
    if not form.is_valid():
        return _invalid(request, template, form)
    data = form.cleaned_data
    scope = _scope(request, data)
    now = timezone.now()
    group, figure = data["nhom"], data["chi_tieu"]
    stem = f"bao-cao-{scope.start:%Y%m%d}-{scope.end:%Y%m%d}"
    export = requested_format(request)
    if export:
        builders = {
            "so-lieu": lambda: figures_table(report_figures.dossier_figures(scope, now=now)),
            "danh-muc": lambda: catalog_table(report_figures.catalog_figures(scope)),
            "xu-huong": lambda: trend_table(
                report_figures.trend(scope, data["grain"], now=now), data["grain"]
            ),
            "chi-tiet": lambda: breakdown_table(
                report_figures.breakdown(scope, reporting.BREAKDOWNS[group], now=now), group
            ),
        }
        slug = request.GET.get("bang", "")
        if slug == "ho-so" and figure:
            dossiers = list(_behind(request, scope, figure, now)[:EXPORT_LIMIT])
            _log_reads(request, dossiers, f"office:reports-export-{export}")
            table = dossiers_table(dossier_rows(dossiers), reporting.FIGURE_LABELS[figure])
            return file_response(table, export, stem=stem)
        if slug not in builders:
            form.add_error(None, _("Hãy chọn bảng cần tải về."))
            return _invalid(request, template, form)
        return file_response(builders[slug](), export, stem=stem)

    totals = report_figures.dossier_figures(scope, now=now)
    catalog = report_figures.catalog_figures(scope)
    points = report_figures.trend(scope, data["grain"], now=now)
    rows = report_figures.breakdown(scope, reporting.BREAKDOWNS[group], now=now)
    trend = trend_table(points, data["grain"])
    labels = [row[0] for row in trend.rows]
    context = {
        "form": form,
        "scope": scope,
        "now": now,
        "totals": totals,
        "catalog": catalog,
        "on_time_share": _on_time_share(totals),
        "online_payment_share": (
            catalog.online_payment / catalog.fee_bearing if catalog.fee_bearing else None
        ),
        "catalog_table": catalog_table(catalog),
        "figures_table": figures_table(totals),
        "figure_links": {
            name: _query(request, chi_tieu=name, trang=None) + "#ho-so" for name in reporting.COUNTS
        },
        "trend": trend,
        "grain": data["chu_ky"],
        "grains": reporting.GRAIN_LABELS,
        "received_chart": charts.bar_chart(
            _("Hồ sơ tiếp nhận và đã giải quyết"),
            labels,
            [
                charts.Series(_("Tiếp nhận"), [p.received for p in points], "chart-a"),
                charts.Series(_("Đã giải quyết"), [p.finished for p in points], "chart-b"),
            ],
        ),
        "timeliness_chart": charts.bar_chart(
            _("Hồ sơ đã giải quyết: đúng hạn và quá hạn"),
            labels,
            [
                charts.Series(
                    _("Đúng và trước hạn"), [p.finished_on_time for p in points], "chart-b"
                ),
                charts.Series(_("Quá hạn"), [p.finished_late for p in points], "chart-c"),
            ],
            stacked=True,
        ),
        "group": group,
        "groups": [
            (slug, label, _query(request, nhom=slug) + "#chi-tiet")
            for slug, label in reporting.BREAKDOWN_LABELS
        ],
        "breakdown": _breakdown_rows(request, rows, group, data),
        "breakdown_table": breakdown_table(rows, group),
        "trail": [],
        "roots": [],
    }
    context["trail"], context["roots"] = _trail(request, scope)
    context["figure_rows"] = [
        (label, value, context["figure_links"].get(name, ""))
        for name, (label, value) in zip(
            reporting.FIGURE_LABELS, context["figures_table"].rows, strict=True
        )
    ]
    context["filters"] = _filter_chips(request, scope)
    if figure:
        paginator = Paginator(_behind(request, scope, figure, now), PAGE_SIZE)
        page = paginator.get_page(data["trang"])
        shown = list(page.object_list)
        _log_reads(request, shown, "office:reports-dossiers")
        context.update(
            figure=figure,
            figure_label=reporting.FIGURE_LABELS[figure],
            page=page,
            dossiers=shown,
            dossiers_table=dossiers_table(dossier_rows(shown), reporting.FIGURE_LABELS[figure]),
            close_link=_query(request, chi_tieu=None),
            page_links={
                "previous": _query(request, trang=page.number - 1) + "#ho-so"
                if page.has_previous()
                else "",
                "next": _query(request, trang=page.number + 1) + "#ho-so"
                if page.has_next()
                else "",
            },
        )
    context["query"] = _query(request)
    response = render(
        request,
        "office/reports/_dashboard_body.html" if is_htmx(request) else template,
        context,
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


def _breakdown_rows(request, rows, group: str, data) -> list[dict]:
    """Each row with the link that drills into it (None for a channel) and a link per count."""
    parameter = {"co-quan": "co_quan", "linh-vuc": "linh_vuc", "thu-tuc": "thu_tuc"}.get(group)
    laid_out = []
    for row in rows:
        drill = None
        counts = {}
        if row.scope is not None and parameter:
            target = {
                "co_quan": row.scope.agency,
                "linh_vuc": row.scope.field,
                "thu_tuc": row.scope.procedure,
            }[parameter]
            if target is not None:
                drill = _query(request, **{parameter: target.pk, "chi_tieu": None})
                for name in BREAKDOWN_FIGURES:
                    if not getattr(row.figures, name):
                        continue  # nothing behind a zero
                    counts[name] = (
                        _query(request, **{parameter: target.pk, "chi_tieu": name}) + "#ho-so"
                    )
        laid_out.append(
            {
                "row": row,
                "drill": drill,
                "counts": counts,
                "online": row.figures.received_online + row.figures.received_national_portal,
                "on_time_share": _on_time_share(row.figures),
            }
        )
    return laid_out


def _filter_chips(request, scope) -> list[tuple[str, str, str]]:
    chips = []
    if scope.field is not None:
        chips.append((_("Lĩnh vực"), scope.field.name, _query(request, linh_vuc=None)))
    if scope.procedure is not None:
        chips.append((_("Thủ tục"), scope.procedure.name, _query(request, thu_tuc=None)))
    return chips


# --- the log book (form 07) ---------------------------------------------------------------------


def _logbook_agencies(request):
    """The receiving agencies among those the user may read, for the log book's choice."""
    return (
        report_scope.readable_agencies(request.user)
        .filter(receives_dossiers=True)
        .order_by("depth", "name")
    )


@require_safe
@report_page
def log_book(request):
    from motcua.dossiers.errors import DossierError
    from motcua.dossiers.printouts import (
        LOGBOOK_MAX_DAYS,
        PAGE_SIZES,
        logbook_rows,
        render_logbook_html,
        render_pdf,
    )

    template = "office/reports/log_book.html"
    agencies = list(_logbook_agencies(request)[:2000])
    form = reporting.ReportFilter(request.GET)
    context = {"agencies": agencies}
    if not form.is_valid():
        return _invalid(request, template, form, context)
    data = form.cleaned_data
    agency = data["co_quan"]
    context.update(form=form, agency=agency, start=data["tu"], end=data["den"])
    if agency is None:
        return render(request, template, context)
    scope = _scope(request, data)  # 403 outside what the user reads
    if not agency.receives_dossiers:
        form.add_error("co_quan", _("Cơ quan này không tiếp nhận hồ sơ nên không có sổ theo dõi."))
        return _invalid(request, template, form, context)
    if (scope.end - scope.start).days >= LOGBOOK_MAX_DAYS:
        form.add_error("den", _("Mỗi lần in sổ tối đa một năm."))
        return _invalid(request, template, form, context)
    handled = set(
        dossier_selectors.visible_dossiers(request.user)
        .filter(receiving_agency=agency)
        .values_list("pk", flat=True)
    )
    try:
        rows = logbook_rows(agency, date_from=scope.start, date_to=scope.end, personal=handled)
    except DossierError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return _invalid(request, template, form, context)
    export = request.GET.get("xuat", "")
    stem = f"so-theo-doi-{agency.pk}-{scope.start:%Y%m%d}-{scope.end:%Y%m%d}"
    if export in ("pdf", "csv", "xlsx"):
        _log_book_reads(request, rows, f"office:log-book-{export}")
    if export == "pdf":
        html = render_logbook_html(
            agency, date_from=scope.start, date_to=scope.end, now=timezone.now(), rows=rows
        )
        response = HttpResponse(
            render_pdf(html, size=PAGE_SIZES["07"]), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'attachment; filename="{stem}.pdf"'
        response["Cache-Control"] = "private, no-store"
        return response
    table = logbook_table(rows, agency)
    if export in ("csv", "xlsx"):
        return file_response(table, export, stem=stem)
    shown = rows[: PAGE_SIZE * 4]
    _log_book_reads(request, shown, "office:log-book")
    context.update(
        rows=shown,
        total=len(rows),
        query=_query(request),
    )
    return render(request, template, context)


def _log_book_reads(request, rows, context: str) -> None:
    shown = [row["dossier"] for row in rows if row["shows_personal_data"]]
    if shown:
        log_personal_data_reads(request.user, shown, context=context)


def logbook_table(rows, agency) -> Table:
    return Table(
        slug="so-07",
        title=_("Sổ theo dõi hồ sơ — %(agency)s") % {"agency": agency.name},
        headers=[
            _("Số TT"),
            _("Mã hồ sơ"),
            _("Tên thủ tục hành chính"),
            _("Số lượng hồ sơ (bộ)"),
            _("Tên cá nhân, tổ chức"),
            _("Địa chỉ, số điện thoại"),
            _("Cơ quan chủ trì giải quyết"),
            _("Nhận hồ sơ"),
            _("Hẹn trả kết quả"),
            _("Chuyển hồ sơ đến cơ quan giải quyết"),
            _("Nhận kết quả từ cơ quan giải quyết"),
            _("Trả lại để bổ sung"),
            _("Trả kết quả"),
            _("Ghi chú"),
        ],
        rows=[
            [
                row["number"],
                row["code"],
                row["procedure"],
                row["sets_count"],
                row["applicant"],
                row["address_phone"],
                row["lead_agency"],
                row["received"],
                row["promised"],
                row["sent"],
                row["result_ready"],
                "; ".join(row["supplements"]),
                row["returned"],
                row["notes"],
            ]
            for row in rows
        ],
    )


# --- the service index --------------------------------------------------------------------------


def _service_index():
    """reports.service_index, or None while this installation has none."""
    try:
        from motcua.reports import service_index
    except ImportError:
        return None
    return service_index


def _index_missing(request):
    return render(request, "office/reports/index_missing.html", {}, status=503)


@require_safe
@report_page
def service_index(request):
    index = _service_index()
    if index is None:
        return _index_missing(request)
    template = "office/reports/index.html"
    form = reporting.ReportFilter(request.GET)
    if not form.is_valid():
        return _invalid(request, template, form)
    data = form.cleaned_data
    scope = _scope(request, data)
    now = timezone.now()
    card = index.service_index(scope, now=now)
    league = index.league_table(scope, now=now)
    tables = [index_table(card), league_table(league)]
    export = requested_format(request)
    stem = f"chi-so-{scope.start:%Y%m%d}-{scope.end:%Y%m%d}"
    if export:
        table = requested_table(request, tables)
        if table is None:
            form.add_error(None, _("Hãy chọn bảng cần tải về."))
            return _invalid(request, template, form)
        return file_response(table, export, stem=stem)
    trail, roots = _trail(request, scope)
    context = {
        "form": form,
        "scope": scope,
        "card": card,
        "bands": index.BANDS,
        "groups": [
            {
                "group": score.group,
                "points": score.points,
                # the maximum of the group's indicators that apply here, when the index says
                "max_points": getattr(score, "max_points", None) or score.group.max_points,
                "indicators": [
                    i for i in card.indicators if i.indicator.group == _number_of(score)
                ],
            }
            for score in card.groups
        ],
        "league": [{"row": row, "drill": _query(request, co_quan=row.agency.pk)} for row in league],
        "index_table": tables[0],
        "league_table": tables[1],
        "trail": trail,
        "roots": roots,
        "query": _query(request),
        "drill_query": _query(request),
    }
    return render(request, template, context)


def _number_of(score) -> int:
    group = score.group
    return getattr(group, "number", group)


def index_table(card) -> Table:
    rows = []
    for score in card.indicators:
        indicator = score.indicator
        rows.append(
            [
                indicator.code,
                indicator.group,
                indicator.label,
                score.numerator,
                score.denominator,
                as_percent(score.ratio),
                None if score.points is None else round(score.points, 2),
                indicator.max_points,
            ]
        )
    rows.append(
        [_("Tổng điểm"), None, str(card.band.label), None, None, None, round(card.total, 2), 100]
    )
    return Table(
        slug="chi-so",
        title=_("Bộ chỉ số phục vụ người dân, doanh nghiệp"),
        headers=[
            _("Mã chỉ số"),
            _("Nhóm"),
            _("Chỉ số"),
            _("Tử số"),
            _("Mẫu số"),
            _("Tỷ lệ (%)"),
            _("Điểm"),
            _("Điểm tối đa"),
        ],
        rows=rows,
        bold_last_row=True,
    )


def league_table(league) -> Table:
    return Table(
        slug="xep-hang",
        title=_("Xếp hạng cơ quan, đơn vị"),
        headers=[_("Hạng"), _("Cơ quan, đơn vị"), _("Tổng điểm"), _("Xếp loại")],
        rows=[
            [row.rank, row.agency.name, round(row.card.total, 2), str(row.card.band.label)]
            for row in league
        ],
    )


@require_safe
@report_page
def service_index_drill(request, code: str):
    index = _service_index()
    if index is None:
        return _index_missing(request)
    indicator = next((i for i in index.INDICATORS if i.code == code), None)
    if indicator is None:
        raise Http404(_("Không có chỉ số này."))
    template = "office/reports/index_drill.html"
    form = reporting.ReportFilter(request.GET)
    if not form.is_valid():
        return _invalid(request, template, form, {"indicator": indicator})
    data = form.cleaned_data
    scope = _scope(request, data)
    now = timezone.now()
    drill = index.pulling_down(scope, code, now=now)
    export = requested_format(request)
    table, items = _drill_table(request, drill, indicator, export=export)
    if export:
        return file_response(table, export, stem=f"chi-so-{code}")
    context = {
        "form": form,
        "scope": scope,
        "indicator": indicator,
        "drill": drill,
        "table": table,
        "items": items,
        "query": _query(request),
        "back": reverse("office:service_index") + _query(request),
    }
    return render(request, template, context)


def _drill_table(request, drill, indicator, *, export: str):
    """What lowered an indicator: dossiers (their applicant only for who handles them),
    procedures or complaints; a page of them, or all (up to the limit) for a file."""
    limit = EXPORT_LIMIT if export else PAGE_SIZE * 4
    title = _("Làm giảm chỉ số %(code)s") % {"code": indicator.code}
    if drill.kind == "dossier":
        queryset = (
            dossier_selectors.mark_personal_data(drill.queryset, request.user)
            .select_related("procedure")
            .order_by("-received_at", "-pk")
        )
        items = list(queryset[:limit])
        _log_reads(request, items, f"office:service-index-{indicator.code}")
        table = dossiers_table(dossier_rows(items), title)
        return table, items
    items = list(drill.queryset[:limit])
    if drill.kind == "procedure":
        table = Table(
            slug="thu-tuc",
            title=title,
            headers=[_("Mã thủ tục"), _("Tên thủ tục")],
            rows=[[item.code, item.name] for item in items],
        )
    else:  # complaints: what they are and where they stand, not who wrote them
        table = Table(
            slug="phan-anh",
            title=title,
            headers=[_("Mã phản ánh"), _("Loại"), _("Trạng thái"), _("Tiếp nhận")],
            rows=[
                [
                    item.code,
                    item.get_kind_display(),
                    item.get_status_display(),
                    format_moment(item.received_at),
                ]
                for item in items
            ],
        )
    return table, items
