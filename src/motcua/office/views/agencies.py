"""The agency picker's live search (htmx): the <option>s for what was typed."""

from __future__ import annotations

from django.http import HttpResponse
from django.views.decorators.http import require_safe

from motcua.office import agency_picker
from motcua.office.access import official_required


@require_safe
@official_required
def agency_options(request):
    """Options for `q`; `ten` names the picker's select, whose current value stays listed and
    selected. With nothing typed, the picker's suggestions again (`goi_y`, their ids)."""
    name = request.GET.get("ten", "")
    selected = request.GET.get(name, "") if name else ""
    query = request.GET.get("q", "")
    if query.strip():
        found, more = agency_picker.search(query)
    else:
        found, more = agency_picker.by_ids(request.GET.get("goi_y", "")), False
    options = agency_picker.options_html(
        agency_picker.with_selected(found, selected),
        selected=selected,
        more=more,
        searched=bool(query.strip()),
    )
    response = HttpResponse(options)
    response["Cache-Control"] = "private, no-store"
    return response
