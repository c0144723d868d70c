"""The national way of judging a dossier (Decision 766/QĐ-TTg's reading), in one place: the
figures, the aggregates and the service index all judge through here.

- A finished dossier is judged by the moment its result was ready (`decided_at`) against its
  due moment at that moment (`decided_due_at`). The due moment already has the supplement time
  taken out: while the applicant supplements, the clock is paused (dossiers/deadlines.py keeps
  the remaining working time and moves the due moment on resuming), so the time the applicant
  held the dossier never counts against the agency.
- Early / on time / late is dossiers.deadlines.timeliness: late after the due moment, early on
  a calendar day (Vietnam time) before the due moment's day, on time otherwise.
- A dossier asked for a supplement more than once is late, whatever its times.
- An apology (form 04) gives the applicant a new date (`applicant_due_at`) but never changes
  the due moment the dossier is judged against: an apologised dossier is judged against its
  original due moment.
- A dossier still open is judged at a moment (the end of a period): late when its due moment
  is before that moment (while paused: when it had no working time left when it paused), or
  when it was asked for a second supplement; otherwise it is not yet judged.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Case, CharField, F, Q, Value, When
from django.db.models.functions import TruncDate

from motcua.dossiers.choices import DossierStatus, Timeliness
from motcua.dossiers.deadlines import timeliness
from motcua.workdays.zone import VIETNAM

EARLY, ON_TIME, LATE = Timeliness.EARLY, Timeliness.ON_TIME, Timeliness.LATE
OPEN_STATUSES = (DossierStatus.PROCESSING, DossierStatus.PAUSED)
# More supplement requests than this make a dossier late.
SUPPLEMENTS_ALLOWED = 1


def judge(*, decided_at: datetime, due_at: datetime | None, supplement_requests: int) -> str:
    """Early, on time or late for a dossier decided at `decided_at`, due at `due_at` (its
    due moment when decided: `Dossier.decided_due_at`)."""
    if supplement_requests > SUPPLEMENTS_ALLOWED:
        return LATE
    if due_at is None:  # no time limit ran: nothing to be late against
        return ON_TIME
    return timeliness(decided_at, due_at, VIETNAM)


def judge_dossier(dossier) -> str | None:
    """The judgement of a decided dossier; None while it has no result."""
    if dossier.decided_at is None:
        return None
    return judge(
        decided_at=dossier.decided_at,
        due_at=dossier.decided_due_at,
        supplement_requests=dossier.supplement_requests,
    )


def open_is_late(
    *, status: str, due_at, remaining_seconds, supplement_requests: int, at: datetime
) -> bool:
    """Whether a dossier still being processed (or paused) counts late when judged at `at`."""
    if status not in OPEN_STATUSES:
        return False
    if supplement_requests > SUPPLEMENTS_ALLOWED:
        return True
    if status == DossierStatus.PROCESSING:
        return due_at is not None and due_at < at
    return remaining_seconds is not None and remaining_seconds < 0


def open_late_condition(at: datetime, through: str = "") -> Q:
    """`open_is_late` as a query on Dossier (`through` prefixes the lookups)."""
    p = through
    return Q(**{f"{p}status__in": OPEN_STATUSES}) & (
        Q(**{f"{p}supplement_requests__gt": SUPPLEMENTS_ALLOWED})
        | Q(**{f"{p}status": DossierStatus.PROCESSING, f"{p}due_at__lt": at})
        | Q(**{f"{p}status": DossierStatus.PAUSED, f"{p}remaining_seconds__lt": 0})
    )


def finished_late_condition(through: str = "") -> Q:
    """Decided and late, as a query on Dossier."""
    p = through
    return Q(**{f"{p}decided_at__isnull": False}) & (
        Q(**{f"{p}supplement_requests__gt": SUPPLEMENTS_ALLOWED})
        | Q(**{f"{p}decided_at__gt": F(f"{p}decided_due_at")})
    )


def with_judgement(queryset):
    """Dossiers annotated with `judged`: early, on_time or late (empty while undecided), the
    same answer as `judge_dossier`, computed by the database."""
    return queryset.annotate(
        _decided_day=TruncDate("decided_at", tzinfo=VIETNAM),
        _due_day=TruncDate("decided_due_at", tzinfo=VIETNAM),
    ).annotate(
        judged=Case(
            When(decided_at__isnull=True, then=Value("")),
            When(finished_late_condition(), then=Value(LATE)),
            When(decided_due_at__isnull=True, then=Value(ON_TIME)),
            When(_decided_day__lt=F("_due_day"), then=Value(EARLY)),
            default=Value(ON_TIME),
            output_field=CharField(),
        )
    )
