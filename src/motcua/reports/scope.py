"""What a figure counts: a period, an agency with its subtree (or the whole province), and
optionally a field or a procedure; and who may read which agencies' figures.

A dossier is counted under its responsible agency (cơ quan chủ trì giải quyết,
`Dossier.responsible_agency`), the agency answerable for its result, not the counter that
received it: the same reading as the leaders' load table (office/load.py). An agency's figures
count every dossier whose responsible agency is that agency or any agency under it (the
materialised `Agency.path` makes that one prefix query).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from motcua.agencies.choices import Role
from motcua.agencies.models import Agency, RoleGrant
from motcua.agencies.selectors import agencies_for
from motcua.catalog.models import Field, Procedure
from motcua.workdays.zone import VIETNAM


class NotAllowed(PermissionDenied):
    """The user may not read the figures of that agency."""


@dataclass(frozen=True)
class Scope:
    start: date  # first day, inclusive (Vietnam calendar date)
    end: date  # last day, inclusive
    agency: Agency | None = None  # this agency and its whole subtree; None = whole province
    field: Field | None = None
    procedure: Procedure | None = None

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError("a scope's end is before its start")

    @property
    def since(self) -> datetime:
        """The period's first moment (midnight in Vietnam)."""
        return datetime.combine(self.start, time(), tzinfo=VIETNAM)

    @property
    def until(self) -> datetime:
        """The moment after the period (midnight after its last day, in Vietnam)."""
        return datetime.combine(self.end + timedelta(days=1), time(), tzinfo=VIETNAM)

    def narrower(self, **changes) -> Scope:
        values = {
            "start": self.start,
            "end": self.end,
            "agency": self.agency,
            "field": self.field,
            "procedure": self.procedure,
        }
        values.update(changes)
        return Scope(**values)


def readable_agencies(user) -> QuerySet[Agency]:
    """The agencies whose figures `user` may read: where they hold REPORT_READER or UNIT_LEADER
    (with the subtree when the grant says so); a system administrator reads the agencies of
    their grant with its subtree (the whole province for a grant on the top agency), a superuser
    every agency."""
    readers = agencies_for(user, Role.REPORT_READER) | agencies_for(user, Role.UNIT_LEADER)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return readers
    admin_paths = RoleGrant.objects.filter(user=user, role=Role.SYSTEM_ADMIN).values_list(
        "agency__path", flat=True
    )
    condition = Q(pk__in=readers.values("pk"))
    for path in admin_paths:
        condition |= Q(path__startswith=path)
    return Agency.objects.filter(condition)


def _topmost(agencies: QuerySet[Agency]) -> list[Agency]:
    """The agencies of the set that have no ancestor in the set."""
    rows = list(agencies.order_by("path"))
    tops: list[Agency] = []
    for agency in rows:
        if not any(agency.path.startswith(top.path) for top in tops):
            tops.append(agency)
    return tops


def may_read(user, agency: Agency | None) -> bool:
    """Whether `user` may read the figures of `agency` and its whole subtree (None: the whole
    province)."""
    readable = readable_agencies(user).values("pk")
    agencies = Agency.objects.all() if agency is None else agency.subtree()
    return not agencies.exclude(pk__in=readable).exists()


def scope_for(user, *, start, end, agency=None, field=None, procedure=None) -> Scope:
    """The scope `user` asked for, or NotAllowed when they may not read `agency` (its whole
    subtree). Without an agency, a user who may not read the whole province gets the topmost
    agency they may read."""
    if agency is None and not may_read(user, None):
        tops = _topmost(readable_agencies(user))
        if not tops:
            raise NotAllowed(_("Bạn không có quyền xem báo cáo, thống kê."))
        agency = tops[0]
    elif agency is not None and not may_read(user, agency):
        raise NotAllowed(
            _("Bạn không có quyền xem số liệu của %(agency)s.") % {"agency": agency.name}
        )
    return Scope(start=start, end=end, agency=agency, field=field, procedure=procedure)
