"""The applicant's receipts, from the tracking page: the PDF of each receipt of a dossier, for
whoever looked the dossier up with its code and lookup secret (or owns it), as the result's
files are given. A cancelled receipt downloads too, printed as cancelled."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from motcua.dossiers.errors import NotFound
from motcua.payments import receipt_selectors
from motcua.payments.receipt_printout import pdf_filename, receipt_pdf
from motcua.portal.tracking_views import _query, _tracked


@require_safe
def track_receipt_pdf(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    dossier = _tracked(request, code)
    if dossier is None:
        return redirect(reverse("portal:track") + "?" + _query(code))
    try:
        receipt = receipt_selectors.receipt_of_dossier(dossier, pk)
    except NotFound:
        raise Http404(_("Không tìm thấy biên lai.")) from None
    response = HttpResponse(receipt_pdf(receipt), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf_filename(receipt)}"'
    response["Cache-Control"] = "private, no-store"
    return response
