"""The national catalog page (/can-bo/danh-muc-quoc-gia/): for catalog administrators of the
whole province, the differences between the national database's records and our catalog,
procedure by procedure, and applying the ones chosen (integrations/national_portal/
catalog_sync.py, through the catalog's audited import service)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.agencies import policies
from motcua.integrations.national_portal import catalog_sync
from motcua.integrations.national_portal import client as portal
from motcua.office.access import forbidden, official_required

APPLICABLE = (catalog_sync.ADDED, catalog_sync.CHANGED)


@require_http_methods(["GET", "POST"])
@official_required
def national_catalog(request):
    refusal = policies.refuse_catalog_change(request.user)
    if refusal:
        return forbidden(request, refusal)
    context: dict = {"enabled": portal.enabled(), "report": None, "problem": ""}
    if not context["enabled"]:
        return render(request, "office/national_catalog.html", context)
    try:
        catalog = catalog_sync.fetch()
    except portal.PortalError as exc:
        context["problem"] = _(
            "Chưa kết nối được Cổng Dịch vụ công quốc gia (%(reason)s). Hãy thử lại sau."
        ) % {"reason": exc.message}
        return render(request, "office/national_catalog.html", context, status=502)
    diffs = catalog_sync.compare(catalog)
    if request.method == "POST":
        applicable = {diff.code for diff in diffs if diff.kind in APPLICABLE}
        chosen = [code for code in request.POST.getlist("code") if code in applicable]
        if not chosen:
            context["problem"] = _("Hãy chọn ít nhất một thủ tục để cập nhật.")
        else:
            try:
                context["report"] = catalog_sync.apply(catalog, chosen, actor=request.user)
            except PermissionDenied as exc:
                return forbidden(request, str(exc))
            diffs = catalog_sync.compare(catalog)
    context.update(
        diffs=[diff for diff in diffs if diff.kind != catalog_sync.SAME],
        same=sum(diff.kind == catalog_sync.SAME for diff in diffs),
        agencies=len(catalog.agencies),
        fields=len(catalog.fields),
        unknown=catalog_sync.unknown_references(catalog),
        applicable=APPLICABLE,
    )
    return render(request, "office/national_catalog.html", context)
