"""The open data page (/du-lieu-mo/): the public figures per agency, procedure and month, with
their licence, and the links to download them as CSV or JSON from the API. What is published
and how small counts are hidden, `reports.open_data` decides (docs/open-data.md)."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from motcua.lib import ratelimit
from motcua.portal.limits import MINUTE, too_many
from motcua.reports import open_data
from motcua.workdays.zone import VIETNAM

PAGE_SIZE = 50
_MONTH = re.compile(r"^(20\d\d)-(0[1-9]|1[0-2])$")


def _month(text: str) -> date | None:
    match = _MONTH.match(text.strip())
    return date(int(match[1]), int(match[2]), 1) if match else None


@require_safe
def open_data_page(request: HttpRequest) -> HttpResponse:
    if not ratelimit.hit(
        "open-data",
        ratelimit.client_ip(request),
        limit=settings.OPEN_DATA_RATE_LIMIT,
        window=MINUTE,
    ):
        return too_many(
            request,
            _("Bạn đã gửi quá nhiều yêu cầu dữ liệu mở trong một phút. Hãy thử lại sau ít phút."),
            window=MINUTE,
        )
    now = timezone.now()
    today = timezone.localtime(now, VIETNAM).date()
    errors: dict[str, str] = {}
    first, last = open_data.current_month(today)
    start, end = first, first
    given_start = request.GET.get("tu", "")[:20]
    given_end = request.GET.get("den", "")[:20]
    if given_start:
        start = _month(given_start) or start
        if _month(given_start) is None:
            errors["tu"] = _("Tháng không hợp lệ; dùng dạng NĂM-THÁNG, ví dụ 2026-11.")
    if given_end:
        end = _month(given_end) or end
        if _month(given_end) is None:
            errors["den"] = _("Tháng không hợp lệ; dùng dạng NĂM-THÁNG, ví dụ 2026-11.")
    elif given_start:
        end = start
    agency = None
    agency_code = request.GET.get("co_quan", "").strip()[:20]
    if agency_code:
        agency = open_data.find_agency(agency_code)
        if agency is None:
            errors["co_quan"] = _("Không có cơ quan nào mang mã này.")
    table = None
    if not errors:
        try:
            open_data.check_period(start, open_data.month_end(end), today=today)
        except open_data.BadPeriod as exc:
            errors["tu" if exc.field == "start" else "den"] = exc.message
    if not errors:
        table = open_data.build_table(start, open_data.month_end(end), agency, now=now)
    page = None
    page_rows = []
    if table is not None:
        page = Paginator(table.rows, PAGE_SIZE).get_page(request.GET.get("page"))
        page_rows = [
            (row, [row.values.get(name) for name, _label in open_data.VALUE_COLUMNS])
            for row in page.object_list
        ]
    downloads = {}
    if table is not None:
        params = {"start": table.start.isoformat(), "end": table.end.isoformat()}
        if agency is not None:
            params["agency"] = agency.code
        base = reverse("api-v1:open_figures")
        downloads = {
            "csv": f"{base}?{urlencode({**params, 'format': 'csv'})}",
            "json": f"{base}?{urlencode({**params, 'format': 'json'})}",
        }
    response = render(
        request,
        "portal/open_data.html",
        {
            "table": table,
            "page": page,
            "page_rows": page_rows,
            "errors": errors,
            "start_value": given_start or start.strftime("%Y-%m"),
            "end_value": given_end or end.strftime("%Y-%m"),
            "latest_month": last.strftime("%Y-%m"),
            "agency": agency,
            "agency_code": agency_code,
            "agency_choices": [
                (choice.code, "— " * choice.depth + choice.name)
                for choice in open_data.public_agencies()
            ],
            "licence": open_data.licence(),
            "suppression_note": open_data.suppression_note(settings.OPEN_DATA_MIN_COUNT),
            "granularity_note": open_data.GRANULARITY_NOTE,
            "columns": open_data.VALUE_COLUMNS,
            "downloads": downloads,
            "api_links": {
                "figures": reverse("api-v1:open_figures"),
                "agencies": reverse("api-v1:open_agencies"),
                "licence": reverse("api-v1:open_licence"),
            },
        },
        status=400 if errors else 200,
    )
    if not errors:
        response["Cache-Control"] = f"public, max-age={settings.OPEN_DATA_CACHE_SECONDS}"
    return response
