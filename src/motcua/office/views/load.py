"""The leaders' load table (/can-bo/don-vi/): for unit leaders, and read-only for report
readers over the agencies their grants cover."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from motcua.agencies.choices import Role
from motcua.office import load
from motcua.office.access import forbidden, official_required, role_names

TABLE_ROLES = frozenset({Role.UNIT_LEADER, Role.REPORT_READER})
SHOW_ALL = "tat-ca"


@require_safe
@official_required
def load_table(request):
    if not TABLE_ROLES & role_names(request):
        return forbidden(request, _("Bảng theo dõi dành cho lãnh đạo đơn vị và người xem báo cáo."))
    now = timezone.now()
    agencies = load.agency_loads(request.user, now=now)
    officials = load.official_loads(agencies)
    show_all = request.GET.get(SHOW_ALL) == "1"
    shown = agencies if show_all else load.busy_rows(agencies)
    if not show_all:
        # The officials of the agencies hidden go with them, unless they hold steps.
        shown_ids = {row.agency.pk for row in shown}
        officials = [
            official
            for official in officials
            if official.open_steps or any(g.agency_id in shown_ids for g in official.roles)
        ]
    context = {
        "agencies": shown,
        "hidden": len(agencies) - len(shown),
        "show_all": show_all,
        "officials": officials,
        "month_start": load.month_start(now),
        "now": now,
    }
    return render(request, "office/load.html", context)
