"""Rebuilding the reports' aggregates from the raw tables (`manage.py rebuild_reports`).

The whole rebuild empties both tables, writes the facts in batches (each batch: one query for
the dossiers with their flags as EXISTS subqueries, one for their pauses, then COPY on
PostgreSQL or a bulk INSERT), then writes the rollups with one INSERT … SELECT grouping the
facts' contributions (one UNION ALL part per kind of day a counter is dated by). A rebuild of some dossiers (`dossier_ids`) refreshes their
facts one by one the way the outbox consumer does, applying the differences to the rollups.

The generator of test data writes dossiers in bulk without the outbox, and calls `rebuild()`
afterwards (or with the ids of each batch).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import connection, transaction

from motcua.dossiers.choices import Timeliness
from motcua.dossiers.models import Dossier
from motcua.reports import facts
from motcua.reports.models import (
    COUNTERS,
    HISTOGRAM_EDGES,
    HISTOGRAM_FIELDS,
    DailyRollup,
    DossierFact,
)
from motcua.workdays.calendar import MINUTES_PER_WORKING_DAY

BATCH = 5000


def rebuild(*, dossier_ids: Iterable[int] | None = None, progress: Callable | None = None) -> int:
    """Rebuild the aggregates (all of them, or those of `dossier_ids`); `progress(done, total)`
    is called after each batch. Returns how many facts were written (or changed)."""
    working = facts.clock()
    if dossier_ids is not None:
        ids = sorted(set(dossier_ids))
        changed = 0
        for start in range(0, len(ids), BATCH):
            changed += facts.refresh(ids[start : start + BATCH], working)
            if progress:
                progress(min(start + BATCH, len(ids)), len(ids))
        return changed
    with transaction.atomic():
        DailyRollup.objects.all().delete()
        DossierFact.objects.all().delete()
        written = _write_facts(working, progress)
        _write_rollups()
    return written


def _write_facts(working, progress) -> int:
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
        computed = facts.compute_rows(batch, working)
        _insert_facts(computed)
        written += len(computed)
        if progress:
            progress(written, total)
    return written


def _insert_facts(computed: dict[int, dict]) -> None:
    """The batch's facts: COPY on PostgreSQL (no per-value preparation), bulk INSERT else."""
    if connection.vendor != "postgresql":
        DossierFact.objects.bulk_create(
            [DossierFact(dossier_id=pk, **values) for pk, values in computed.items()],
            batch_size=BATCH,
        )
        return
    names = ["dossier_id", *facts.FACT_FIELDS]
    columns = ", ".join(connection.ops.quote_name(name) for name in names)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(
            f"COPY {DossierFact._meta.db_table} ({columns}) FROM STDIN"
        ) as copy:
            for pk, values in computed.items():
                copy.write_row([pk, *(values[name] for name in facts.FACT_FIELDS)])


def _flag(condition: str) -> str:
    return f"CASE WHEN {condition} THEN 1 ELSE 0 END"


def _part(day: str, where: str, values: dict[str, str]) -> str:
    """One kind of contribution: each fact with a `day` adds `values` to that day's row."""
    selected = ", ".join(f"{values.get(name, '0')} AS {name}" for name in COUNTERS)
    return (
        f"SELECT {day} AS day, agency_id, procedure_id, channel, {selected} "  # noqa: S608 - constants
        f"FROM {DossierFact._meta.db_table} WHERE {where}"
    )


def rollup_sql() -> str:
    """The rollups from the facts in one INSERT … SELECT: the facts' contributions (received,
    decided, stopped, withdrawn, refused: the same as facts.contributions) summed per day,
    agency, procedure and channel."""
    received = {
        "received": "1",
        "supplemented": _flag("supplement_requests >= 1"),
        "second_supplement": _flag("supplement_requests >= 2"),
        **{
            name: _flag(name)
            for name in (
                "apologised",
                "paid_online",
                "postal",
                "digitised",
                "reused",
                "population_checked",
            )
        },
    }
    decided = {
        "finished": "1",
        "finished_early": _flag(f"judged = '{Timeliness.EARLY}'"),
        "finished_on_time": _flag(f"judged = '{Timeliness.ON_TIME}'"),
        "finished_late": _flag(f"judged = '{Timeliness.LATE}'"),
        "finished_timed": _flag("processing_minutes IS NOT NULL"),
        "processing_minutes": "COALESCE(processing_minutes, 0)",
        "electronic_result": _flag("electronic_result"),
    }
    for index, name in enumerate(HISTOGRAM_FIELDS):
        low = int(HISTOGRAM_EDGES[index] * MINUTES_PER_WORKING_DAY)
        condition = f"processing_minutes >= {low}"
        if index + 1 < len(HISTOGRAM_EDGES):
            high = int(HISTOGRAM_EDGES[index + 1] * MINUTES_PER_WORKING_DAY)
            condition += f" AND processing_minutes < {high}"
        decided[name] = _flag(condition)
    parts = [
        _part("received_on", "received_on IS NOT NULL", received),
        _part("decided_on", "decided_on IS NOT NULL AND judged <> ''", decided),
        *(
            _part(f"{name}_on", f"{name}_on IS NOT NULL", {name: "1"})
            for name in ("stopped", "withdrawn", "refused")
        ),
    ]
    counters = ", ".join(COUNTERS)
    sums = ", ".join(f"SUM({name})" for name in COUNTERS)
    return (
        f"INSERT INTO {DailyRollup._meta.db_table} "  # noqa: S608 - built from constants
        f"(day, agency_id, procedure_id, channel, {counters}) "
        f"SELECT day, agency_id, procedure_id, channel, {sums} "
        f"FROM ({' UNION ALL '.join(parts)}) AS contributions "
        f"GROUP BY day, agency_id, procedure_id, channel"
    )


def _write_rollups() -> int:
    with connection.cursor() as cursor:
        cursor.execute(rollup_sql())
        return cursor.rowcount
