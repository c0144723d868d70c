"""The office's work queues: which dossiers wait for this official, tab by tab.

Every queue starts from dossiers.selectors.listed_dossiers(user), so a queue can only narrow
what the official may list, never widen it; the roles come from agencies.selectors.agencies_for.
A row shows its applicant only where the official handles the dossier (`shows_personal_data`):
a report reader's "all dossiers" list has none, and searches only by code.
A queue is a filter on the dossiers, not a permission: the dossier page still offers only the
actions the services accept (dossiers/actions.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from motcua.agencies.choices import Role
from motcua.agencies.selectors import agencies_for
from motcua.dossiers import deadlines, selectors
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.models import Dossier, DossierStep

S = DossierStatus
# A decided result not collected after this many working days is listed as uncollected.
UNCOLLECTED_AFTER_DAYS = 5
MINUTES_PER_DAY = deadlines.MINUTES_PER_WORKING_DAY


@dataclass(frozen=True)
class Queue:
    slug: str
    label: str
    roles: tuple[str, ...]  # shown to officials holding any of these; () = everyone
    build: Callable[..., QuerySet[Dossier]]
    ordering: tuple[str, ...]
    empty: str


def _open_steps(**conditions) -> QuerySet[DossierStep]:
    return DossierStep.objects.filter(
        dossier=OuterRef("pk"), finished_at__isnull=True, **conditions
    )


def to_receive(base, user, calendar, now):
    return base.filter(status=S.SUBMITTED, receiving_agency__in=agencies_for(user, Role.RECEPTION))


def unassigned(base, user, calendar, now):
    """Leaders: open steps at their units that wait for someone to be assigned. A leader's own
    step (signing, deciding) is not among them: it waits in "Chờ lãnh đạo duyệt"
    (dossiers.selectors.awaiting_assignment, the rule the leaders' table counts by)."""
    leader_of = agencies_for(user, Role.UNIT_LEADER)
    waiting = _open_steps(unit__in=leader_of).filter(selectors.awaiting_assignment())
    return base.filter(status__in=[S.PROCESSING, S.PAUSED]).filter(Exists(waiting))


def mine(base, user, calendar, now):
    return base.filter(status__in=[S.PROCESSING, S.PAUSED]).filter(
        Exists(_open_steps(assigned_to=user))
    )


def to_decide(base, user, calendar, now):
    """Leaders: the current step is a leader's step, or the last step of the process the
    dossier was received under (DossierStep.is_last, set from its snapshot when the step
    opened; a snapshot without steps has one)."""
    leader_of = agencies_for(user, Role.UNIT_LEADER)
    deciding = (
        _open_steps()
        .filter(Q(unit__in=leader_of) | Q(dossier__responsible_agency__in=leader_of))
        .filter(Q(role=Role.UNIT_LEADER) | Q(is_last=True))
    )
    return base.filter(status=S.PROCESSING).filter(Exists(deciding))


def to_hand_over(base, user, calendar, now):
    return base.filter(
        status=S.DECIDED, receiving_agency__in=agencies_for(user, Role.RESULT_RETURN)
    )


def uncollected(base, user, calendar, now):
    before = calendar.subtract_working_minutes(now, UNCOLLECTED_AFTER_DAYS * MINUTES_PER_DAY)
    return to_hand_over(base, user, calendar, now).filter(decided_at__lt=before)


def everything(base, user, calendar, now):
    return base


QUEUES: tuple[Queue, ...] = (
    Queue(
        "cho-tiep-nhan",
        _("Chờ tiếp nhận"),
        (Role.RECEPTION,),
        to_receive,
        ("submitted_at", "pk"),
        _("Không có hồ sơ trực tuyến nào chờ tiếp nhận."),
    ),
    Queue(
        "chua-phan-cong",
        _("Chưa phân công"),
        (Role.UNIT_LEADER,),
        unassigned,
        ("due_at", "pk"),
        _("Mọi hồ sơ của đơn vị đã được phân công."),
    ),
    Queue(
        "cua-toi",
        _("Được giao cho tôi"),
        (Role.SPECIALIST, Role.UNIT_LEADER, Role.RECEPTION),
        mine,
        ("due_at", "pk"),
        _("Bạn không có bước xử lý nào đang mở."),
    ),
    Queue(
        "cho-duyet",
        _("Chờ lãnh đạo duyệt"),
        (Role.UNIT_LEADER,),
        to_decide,
        ("due_at", "pk"),
        _("Không có hồ sơ nào chờ duyệt."),
    ),
    Queue(
        "tra-ket-qua",
        _("Kết quả chờ trả"),
        (Role.RESULT_RETURN,),
        to_hand_over,
        ("decided_at", "pk"),
        _("Không có kết quả nào chờ trả."),
    ),
    Queue(
        "ton-dong",
        _("Kết quả chưa đến nhận"),
        (Role.RESULT_RETURN,),
        uncollected,
        ("decided_at", "pk"),
        _("Không có kết quả nào quá 5 ngày làm việc chưa được nhận."),
    ),
    Queue(
        "tat-ca",
        _("Tất cả hồ sơ"),
        (),
        everything,
        ("-submitted_at", "-pk"),
        _("Không có hồ sơ nào."),
    ),
)
BY_SLUG = {queue.slug: queue for queue in QUEUES}

DUE_FILTERS = {
    "sap-den-han": _("Sắp đến hạn (trong một ngày làm việc)"),
    "qua-han": _("Quá hạn"),
    "tiep-nhan-muon": _("Tiếp nhận muộn (quá một ngày làm việc sau khi nộp trực tuyến)"),
}


def queues_for(roles: set[str]) -> list[Queue]:
    return [queue for queue in QUEUES if not queue.roles or roles & set(queue.roles)]


# The columns a row of a queue shows, and those its deadline words need (office/timing.py).
# A dossier row is wide (applicant, snapshot, form data) and the agencies are not shown:
# reading only these took a quarter to a third off the queue page's Python time
# (docs/performance.md).
ROW_FIELDS = (*selectors.IMPERSONAL_FIELDS, "applicant_name", "receipt_due_at")
ROW_STEP_FIELDS = (
    "dossier_id",
    "name",
    "started_at",
    "unit__name",
    "assigned_to__full_name",
    "assigned_to__first_name",
    "assigned_to__last_name",
)


def queue_dossiers(
    queue: Queue,
    user,
    *,
    calendar,
    now: datetime,
    due: str = "",
    query: str = "",
) -> QuerySet[Dossier]:
    """The dossiers of `queue` for `user`, filtered, ordered, with what a row shows loaded in
    a fixed number of queries (the open step and its assignee are prefetched)."""
    dossiers = queue.build(selectors.listed_dossiers(user), user, calendar, now)
    if due == "qua-han":
        dossiers = dossiers.overdue(now)
    elif due == "sap-den-han":
        dossiers = dossiers.due_soon(now, calendar)
    elif due == "tiep-nhan-muon":
        dossiers = dossiers.late_receipt(now)
    if query:
        dossiers = selectors.search_listed(dossiers, query)
    open_steps = (
        DossierStep.objects.filter(finished_at__isnull=True)
        .select_related("unit", "assigned_to")
        .only(*ROW_STEP_FIELDS)
    )
    return (
        dossiers.select_related("procedure")
        .only(*ROW_FIELDS)
        .prefetch_related(Prefetch("steps", queryset=open_steps, to_attr="open_steps"))
        .order_by(*[_nulls_last(field) for field in queue.ordering])
    )


def _nulls_last(field: str):
    if field.startswith("-"):
        return F(field[1:]).desc(nulls_last=True)
    return F(field).asc(nulls_last=True)


def count(queue: Queue, user, *, calendar, now: datetime) -> int:
    return queue.build(selectors.listed_dossiers(user), user, calendar, now).count()
