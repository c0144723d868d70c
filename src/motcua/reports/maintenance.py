"""Rebuilding the reports' aggregates from the raw tables (`manage.py rebuild_reports`).

The whole rebuild empties both tables, writes the facts in batches (each batch: one query for
the dossiers with their flags as EXISTS subqueries, one for their pauses, a bulk INSERT), then
writes the rollups with a few grouped queries over the facts (one per kind of day a counter is
dated by), merged and bulk-inserted. A rebuild of some dossiers (`dossier_ids`) refreshes their
facts one by one the way the outbox consumer does, applying the differences to the rollups.

The generator of test data writes dossiers in bulk without the outbox, and calls `rebuild()`
afterwards (or with the ids of each batch).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import Count, Q, Sum

from motcua.dossiers.choices import Timeliness
from motcua.dossiers.models import Dossier
from motcua.reports import facts
from motcua.reports.models import (
    HISTOGRAM_EDGES,
    HISTOGRAM_FIELDS,
    DailyRollup,
    DossierFact,
)
from motcua.workdays.calendar import MINUTES_PER_WORKING_DAY

BATCH = 5000
KEY = ("agency_id", "procedure_id", "channel")
# Annotations named apart from the facts' own columns.
RENAMED = {"minutes_sum": "processing_minutes"}


def rebuild(*, dossier_ids: Iterable[int] | None = None, progress: Callable | None = None) -> int:
    """Rebuild the aggregates (all of them, or those of `dossier_ids`); `progress(done, total)`
    is called after each batch. Returns how many facts were written (or changed)."""
    from motcua.workdays.services import get_calendar

    calendar = get_calendar()
    if dossier_ids is not None:
        ids = sorted(set(dossier_ids))
        changed = 0
        for start in range(0, len(ids), BATCH):
            changed += facts.refresh(ids[start : start + BATCH], calendar)
            if progress:
                progress(min(start + BATCH, len(ids)), len(ids))
        return changed
    with transaction.atomic():
        DailyRollup.objects.all().delete()
        DossierFact.objects.all().delete()
        written = _write_facts(calendar, progress)
        _write_rollups()
    return written


def _write_facts(calendar, progress) -> int:
    counted = Dossier.objects.filter(facts.COUNTED)
    total = counted.count()
    written = 0
    last = 0
    while True:
        batch = list(
            facts.flagged(counted.filter(pk__gt=last).order_by("pk")[:BATCH]).values(
                *facts.ROW_FIELDS
            )
        )
        if not batch:
            break
        last = batch[-1]["pk"]
        computed = facts.compute_rows(batch, calendar)
        DossierFact.objects.bulk_create(
            [DossierFact(dossier_id=pk, **values) for pk, values in computed.items()],
            batch_size=BATCH,
        )
        written += len(computed)
        if progress:
            progress(written, total)
    return written


def _bucket_condition(index: int) -> Q:
    low = int(HISTOGRAM_EDGES[index] * MINUTES_PER_WORKING_DAY)
    condition = Q(processing_minutes__gte=low)
    if index + 1 < len(HISTOGRAM_EDGES):
        high = int(HISTOGRAM_EDGES[index + 1] * MINUTES_PER_WORKING_DAY)
        condition &= Q(processing_minutes__lt=high)
    return condition


def _write_rollups() -> int:
    rows: dict[tuple, Counter] = defaultdict(Counter)

    def merge(day_field: str, grouped) -> None:
        for values in grouped:
            key = (values.pop(day_field), *(values.pop(name) for name in KEY))
            rows[key].update(
                {RENAMED.get(name, name): value or 0 for name, value in values.items()}
            )

    received = DossierFact.objects.filter(received_on__isnull=False).values("received_on", *KEY)
    merge(
        "received_on",
        received.annotate(
            received=Count("pk"),
            supplemented=Count("pk", filter=Q(supplement_requests__gte=1)),
            second_supplement=Count("pk", filter=Q(supplement_requests__gte=2)),
            apologised=Count("pk", filter=Q(apologised=True)),
            paid_online=Count("pk", filter=Q(paid_online=True)),
            postal=Count("pk", filter=Q(postal=True)),
            digitised=Count("pk", filter=Q(digitised=True)),
            reused=Count("pk", filter=Q(reused=True)),
            population_checked=Count("pk", filter=Q(population_checked=True)),
        ),
    )
    decided = (
        DossierFact.objects.filter(decided_on__isnull=False)
        .exclude(judged="")
        .values("decided_on", *KEY)
    )
    timed = Q(processing_minutes__isnull=False)
    merge(
        "decided_on",
        decided.annotate(
            finished=Count("pk"),
            finished_early=Count("pk", filter=Q(judged=Timeliness.EARLY)),
            finished_on_time=Count("pk", filter=Q(judged=Timeliness.ON_TIME)),
            finished_late=Count("pk", filter=Q(judged=Timeliness.LATE)),
            finished_timed=Count("pk", filter=timed),
            minutes_sum=Sum("processing_minutes"),
            electronic_result=Count("pk", filter=Q(electronic_result=True)),
            **{
                name: Count("pk", filter=timed & _bucket_condition(index))
                for index, name in enumerate(HISTOGRAM_FIELDS)
            },
        ),
    )
    for counter in ("stopped", "withdrawn", "refused"):
        day = f"{counter}_on"
        merge(
            day,
            DossierFact.objects.filter(**{f"{day}__isnull": False})
            .values(day, *KEY)
            .annotate(**{counter: Count("pk")}),
        )
    DailyRollup.objects.bulk_create(
        [
            DailyRollup(
                day=day, agency_id=agency_id, procedure_id=procedure_id, channel=channel, **counts
            )
            for (day, agency_id, procedure_id, channel), counts in rows.items()
        ],
        batch_size=BATCH,
    )
    return len(rows)
