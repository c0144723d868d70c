"""The work queues: one tab per queue the official's roles give, filters, search, pages.

htmx swaps only the table when a tab, a filter or a page changes (hx-push-url keeps the
address shareable); a plain request gets the whole page. The number of queries does not grow
with the rows (tests pin it).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from motcua.dossiers import selectors
from motcua.office import queues, timing
from motcua.office.access import official_required, role_names
from motcua.office.views.common import is_htmx
from motcua.workdays.services import get_calendar

PAGE_SIZE = 25


@dataclass
class Row:
    dossier: object
    step: object
    due: timing.Due | None


def _page_number(raw) -> int:
    try:
        return max(int(raw or 1), 1)
    except ValueError:
        return 1


def _impersonal(dossier):
    """A row whose reader does not handle the dossier keeps no applicant's data in memory."""
    if not dossier.shows_personal_data:
        dossier.applicant_name = ""
    return dossier


@require_safe
@official_required
def queue_list(request):
    available = queues.queues_for(role_names(request))
    queue = queues.BY_SLUG.get(request.GET.get("hang", ""))
    if queue not in available:
        queue = available[0]
    due = request.GET.get("han", "")
    if due not in queues.DUE_FILTERS:
        due = ""
    query = request.GET.get("q", "").replace("\x00", "").strip()[:100]
    now = timezone.now()
    calendar = get_calendar()
    dossiers = queues.queue_dossiers(
        queue, request.user, calendar=calendar, now=now, due=due, query=query
    )
    paginator = Paginator(dossiers, PAGE_SIZE)
    number = min(_page_number(request.GET.get("page")), max(paginator.num_pages, 1))
    page = paginator.page(number)
    rows = [
        Row(
            _impersonal(dossier),
            selectors.current_of(dossier.open_steps),
            timing.dossier_due(dossier, calendar, now),
        )
        for dossier in page.object_list
    ]
    context = {
        "queues": available,
        "queue": queue,
        "due": due,
        "due_filters": queues.DUE_FILTERS,
        "q": query,
        "page": page,
        "rows": rows,
    }
    template = "office/_queue_results.html" if is_htmx(request) else "office/queues.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response
