"""The leaders' load table: for each agency a leader leads or a report reader reads (with its
subtree), how many dossiers are there now, how many are late, how this month's decisions went;
and for each of its officials, how many open steps they hold. Each figure comes from one
grouped query.

Where a dossier "is" is the unit of its current (open) step. An open step is its assignee's;
one nobody is assigned to is its unit leaders' when it is their own step (signing, deciding),
and otherwise waits to be assigned (dossiers.selectors.awaiting_assignment / awaiting_leader,
the rule of the "Chưa phân công" queue too). A decision belongs to the
responsible agency (cơ quan chủ trì), judged early / on time / late the way
dossiers/deadlines.timeliness judges it: late after the due moment, early on a calendar day
(Vietnam time) before the due moment's day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, TruncDate

from motcua.accounts.models import User
from motcua.agencies.choices import Role
from motcua.agencies.models import RoleGrant
from motcua.agencies.selectors import agencies_for
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.models import Dossier, DossierStep
from motcua.dossiers.selectors import awaiting_assignment, awaiting_leader
from motcua.lib.text import person_sort_key
from motcua.workdays.zone import VIETNAM

S = DossierStatus


@dataclass
class AgencyLoad:
    agency: object
    processing: int = 0
    paused: int = 0
    overdue: int = 0
    unassigned: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0

    @property
    def decided(self) -> int:
        return self.early + self.on_time + self.late

    @property
    def is_quiet(self) -> bool:
        """Nothing there now and nothing decided this month: a row the table hides unless
        asked for every agency (a province has hundreds of agencies, most of them quiet)."""
        return not (self.processing or self.paused or self.decided)


@dataclass
class OfficialLoad:
    user: object
    open_steps: int
    roles: list = field(default_factory=list)


def month_start(now: datetime) -> datetime:
    local = now.astimezone(VIETNAM)
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def table_agencies(user):
    """The agencies whose figures `user` may read here: those they lead, and those they read
    reports of (Role.REPORT_READER), each with its subtree where the grant covers it."""
    return agencies_for(user, Role.UNIT_LEADER) | agencies_for(user, Role.REPORT_READER)


def agency_loads(user, *, now: datetime) -> list[AgencyLoad]:
    agencies = list(table_agencies(user).order_by("path"))
    rows = {agency.pk: AgencyLoad(agency) for agency in agencies}
    if not rows:
        return []
    open_steps = (
        DossierStep.objects.filter(
            finished_at__isnull=True,
            unit_id__in=rows,
            dossier__status__in=[S.PROCESSING, S.PAUSED],
        )
        .values("unit_id")
        .annotate(
            processing=Count("pk", filter=Q(dossier__status=S.PROCESSING)),
            paused=Count("pk", filter=Q(dossier__status=S.PAUSED)),
            overdue=Count("pk", filter=Q(dossier__status=S.PROCESSING, dossier__due_at__lt=now)),
            unassigned=Count("pk", filter=awaiting_assignment()),
        )
    )
    for figures in open_steps:
        row = rows[figures.pop("unit_id")]
        for name, value in figures.items():
            setattr(row, name, value)
    decided = (
        Dossier.objects.filter(
            responsible_agency_id__in=rows,
            decided_at__gte=month_start(now),
            decided_at__lte=now,
            decided_due_at__isnull=False,
        )
        .annotate(
            decided_day=TruncDate("decided_at", tzinfo=VIETNAM),
            due_day=TruncDate("decided_due_at", tzinfo=VIETNAM),
        )
        .values("responsible_agency_id")
        .annotate(
            total=Count("pk"),
            late=Count("pk", filter=Q(decided_at__gt=F("decided_due_at"))),
            early=Count(
                "pk",
                filter=Q(decided_at__lte=F("decided_due_at"), decided_day__lt=F("due_day")),
            ),
        )
    )
    for figures in decided:
        row = rows[figures["responsible_agency_id"]]
        row.late, row.early = figures["late"], figures["early"]
        row.on_time = figures["total"] - figures["late"] - figures["early"]
    return list(rows.values())


def busy_rows(loads: list[AgencyLoad]) -> list[AgencyLoad]:
    """The rows worth showing by default: agencies with something there now or decided this
    month, and the agencies above them in the table, so each keeps its place in the tree."""
    busy = [row.agency.path for row in loads if not row.is_quiet]
    return [row for row in loads if any(path.startswith(row.agency.path) for path in busy)]


def official_loads(loads: list[AgencyLoad]) -> list[OfficialLoad]:
    """Each active official holding a role on one of the agencies of `loads`, with the open
    steps that are theirs there: those assigned to them, and, for a leader, the unassigned
    leader's steps (awaiting_leader) at the units their grants cover. Most open steps first."""
    ids = [row.agency.pk for row in loads]
    if not ids:
        return []
    open_count = (
        DossierStep.objects.filter(
            assigned_to=OuterRef("pk"), finished_at__isnull=True, unit_id__in=ids
        )
        .values("assigned_to")
        .annotate(n=Count("pk"))
        .values("n")
    )
    users = list(
        User.objects.filter(
            Exists(RoleGrant.objects.filter(user=OuterRef("pk"), agency_id__in=ids)),
            is_active=True,
        ).annotate(open_steps=Coalesce(Subquery(open_count), 0))
    )
    # Names in Vietnamese order (given name first, as forms list officials), not code points.
    users.sort(key=lambda user: (person_sort_key(user.full_name or user.username), user.username))
    grants: dict[int, list] = {}
    for grant in RoleGrant.objects.filter(
        agency_id__in=ids, user__in=[u.pk for u in users]
    ).select_related("agency"):
        grants.setdefault(grant.user_id, []).append(grant)
    leaders_steps = dict(
        DossierStep.objects.filter(awaiting_leader(), unit_id__in=ids)
        .values("unit_id")
        .annotate(n=Count("pk"))
        .values_list("unit_id", "n")
    )
    paths = {row.agency.pk: row.agency.path for row in loads}
    officials = [
        OfficialLoad(
            u,
            u.open_steps + _leaders_share(grants.get(u.pk, []), leaders_steps, paths),
            grants.get(u.pk, []),
        )
        for u in users
    ]
    # Stable: officials with as many steps keep their order by name.
    return sorted(officials, key=lambda official: -official.open_steps)


def _leaders_share(grants, leaders_steps: dict[int, int], paths: dict[int, str]) -> int:
    """The leader's steps waiting at the units these grants lead (each unit counted once)."""
    led = set()
    for grant in grants:
        if grant.role != Role.UNIT_LEADER:
            continue
        for unit_id in leaders_steps:
            if unit_id == grant.agency_id or (
                grant.includes_subtree and paths[unit_id].startswith(grant.agency.path)
            ):
                led.add(unit_id)
    return sum(leaders_steps[unit_id] for unit_id in led)
