"""The public postal service on the way to submitting (Decision 45/2016): the applicant gives
the address, sees the price of each option for the commune's zone, and chooses one (or none).
Offered only for a procedure the postal service handles (delivery.selectors.offered); the
rule and the prices are the delivery app's."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.agencies.selectors import commune_by_code
from motcua.catalog.formatting import format_money
from motcua.delivery import selectors as postal
from motcua.delivery import services as postal_services
from motcua.delivery.choices import PostalOption, Zone
from motcua.dossiers.errors import DossierError
from motcua.portal import submission_forms as sf
from motcua.portal.submission_views import _acting, _not_editable, _steps, own_dossier


def _weight_label(grams: int) -> str:
    if grams >= 1000 and grams % 1000 == 0:
        return _("Đến %(kg)d kg") % {"kg": grams // 1000}
    return _("Đến %(g)d g") % {"g": grams}


def _values(request, dossier, current) -> dict:
    if request.method == "POST":
        post = request.POST
        return {
            key: post.get(key, "").strip()
            for key in ("option", "recipient_name", "phone", "address", "commune", "weight_grams")
        }
    if current is not None:
        return {
            "option": current.option,
            "recipient_name": current.recipient_name,
            "phone": current.phone,
            "address": current.address,
            "commune": current.commune_id,
            "weight_grams": str(current.weight_grams),
        }
    return {
        "option": "",
        "recipient_name": dossier.applicant_name,
        "phone": dossier.applicant_phone,
        "address": dossier.applicant_address,
        "commune": dossier.applicant_commune_id or "",
        "weight_grams": "",
    }


@require_http_methods(["GET", "HEAD", "POST"])
def draft_postal(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = own_dossier(request, pk)
    if not dossier.applicant_may_edit:
        return _not_editable(dossier)
    if not postal.offered(dossier.procedure):
        raise Http404(_("Thủ tục này không thực hiện qua dịch vụ bưu chính công ích."))
    current = postal.request_of(dossier)
    values = _values(request, dossier, current)
    classes = postal.weight_classes()
    weight = int(values["weight_grams"]) if values["weight_grams"].isdigit() else None
    if weight not in classes:
        weight = classes[0] if classes else None
    values["weight_grams"] = str(weight or "")
    commune = commune_by_code(values["commune"]) if values["commune"] else None
    errors: dict[str, list[str]] = {}
    if request.method == "POST" and request.POST.get("action") == "choose":
        option = values["option"] if values["option"] in PostalOption.values else ""
        if values["option"] and not option:
            errors["option"] = [_("Hãy chọn một hình thức bưu chính trong danh sách.")]
        else:
            try:
                postal_services.choose_postal_service(
                    dossier,
                    **_acting(request, dossier),
                    option=option,
                    recipient_name=values["recipient_name"],
                    phone=values["phone"],
                    address=values["address"],
                    commune=commune,
                    weight_grams=weight,
                )
            except DossierError as exc:
                errors = exc.errors or {"__all__": [exc.message]}
            else:
                messages.success(
                    request,
                    _("Đã lưu lựa chọn dịch vụ bưu chính.")
                    if option
                    else _("Đã bỏ dịch vụ bưu chính."),
                )
                return redirect("portal:draft_review", pk=dossier.pk)
    zone, quotes = ("", {})
    if commune is not None and weight:
        zone, quotes = postal.quotes_for(commune, weight)
    options = []
    for option in PostalOption:
        quote = quotes.get(option.value)
        options.append(
            {
                "value": option.value,
                "label": option.label,
                "price": format_money(quote.total) if quote is not None else "",
                "priced": quote is not None,
            }
        )
    communes = sf.commune_options(
        selected=values["commune"], province=sf.home_province(dossier.receiving_agency)
    )
    context = {
        "dossier": dossier,
        "values": values,
        "errors": errors,
        "general_errors": [m for k, ms in errors.items() if k not in values for m in ms],
        "options": options,
        "quoted": bool(quotes),
        "zone": Zone(zone).label if zone else "",
        "commune": commune,
        "communes": [(c.code, f"{c.name}, {c.province.name}") for c in communes],
        "weights": [(str(g), _weight_label(g)) for g in classes],
        "current": current,
        "steps": _steps(sf.REVIEW_PAGE, dossier),
    }
    return render(request, "portal/submission/postal.html", context, status=400 if errors else 200)
