"""Renewing a signed result's public download link (results/links.py): the old link, if it
leaked, stops working at once; the new one is shown on the dossier's page and sent to the
national portal by the sync."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.dossiers.errors import DossierError
from motcua.office.access import official_required
from motcua.office.views.common import dossier_or_404
from motcua.office.views.dossier import _render
from motcua.results import services


@require_POST
@official_required
def renew_result_link(request, code: str, result_id: int):
    dossier = dossier_or_404(request, code)
    result = dossier.signed_results.filter(pk=result_id).select_related("document").first()
    if result is None:
        raise Http404(_("Không có kết quả đã ký số này."))
    try:
        services.renew_public_link(result, actor=request.user)
    except DossierError as exc:
        return _render(request, dossier, notice=exc.message, status=exc.status)
    messages.success(
        request,
        _("Đã đổi liên kết tải kết quả %(code)s: liên kết cũ không còn dùng được.")
        % {"code": result.code},
    )
    return redirect(reverse("office:dossier", args=[code]) + "#ket-qua")
