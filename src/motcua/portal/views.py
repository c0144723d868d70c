"""The public portal: the catalog of procedures as a citizen reads it before applying."""

from __future__ import annotations

import mimetypes
from pathlib import PurePosixPath

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from motcua.agencies.models import Commune
from motcua.catalog import formatting, selectors
from motcua.catalog.models import Procedure, RequiredDocument
from motcua.dossiers import routing
from motcua.lib.collation import vietnamese
from motcua.portal.forms import ProcedureSearchForm
from motcua.portal.online_channel import national_portal_is_channel, national_procedure_url
from motcua.portal.submission_forms import home_province

PAGE_SIZE = 20


def _is_htmx_partial(request: HttpRequest) -> bool:
    """An htmx request for the results only (not a history restore, which needs a page)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def _page_number(raw: str | None) -> int:
    """The requested page; anything that is not a positive whole number means the first."""
    try:
        number = int(raw or 1)
    except ValueError:
        return 1
    return max(number, 1)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    figures = selectors.online_figures()
    total = figures["total"]
    context = {
        "fields": selectors.fields_with_counts(),
        "figures": figures,
        "online_percent": round(100 * figures["online"] / total) if total else None,
        "full_process_percent": round(100 * figures["full_process"] / total) if total else None,
    }
    return render(request, "portal/home.html", context)


@require_safe
def procedure_list(request: HttpRequest) -> HttpResponse:
    form = ProcedureSearchForm(request.GET)
    page = None
    page_missing = False
    if form.is_valid():
        paginator = Paginator(form.search(), PAGE_SIZE)
        number = _page_number(request.GET.get("page"))
        if number <= paginator.num_pages:
            page = paginator.page(number)
        else:
            # Past the last page: an empty result that says so, not a silent jump.
            page_missing = True
    context = {
        "form": form,
        "page": page,
        "page_missing": page_missing,
        # A Page of no results is falsy in a template; this says the search ran.
        "searched": page is not None,
    }
    template = (
        "portal/procedure_list_partial.html"
        if _is_htmx_partial(request)
        else "portal/procedure_list.html"
    )
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


# More cards than this and the page offers the commune picker and folds the list away.
FOLD_PLACES = 5


def _places(request: HttpRequest, procedure: Procedure) -> dict:
    """Where to hand in and who decides, narrowed to the applicant's commune (?xa=, a plain
    GET form, so it works without JavaScript): that commune's places and agency in full, the
    others folded away. Without a commune every card is listed, folded when they are many."""
    receiving = selectors.receiving_places(procedure)
    receiving_ids = {agency.pk for agency in receiving}
    # Implementing agencies not already shown as the place to hand in the dossier.
    others = [
        link for link in procedure.implementations.all() if link.agency_id not in receiving_ids
    ]
    context = {"receiving_places": receiving, "other_implementations": others, "communes": []}
    if len(receiving) <= FOLD_PLACES and len(others) <= FOLD_PLACES:
        return context
    province = home_province(receiving[0] if receiving else None)
    communes = list(
        Commune.objects.filter(province=province).order_by(vietnamese("name"), "code")
        if province is not None
        else []
    )
    code = request.GET.get("xa", "")
    chosen = next((commune for commune in communes if commune.code == code), None)
    context.update({"communes": communes, "commune": chosen, "commune_error": code and not chosen})
    if chosen is not None:
        local = [agency for agency in receiving if agency.commune_id == chosen.pk]
        local_links = [link for link in others if link.agency.commune_id == chosen.pk]
        responsible = routing.applicants_commune_agency(procedure, chosen)
        context.update(
            {
                "local_places": local,
                "local_implementations": local_links,
                "local_responsible": responsible,
            }
        )
    return context


@require_safe
def procedure_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        procedure = selectors.get_published_procedure(code)
    except Procedure.DoesNotExist:
        raise Http404(_("Không tìm thấy thủ tục hành chính này.")) from None
    national_channel = national_portal_is_channel()
    accepts_online = procedure.accepts_online_submission()
    context = {
        "procedure": procedure,
        "cases": procedure.cases.all(),
        **_places(request, procedure),
        "fold_places": FOLD_PLACES,
        "accepts_online": accepts_online and not national_channel,
        "national_portal_url": national_procedure_url(procedure.code)
        if national_channel and accepts_online
        else "",
        "time_limits": formatting.time_limits_summary(procedure.cases.all()),
    }
    return render(request, "portal/procedure_detail.html", context)


@require_safe
def form_download(request: HttpRequest, code: str, document_id: int) -> FileResponse:
    """The form template (mẫu đơn, tờ khai) of a required document, as an attachment. Files
    are not under a public URL; only documents of public procedures are served."""
    try:
        document = selectors.get_published_document(code, document_id)
    except RequiredDocument.DoesNotExist:
        raise Http404(_("Không tìm thấy mẫu đơn này.")) from None
    if not document.form_file:
        raise Http404(_("Giấy tờ này không có tệp mẫu đơn."))
    try:
        handle = document.form_file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404(_("Tệp mẫu đơn không còn trên máy chủ.")) from None
    filename = PurePosixPath(document.form_file.name).name
    content_type, _encoding = mimetypes.guess_type(filename)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type=content_type or "application/octet-stream",
    )


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on pages that name no icon (a PDF opened in a tab, the
    printable forms): send them to the static icon rather than a 404. Not permanent, so a
    new hashed name after a deployment is picked up within a day."""
    response = redirect(static("favicon.ico"))
    response["Cache-Control"] = "public, max-age=86400"
    return response
