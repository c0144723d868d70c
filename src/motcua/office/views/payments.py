"""The refunds list (/can-bo/hoan-tra/): refunds of the dossiers this official handles."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_safe

from motcua.office.access import official_required
from motcua.payments import selectors


@require_safe
@official_required
def refunds(request):
    rows = list(selectors.refunds_for(request.user)[:500])
    return render(
        request,
        "office/refunds.html",
        {"refunds": rows, "total": sum(refund.amount for refund in rows)},
    )
