"""After submission: the confirmation with the code and the lookup secret (shown once), and
the printable acknowledgement (HTML to print, or PDF)."""

from __future__ import annotations

from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.printouts import render_pdf
from motcua.dossiers.printouts.common import heading_of
from motcua.dossiers.printouts.formatting import moment_text, qr_data_uri
from motcua.portal import applicant_session as visitor
from motcua.portal.submission_display import review_context
from motcua.portal.submission_views import own_dossier


def _submitted(request: HttpRequest, pk: int):
    dossier = own_dossier(request, pk)
    if dossier.status == DossierStatus.DRAFT or not dossier.code:
        return None, redirect("portal:draft_review", pk=pk)
    return dossier, None


@require_safe
def submitted(request: HttpRequest, pk: int) -> HttpResponse:
    dossier, elsewhere = _submitted(request, pk)
    if elsewhere:
        return elsewhere
    secret = visitor.take_secret(request, pk)
    context = {
        **review_context(dossier),
        "secret": secret,
        "secret_groups": [secret[:5], secret[5:]] if secret else [],
        "qr": qr_data_uri(dossier.code),
        "submitted_at": moment_text(dossier.submitted_at),
    }
    response = render(request, "portal/submission/submitted.html", context)
    # The secret is on this page only: no cache may keep a copy.
    response["Cache-Control"] = "no-store"
    return response


def _acknowledgement_css() -> str:
    path = finders.find("portal/acknowledgement.css")
    return mark_safe(Path(path).read_text(encoding="utf-8"))  # noqa: S308 - our own file


def _acknowledgement_html(request: HttpRequest, dossier, *, for_pdf: bool) -> str:
    context = {
        **review_context(dossier),
        "heading": heading_of(dossier.receiving_agency),
        "qr": qr_data_uri(dossier.code),
        "submitted_at": moment_text(dossier.submitted_at),
        "tracking_url": request.build_absolute_uri(reverse("portal:track")),
        "for_pdf": for_pdf,
        # The PDF renderer reads no file but the fonts: it gets the page's stylesheet inline.
        "inline_css": _acknowledgement_css() if for_pdf else "",
    }
    return render_to_string("portal/submission/acknowledgement.html", context, request=request)


@require_safe
def acknowledgement(request: HttpRequest, pk: int) -> HttpResponse:
    dossier, elsewhere = _submitted(request, pk)
    if elsewhere:
        return elsewhere
    return HttpResponse(_acknowledgement_html(request, dossier, for_pdf=False))


@require_safe
def acknowledgement_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    dossier, elsewhere = _submitted(request, pk)
    if elsewhere:
        return elsewhere
    pdf = render_pdf(_acknowledgement_html(request, dossier, for_pdf=True), size="A4")
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"bien-nhan-{dossier.code}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
