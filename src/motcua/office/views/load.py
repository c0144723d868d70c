"""The leaders' load table (/can-bo/don-vi/)."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from motcua.agencies.choices import Role
from motcua.office import load
from motcua.office.access import forbidden, official_required, role_names


@require_safe
@official_required
def load_table(request):
    if Role.UNIT_LEADER not in role_names(request):
        return forbidden(request, _("Bảng theo dõi dành cho lãnh đạo đơn vị."))
    now = timezone.now()
    agencies = load.agency_loads(request.user, now=now)
    context = {
        "agencies": agencies,
        "officials": load.official_loads(agencies),
        "month_start": load.month_start(now),
        "now": now,
    }
    return render(request, "office/load.html", context)
