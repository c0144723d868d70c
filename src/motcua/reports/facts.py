"""A dossier's fact (models.DossierFact) computed from the raw tables, its contributions to the
daily rollups, and the difference applied when it changes.

`compute(ids)` reads a batch of dossiers with a handful of set-based queries (the flags are
EXISTS subqueries, the pauses one query for the batch) and works out in Python only what needs
the working calendar (the processing time). `refresh(ids)` is what the outbox consumer and a
partial rebuild do: for each dossier, lock its fact, compute it again, store it and apply the
difference of contributions to the rollups, so running it twice changes nothing the second
time (a retried delivery never counts twice).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q

from motcua.delivery.choices import OrderStatus
from motcua.delivery.models import PostalOrder
from motcua.dossiers.choices import DossierStatus, IdentityResult
from motcua.dossiers.models import (
    Apology,
    Dossier,
    DossierDocument,
    DossierPause,
    IdentityCheck,
)
from motcua.payments.choices import ONLINE_METHODS, PaymentStatus
from motcua.payments.models import Payment
from motcua.reports import lateness
from motcua.reports.models import (
    HISTOGRAM_EDGES,
    HISTOGRAM_FIELDS,
    DailyRollup,
    DossierFact,
)
from motcua.results.models import SignedResult
from motcua.workdays.calendar import MINUTES_PER_WORKING_DAY
from motcua.workdays.zone import VIETNAM

S = DossierStatus
ZERO = timedelta(0)
# The identity checks the population database answered (a check it could not answer, or one
# lacking the data to ask, is not a check made).
ANSWERED_CHECKS = (IdentityResult.MATCH, IdentityResult.MISMATCH, IdentityResult.NOT_FOUND)

FACT_FIELDS = [f.attname for f in DossierFact._meta.concrete_fields if f.attname != "dossier_id"]


def _local_day(moment) -> date | None:
    return moment.astimezone(VIETNAM).date() if moment is not None else None


def flagged(queryset):
    """Dossiers annotated with the flags a fact keeps, each one EXISTS subquery."""
    digitised_lines = DossierDocument.objects.filter(dossier=OuterRef("pk"))
    return queryset.annotate(
        f_apologised=Exists(Apology.objects.filter(dossier=OuterRef("pk"))),
        f_paid_online=Exists(
            Payment.objects.filter(
                dossier=OuterRef("pk"),
                status=PaymentStatus.CONFIRMED,
                method__in=ONLINE_METHODS,
            )
        ),
        f_postal=Exists(
            PostalOrder.objects.filter(dossier=OuterRef("pk")).exclude(status=OrderStatus.CANCELLED)
        ),
        f_electronic_result=Exists(SignedResult.objects.filter(dossier=OuterRef("pk"))),
        f_has_lines=Exists(digitised_lines),
        f_undigitised=Exists(digitised_lines.filter(digitised=False)),
        f_reused=Exists(
            DossierDocument.objects.filter(dossier=OuterRef("pk")).exclude(reused_from="")
        ),
        f_population_checked=Exists(
            IdentityCheck.objects.filter(dossier=OuterRef("pk"), result__in=ANSWERED_CHECKS)
        ),
    )


# Dossiers that left the draft stage: submitted, or received at the counter.
COUNTED = Q(submitted_at__isnull=False) | Q(received_at__isnull=False)

ROW_FIELDS = (
    "pk",
    "responsible_agency_id",
    "procedure_id",
    "procedure__field_id",
    "channel",
    "status",
    "submitted_at",
    "received_at",
    "decided_at",
    "decided_due_at",
    "stopped_at",
    "closed_at",
    "receipt_due_at",
    "receipt_answered_at",
    "supplement_requests",
    "f_apologised",
    "f_paid_online",
    "f_postal",
    "f_electronic_result",
    "f_has_lines",
    "f_undigitised",
    "f_reused",
    "f_population_checked",
)


class WorkingClock:
    """The calendar's working time between two moments (WorkingCalendar.working_time_between),
    answered in constant time: the working time before each day's midnight, counted from an
    origin day, is kept once per day. A rebuild asks it for millions of dossiers."""

    def __init__(self, calendar):
        self.calendar = calendar
        self.spans = [
            (
                datetime.combine(date.min, start) - datetime.combine(date.min, time()),
                datetime.combine(date.min, end) - datetime.combine(date.min, time()),
            )
            for start, end in calendar.periods
        ]
        self.origin: date | None = None
        self.before: list[timedelta] = []  # before[i]: working time from origin to origin + i

    def _day_total(self, day: date) -> timedelta:
        if not self.calendar.is_working_day(day):
            return ZERO
        return sum((end - start for start, end in self.spans), ZERO)

    def _before(self, day: date) -> timedelta:
        if self.origin is None:
            self.origin, self.before = day, [ZERO]
        if day < self.origin:  # start earlier: prepend the days between
            start = day - timedelta(days=366)
            earlier = [ZERO]
            for offset in range((self.origin - start).days):
                earlier.append(earlier[-1] + self._day_total(start + timedelta(days=offset)))
            shift = earlier[-1]
            self.before = earlier[:-1] + [before + shift for before in self.before]
            self.origin = start
        index = (day - self.origin).days
        while len(self.before) <= index:
            last = self.origin + timedelta(days=len(self.before) - 1)
            self.before.append(self.before[-1] + self._day_total(last))
        return self.before[index]

    def _position(self, moment: datetime) -> timedelta:
        local = moment.astimezone(self.calendar.tz).replace(tzinfo=None)
        day = local.date()
        before = self._before(day)
        if not self.calendar.is_working_day(day):
            return before
        offset = local - datetime.combine(day, time())
        return before + sum(
            (min(offset, end) - start for start, end in self.spans if offset > start), ZERO
        )

    def between(self, a: datetime, b: datetime) -> timedelta:
        if b < a:
            return -self.between(b, a)
        low = self._position(a)  # the earlier first: it may move the origin back
        return self._position(b) - low


def processing_minutes(clock: WorkingClock, received_at, decided_at, pauses) -> int:
    """Working minutes from reception to the result, less the working time of the pauses
    (supplements, financial obligations, the applicant's request) in between."""
    held = clock.between(received_at, decided_at)
    for started, ended in pauses:
        end = min(ended or decided_at, decided_at)
        if end > started:
            held -= clock.between(started, end)
    return max(int(held.total_seconds() // 60), 0)


def _fact(row: dict, clock: WorkingClock, pauses) -> dict:
    status = row["status"]
    fact = {
        "agency_id": row["responsible_agency_id"],
        "procedure_id": row["procedure_id"],
        "field_id": row["procedure__field_id"],
        "channel": row["channel"],
        "status": status,
        "received_on": _local_day(row["received_at"]),
        "decided_on": _local_day(row["decided_at"]),
        "stopped_on": _local_day(row["stopped_at"]) if status == S.STOPPED else None,
        "withdrawn_on": (
            _local_day(row["closed_at"])
            if status == S.WITHDRAWN and row["submitted_at"] is not None
            else None
        ),
        "refused_on": _local_day(row["closed_at"]) if status == S.REFUSED else None,
        "receipt_due_at": row["receipt_due_at"],
        "receipt_answered_at": row["receipt_answered_at"],
        "judged": "",
        "processing_minutes": None,
        "supplement_requests": row["supplement_requests"],
        "apologised": row["f_apologised"],
        "paid_online": row["f_paid_online"],
        "postal": row["f_postal"],
        "electronic_result": row["f_electronic_result"],
        "digitised": row["f_has_lines"] and not row["f_undigitised"],
        "reused": row["f_reused"],
        "population_checked": row["f_population_checked"],
    }
    if row["decided_at"] is not None:
        fact["judged"] = lateness.judge(
            decided_at=row["decided_at"],
            due_at=row["decided_due_at"],
            supplement_requests=row["supplement_requests"],
        )
        if row["received_at"] is not None:
            fact["processing_minutes"] = processing_minutes(
                clock, row["received_at"], row["decided_at"], pauses
            )
    return fact


def compute_rows(rows: list[dict], clock: WorkingClock) -> dict[int, dict]:
    """Facts of already-read dossier rows (ROW_FIELDS), with one query for their pauses."""
    decided = [row["pk"] for row in rows if row["decided_at"] is not None]
    pauses: dict[int, list] = defaultdict(list)
    if decided:
        for dossier_id, started, ended in DossierPause.objects.filter(
            dossier_id__in=decided
        ).values_list("dossier_id", "started_at", "ended_at"):
            pauses[dossier_id].append((started, ended))
    return {row["pk"]: _fact(row, clock, pauses[row["pk"]]) for row in rows}


def clock() -> WorkingClock:
    from motcua.workdays.services import get_calendar

    return WorkingClock(get_calendar())


def compute(ids: Iterable[int], working: WorkingClock | None = None) -> dict[int, dict]:
    """The facts of these dossiers (drafts and unknown ids have none)."""
    rows = list(flagged(Dossier.objects.filter(COUNTED, pk__in=list(ids))).values(*ROW_FIELDS))
    return compute_rows(rows, working or clock())


def histogram_field(minutes: int) -> str:
    days = minutes / MINUTES_PER_WORKING_DAY
    index = 0
    for position, edge in enumerate(HISTOGRAM_EDGES):
        if days >= edge:
            index = position
    return HISTOGRAM_FIELDS[index]


def contributions(fact: dict | None) -> dict[tuple, Counter]:
    """What one fact adds to the rollups: {(day, agency, procedure, channel): counters}."""
    if not fact:
        return {}
    out: dict[tuple, Counter] = defaultdict(Counter)
    rest = (fact["agency_id"], fact["procedure_id"], fact["channel"])
    if fact["received_on"] is not None:
        row = out[(fact["received_on"], *rest)]
        row["received"] += 1
        requests = fact["supplement_requests"]
        row["supplemented"] += requests >= 1
        row["second_supplement"] += requests >= 2
        for flag in ("apologised", "paid_online", "postal", "digitised", "reused"):
            row[flag] += bool(fact[flag])
        row["population_checked"] += bool(fact["population_checked"])
    if fact["decided_on"] is not None and fact["judged"]:
        row = out[(fact["decided_on"], *rest)]
        row["finished"] += 1
        row[f"finished_{fact['judged']}"] += 1
        row["electronic_result"] += bool(fact["electronic_result"])
        if fact["processing_minutes"] is not None:
            row["finished_timed"] += 1
            row["processing_minutes"] += fact["processing_minutes"]
            row[histogram_field(fact["processing_minutes"])] += 1
    for counter in ("stopped", "withdrawn", "refused"):
        day = fact[f"{counter}_on"]
        if day is not None:
            out[(day, *rest)][counter] += 1
    return {key: Counter({k: v for k, v in row.items() if v}) for key, row in out.items()}


def difference(old: dict | None, new: dict | None) -> dict[tuple, dict]:
    before, after = contributions(old), contributions(new)
    changes = {}
    for key in set(before) | set(after):
        delta = Counter(after.get(key, {}))
        delta.subtract(before.get(key, {}))
        delta = {name: value for name, value in delta.items() if value}
        if delta:
            changes[key] = delta
    return changes


def apply(changes: dict[tuple, dict]) -> None:
    """Add each change to its rollup row (created when missing), in the caller's transaction."""
    for (day, agency_id, procedure_id, channel), delta in sorted(
        changes.items(), key=lambda item: (item[0][0], item[0][1], item[0][2], item[0][3])
    ):
        key = {"day": day, "agency_id": agency_id, "procedure_id": procedure_id, "channel": channel}
        updates = {name: F(name) + value for name, value in delta.items()}
        if DailyRollup.objects.filter(**key).update(**updates):
            continue
        try:
            with transaction.atomic():
                DailyRollup.objects.create(**key, **delta)
        except IntegrityError:  # created meanwhile by another worker
            DailyRollup.objects.filter(**key).update(**updates)


def _stored(fact: DossierFact | None) -> dict | None:
    if fact is None:
        return None
    return {name: getattr(fact, name) for name in FACT_FIELDS}


def refresh(ids: Iterable[int], working: WorkingClock | None = None) -> int:
    """Bring the facts of these dossiers, and the rollups, in line with the raw tables. Each
    dossier in its own transaction, its fact row locked (two workers refreshing the same
    dossier take turns). Returns how many facts changed."""
    changed = 0
    working = working or clock()
    for dossier_id in ids:
        with transaction.atomic():
            DossierFact.objects.filter(pk=dossier_id).select_for_update().first()
            current = DossierFact.objects.filter(pk=dossier_id).first()
            new = compute([dossier_id], working).get(dossier_id)
            old = _stored(current)
            if old == new:
                continue
            if new is None:
                current.delete()
            elif current is None:
                try:
                    with transaction.atomic():
                        DossierFact.objects.create(dossier_id=dossier_id, **new)
                except IntegrityError:  # another worker wrote it first: take it from there
                    current = DossierFact.objects.select_for_update().get(pk=dossier_id)
                    old = _stored(current)
                    DossierFact.objects.filter(pk=dossier_id).update(**new)
            else:
                DossierFact.objects.filter(pk=dossier_id).update(**new)
            apply(difference(old, new))
            changed += 1
    return changed
