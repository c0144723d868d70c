"""The figures leaders read (docs/reports.md says what each one means).

Counts of a period come from the daily rollups (models.DailyRollup), summed over the scope's
agencies, procedures and days; the figures that depend on `now` (overdue now, in progress,
late receipt) read the live dossier table or the facts through their indexes; the national
portal's synchronisation reads the outbox's deliveries. Every public function reads inside
`replica_reads()`, so a configured read replica serves them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from motcua.agencies.models import Agency
from motcua.catalog.choices import OnlineClass, PublicationStatus
from motcua.catalog.models import Procedure, ProcedureAgency
from motcua.dossiers.choices import Channel, DossierStatus, Timeliness
from motcua.dossiers.models import ONLINE_CHANNELS, Dossier, overdue_condition
from motcua.events.choices import DeliveryStatus
from motcua.events.models import Delivery
from motcua.lib.replica import replica_reads
from motcua.reports.models import (
    COUNTERS,
    HISTOGRAM_EDGES,
    HISTOGRAM_FIELDS,
    DailyRollup,
    DossierFact,
)
from motcua.reports.scope import Scope
from motcua.workdays.calendar import MINUTES_PER_WORKING_DAY

S = DossierStatus
# The outbox consumer of the national portal's adapter (integrations/national_portal): its
# delivered rows are the synchronisation. Named here, since reports sit below integrations.
NATIONAL_PORTAL_CONSUMER = "national_portal"
IN_PROGRESS = (S.PROCESSING, S.PAUSED)


@dataclass
class CatalogFigures:
    total: int
    by_level: dict[int, int]
    by_class: dict[str, int]
    level34: int
    full_process: int
    integrated: int
    fee_bearing: int
    online_payment: int

    @staticmethod
    def _share(part: int, whole: int) -> float | None:
        return part / whole if whole else None

    @property
    def level34_share(self) -> float | None:
        return self._share(self.level34, self.total)

    @property
    def full_process_share(self) -> float | None:
        return self._share(self.full_process, self.total)

    @property
    def integrated_share(self) -> float | None:
        return self._share(self.integrated, self.total)


@dataclass
class DossierFigures:
    received: int = 0
    received_counter: int = 0
    received_online: int = 0
    received_national_portal: int = 0
    received_post: int = 0
    online_share: float | None = None
    received_late: int = 0
    finished: int = 0
    finished_early: int = 0
    finished_on_time: int = 0
    finished_late: int = 0
    overdue_now: int = 0
    in_progress: int = 0
    processing_days_mean: float | None = None
    processing_days_p90: float | None = None
    supplemented: int = 0
    second_supplement: int = 0
    apologised: int = 0
    stopped: int = 0
    withdrawn: int = 0
    refused: int = 0
    paid_online: int = 0
    postal: int = 0
    electronic_result: int = 0
    digitised: int = 0
    reused: int = 0
    population_checked: int = 0
    synced: int = 0
    sync_lag_p50_seconds: float | None = None
    sync_lag_p95_seconds: float | None = None


# The fields of DossierFigures that are not counts of dossiers (no drill-down).
NOT_COUNTS = frozenset(
    {
        "online_share",
        "processing_days_mean",
        "processing_days_p90",
        "sync_lag_p50_seconds",
        "sync_lag_p95_seconds",
    }
)
COUNT_FIGURES = tuple(f.name for f in fields(DossierFigures) if f.name not in NOT_COUNTS)
CHANNEL_FIGURES = {
    Channel.COUNTER: "received_counter",
    Channel.ONLINE: "received_online",
    Channel.NATIONAL_PORTAL: "received_national_portal",
    Channel.POST: "received_post",
}


@dataclass
class BreakdownRow:
    key: str
    label: str
    scope: Scope | None
    figures: DossierFigures


@dataclass
class TrendPoint:
    start: date
    received: int
    online: int
    finished: int
    finished_on_time: int  # early and on time
    finished_late: int


# --- scoping --------------------------------------------------------------------------------


def _agency_ids(scope: Scope) -> list[int] | None:
    if scope.agency is None:
        return None
    return list(scope.agency.subtree().values_list("pk", flat=True))


def _procedure_ids(scope: Scope) -> list[int] | None:
    if scope.procedure is not None:
        if scope.field is not None and scope.procedure.field_id != scope.field.pk:
            return []
        return [scope.procedure.pk]
    if scope.field is not None:
        return list(Procedure.objects.filter(field=scope.field).values_list("pk", flat=True))
    return None


def _filter(queryset, scope: Scope, *, agency: str, procedure: str, channel=None):
    agencies = _agency_ids(scope)
    if agencies is not None:
        queryset = queryset.filter(**{f"{agency}__in": agencies})
    procedures = _procedure_ids(scope)
    if procedures is not None:
        queryset = queryset.filter(**{f"{procedure}__in": procedures})
    if channel is not None:
        queryset = queryset.filter(channel=channel)
    return queryset


def _rollups(scope: Scope, channel=None) -> QuerySet[DailyRollup]:
    rows = DailyRollup.objects.filter(day__gte=scope.start, day__lte=scope.end)
    return _filter(rows, scope, agency="agency_id", procedure="procedure_id", channel=channel)


def _facts(scope: Scope, channel=None) -> QuerySet[DossierFact]:
    return _filter(
        DossierFact.objects.all(),
        scope,
        agency="agency_id",
        procedure="procedure_id",
        channel=channel,
    )


def _live(scope: Scope, channel=None) -> QuerySet[Dossier]:
    return _filter(
        Dossier.objects.all(),
        scope,
        agency="responsible_agency_id",
        procedure="procedure_id",
        channel=channel,
    )


# --- the dossiers' figures --------------------------------------------------------------------


def _p(histogram: list[int], share: float) -> float | None:
    """The `share` percentile from the histogram's buckets, interpolated inside its bucket."""
    total = sum(histogram)
    if not total:
        return None
    rank = share * total
    seen = 0
    for index, count in enumerate(histogram):
        if count and seen + count >= rank:
            low = HISTOGRAM_EDGES[index]
            if index + 1 >= len(HISTOGRAM_EDGES):
                return float(low)
            high = HISTOGRAM_EDGES[index + 1]
            return low + (high - low) * (rank - seen) / count
        seen += count
    return float(HISTOGRAM_EDGES[-1])


def _percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(int(-(-share * len(ordered) // 1)), 1)
    return float(ordered[rank - 1])


def _received_late(scope: Scope, now: datetime, channel=None) -> QuerySet[DossierFact]:
    """Online dossiers whose receipt was due in the period and answered late, or not answered
    and past due at `now`."""
    return _facts(scope, channel).filter(
        Q(receipt_due_at__gte=scope.since, receipt_due_at__lt=scope.until)
        & (
            Q(receipt_answered_at__gt=F("receipt_due_at"))
            | Q(
                receipt_answered_at__isnull=True,
                status=S.SUBMITTED,
                receipt_due_at__lt=now,
            )
        )
    )


def _synced_deliveries(scope: Scope, channel=None) -> QuerySet[Delivery]:
    deliveries = Delivery.objects.filter(
        consumer=NATIONAL_PORTAL_CONSUMER,
        status=DeliveryStatus.DONE,
        dossier__isnull=False,
        event__created_at__gte=scope.since,
        event__created_at__lt=scope.until,
    )
    return _filter(
        deliveries,
        scope,
        agency="dossier__responsible_agency_id",
        procedure="dossier__procedure_id",
        channel=None,
    ).filter(**({"dossier__channel": channel} if channel else {}))


# Figures are computed as parts (one per agency, procedure or channel when grouped, folded into
# the rows asked for) that add up: counters, received by channel, live counts, sync lags.
PLAIN_COUNTS = (
    "received",
    "finished",
    "finished_early",
    "finished_on_time",
    "finished_late",
    "supplemented",
    "second_supplement",
    "apologised",
    "stopped",
    "withdrawn",
    "refused",
    "paid_online",
    "postal",
    "electronic_result",
    "digitised",
    "reused",
    "population_checked",
)
# The group's column on each table read: the rollups and facts, the dossiers, the deliveries.
GROUP_COLUMNS = {
    "agency": ("agency_id", "responsible_agency_id", "dossier__responsible_agency_id"),
    "procedure": ("procedure_id", "procedure_id", "dossier__procedure_id"),
    "channel": ("channel", "channel", "dossier__channel"),
}


@dataclass
class _Part:
    sums: Counter
    channels: Counter
    received_late: int = 0
    in_progress: int = 0
    overdue_now: int = 0
    synced: int = 0
    lags: list = None

    def add(self, other: _Part) -> None:
        self.sums.update(other.sums)
        self.channels.update(other.channels)
        self.received_late += other.received_late
        self.in_progress += other.in_progress
        self.overdue_now += other.overdue_now
        self.synced += other.synced
        self.lags.extend(other.lags)

    def figures(self) -> DossierFigures:
        sums = self.sums
        figures = DossierFigures(
            **{name: sums[name] for name in PLAIN_COUNTS},
            received_late=self.received_late,
            in_progress=self.in_progress,
            overdue_now=self.overdue_now,
            synced=self.synced,
        )
        for value, name in CHANNEL_FIGURES.items():
            setattr(figures, name, self.channels[value])
        if figures.received:
            online = figures.received_online + figures.received_national_portal
            figures.online_share = online / figures.received
        if sums["finished_timed"]:
            figures.processing_days_mean = (
                sums["processing_minutes"] / sums["finished_timed"] / MINUTES_PER_WORKING_DAY
            )
            figures.processing_days_p90 = _p([sums[name] for name in HISTOGRAM_FIELDS], 0.9)
        figures.sync_lag_p50_seconds = _percentile(self.lags, 0.5)
        figures.sync_lag_p95_seconds = _percentile(self.lags, 0.95)
        return figures


def _new_part() -> _Part:
    return _Part(Counter(), Counter(), lags=[])


def _parts(scope: Scope, now: datetime, by: str | None = None) -> dict:
    """The figures' parts of the scope, one per value of `by` (None: one part, key None)."""
    rollup_col, live_col, delivery_col = GROUP_COLUMNS[by] if by else (None, None, None)
    parts: dict = defaultdict(_new_part)
    rollup_group = [rollup_col] if by and by != "channel" else []
    rows = (
        _rollups(scope)
        .values(*rollup_group, "channel")
        .annotate(**{f"s_{name}": Sum(name) for name in COUNTERS})
    )
    for row in rows:
        key = row[rollup_col] if by else None
        part = parts[key]
        part.sums.update({name: row[f"s_{name}"] or 0 for name in COUNTERS})
        part.channels[row["channel"]] += row["s_received"] or 0
    late = _received_late(scope, now)
    if by:
        for key, count in late.values_list(rollup_col).annotate(n=Count("pk")):
            parts[key].received_late += count
    else:
        parts[None].received_late += late.count()
    live = _live(scope).filter(received_at__lt=min(scope.until, now), status__in=IN_PROGRESS)
    counts = {"in_progress": Count("pk"), "overdue_now": Count("pk", filter=overdue_condition(now))}
    live_rows = live.values(live_col).annotate(**counts) if by else [live.aggregate(**counts)]
    for row in live_rows:
        part = parts[row[live_col] if by else None]
        part.in_progress += row["in_progress"]
        part.overdue_now += row["overdue_now"]
    synced = _synced_deliveries(scope)
    seen: set = set()
    columns = (delivery_col,) if by else ()
    for *key, dossier_id, delivered, created in synced.values_list(
        *columns, "dossier_id", "delivered_at", "event__created_at"
    ):
        part = parts[key[0] if by else None]
        if dossier_id not in seen:
            seen.add(dossier_id)
            part.synced += 1
        if delivered is not None:
            part.lags.append((delivered - created).total_seconds())
    return parts


def _figures(scope: Scope, now: datetime) -> DossierFigures:
    part = _parts(scope, now).get(None) or _new_part()
    return part.figures()


def dossier_figures(scope: Scope, *, now: datetime) -> DossierFigures:
    with replica_reads():
        return _figures(scope, now)


# --- the catalog's figures ------------------------------------------------------------------


def catalog_figures(scope: Scope) -> CatalogFigures:
    """The published catalog as it stands (the period is ignored); with an agency, the
    procedures implemented by an agency of its subtree, each at the best level and class it is
    offered there (an implementing agency's own level where it has one)."""
    with replica_reads():
        procedures = Procedure.objects.filter(status=PublicationStatus.PUBLISHED)
        if scope.field is not None:
            procedures = procedures.filter(field=scope.field)
        if scope.procedure is not None:
            procedures = procedures.filter(pk=scope.procedure.pk)
        rows = {
            pk: {"level": level, "class": online_class, "integrated": integrated}
            for pk, level, online_class, integrated in procedures.values_list(
                "pk", "service_level", "online_class", "integrated_with_national_portal"
            )
        }
        if scope.agency is not None:
            implemented = ProcedureAgency.objects.filter(
                procedure_id__in=list(rows), agency__path__startswith=scope.agency.path
            ).values_list("procedure_id", "service_level", "online_class")
            scoped: dict[int, dict] = {}
            rank = {OnlineClass.NONE: 0, OnlineClass.PARTIAL: 1, OnlineClass.FULL: 2}
            for pk, level, online_class in implemented:
                own = rows[pk]
                effective = {
                    "level": level or own["level"],
                    "class": online_class or own["class"],
                    "integrated": own["integrated"],
                }
                best = scoped.get(pk)
                if best is None:
                    scoped[pk] = effective
                else:
                    best["level"] = max(best["level"], effective["level"])
                    if rank.get(effective["class"], 0) > rank.get(best["class"], 0):
                        best["class"] = effective["class"]
            rows = scoped
        fee_bearing = set(
            procedures.filter(pk__in=list(rows))
            .filter(Q(fees__amount__gt=0) | Q(fees__tiers__isnull=False) & ~Q(fees__tiers=[]))
            .values_list("pk", flat=True)
            .distinct()
        )
        online = set(
            Procedure.objects.filter(pk__in=fee_bearing)
            .filter(via_online=True)
            .values_list("pk", flat=True)
        )
        by_level = {level: 0 for level in (1, 2, 3, 4)}
        by_class = {value: 0 for value in OnlineClass.values}
        for row in rows.values():
            by_level[row["level"]] = by_level.get(row["level"], 0) + 1
            by_class[row["class"]] = by_class.get(row["class"], 0) + 1
        online_payment = sum(
            1 for pk in online if rows[pk]["level"] >= 3 or rows[pk]["class"] != OnlineClass.NONE
        )
        return CatalogFigures(
            total=len(rows),
            by_level=by_level,
            by_class=by_class,
            level34=by_level.get(3, 0) + by_level.get(4, 0),
            full_process=by_class.get(OnlineClass.FULL, 0),
            integrated=sum(1 for row in rows.values() if row["integrated"]),
            fee_bearing=len(fee_bearing),
            online_payment=online_payment,
        )


# --- breakdowns, trends, drill-downs --------------------------------------------------------


def _folded(parts: dict, target) -> dict:
    """The parts added up by `target(key)` (None: left out)."""
    folded: dict = defaultdict(_new_part)
    for key, part in parts.items():
        into = target(key)
        if into is not None:
            folded[into].add(part)
    return folded


def breakdown(scope: Scope, by: str, *, now: datetime) -> list[BreakdownRow]:
    """One row per child agency (each with its subtree; the top agencies for the province), per
    field or procedure with dossiers in the period, or per channel. The figures of every row
    come from the same few grouped queries."""
    if by not in ("agency", "field", "procedure", "channel"):
        raise ValueError(_("Không có cách chia số liệu “%(by)s”.") % {"by": by})
    with replica_reads():
        if by == "agency":
            if scope.agency is None:
                children = list(Agency.objects.filter(parent__isnull=True).order_by("path"))
            else:
                children = list(Agency.objects.filter(parent=scope.agency).order_by("path"))
            parts = _parts(scope, now, "agency")
            paths = dict(Agency.objects.filter(pk__in=list(parts)).values_list("pk", "path"))

            def child_of(agency_id):
                path = paths.get(agency_id, "")
                return next((c.pk for c in children if path.startswith(c.path)), None)

            folded = _folded(parts, child_of)
            return [
                BreakdownRow(
                    str(child.pk),
                    child.name,
                    scope.narrower(agency=child),
                    (folded.get(child.pk) or _new_part()).figures(),
                )
                for child in children
            ]
        if by == "channel":
            parts = _parts(scope, now, "channel")
            return [
                BreakdownRow(value, str(label), None, (parts.get(value) or _new_part()).figures())
                for value, label in Channel.choices
            ]
        parts = _parts(scope, now, "procedure")
        procedures = {
            procedure.pk: procedure
            for procedure in Procedure.objects.filter(pk__in=list(parts)).select_related("field")
        }
        if by == "procedure":
            return [
                BreakdownRow(
                    str(procedure.pk),
                    f"{procedure.code} {procedure.name}",
                    scope.narrower(procedure=procedure),
                    parts[procedure.pk].figures(),
                )
                for procedure in sorted(procedures.values(), key=lambda p: p.code)
            ]
        folded = _folded(parts, lambda pk: procedures[pk].field_id if pk in procedures else None)
        fields_ = {p.field_id: p.field for p in procedures.values()}
        return [
            BreakdownRow(
                str(field.pk), field.name, scope.narrower(field=field), folded[field.pk].figures()
            )
            for field in sorted(fields_.values(), key=lambda f: f.name)
        ]


def _bucket_start(day: date, grain: str) -> date:
    if grain == "day":
        return day
    if grain == "week":
        return day - timedelta(days=day.weekday())
    if grain == "month":
        return day.replace(day=1)
    raise ValueError(_("Không có kỳ “%(grain)s”.") % {"grain": grain})


def _bucket_starts(scope: Scope, grain: str) -> list[date]:
    starts = []
    day = _bucket_start(scope.start, grain)
    while day <= scope.end:
        starts.append(day)
        if grain == "day":
            day += timedelta(days=1)
        elif grain == "week":
            day += timedelta(days=7)
        else:
            day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return starts


def trend(scope: Scope, grain: str, *, now: datetime) -> list[TrendPoint]:
    """The period cut into days, weeks (from Monday) or months; the first and last buckets
    count only the days of the period."""
    with replica_reads():
        points = {start: TrendPoint(start, 0, 0, 0, 0, 0) for start in _bucket_starts(scope, grain)}
        rows = (
            _rollups(scope)
            .values("day", "channel")
            .annotate(
                received=Sum("received"),
                finished=Sum("finished"),
                early=Sum("finished_early"),
                on_time=Sum("finished_on_time"),
                late=Sum("finished_late"),
            )
        )
        for row in rows:
            point = points[_bucket_start(row["day"], grain)]
            point.received += row["received"]
            if row["channel"] in ONLINE_CHANNELS:
                point.online += row["received"]
            point.finished += row["finished"]
            point.finished_on_time += row["early"] + row["on_time"]
            point.finished_late += row["late"]
        return list(points.values())


def _in_period(prefix: str, scope: Scope) -> Q:
    return Q(**{f"{prefix}__gte": scope.start, f"{prefix}__lte": scope.end})


def _fact_condition(figure: str, scope: Scope) -> Q | None:
    received = _in_period("received_on", scope)
    decided = _in_period("decided_on", scope) & ~Q(judged="")
    conditions = {
        "received": received,
        "received_counter": received & Q(channel=Channel.COUNTER),
        "received_online": received & Q(channel=Channel.ONLINE),
        "received_national_portal": received & Q(channel=Channel.NATIONAL_PORTAL),
        "received_post": received & Q(channel=Channel.POST),
        "finished": decided,
        "finished_early": decided & Q(judged=Timeliness.EARLY),
        "finished_on_time": decided & Q(judged=Timeliness.ON_TIME),
        "finished_late": decided & Q(judged=Timeliness.LATE),
        "supplemented": received & Q(supplement_requests__gte=1),
        "second_supplement": received & Q(supplement_requests__gte=2),
        "apologised": received & Q(apologised=True),
        "paid_online": received & Q(paid_online=True),
        "postal": received & Q(postal=True),
        "digitised": received & Q(digitised=True),
        "reused": received & Q(reused=True),
        "population_checked": received & Q(population_checked=True),
        "electronic_result": decided & Q(electronic_result=True),
        "stopped": _in_period("stopped_on", scope),
        "withdrawn": _in_period("withdrawn_on", scope),
        "refused": _in_period("refused_on", scope),
    }
    return conditions.get(figure)


def dossiers(scope: Scope, figure: str, *, now: datetime) -> QuerySet[Dossier]:
    """The dossiers behind one count of DossierFigures (`figure` is its field name)."""
    if figure not in COUNT_FIGURES:
        raise ValueError(_("“%(figure)s” không phải một số đếm hồ sơ.") % {"figure": figure})
    with replica_reads():
        condition = _fact_condition(figure, scope)
        if condition is not None:
            ids = _facts(scope).filter(condition).values("dossier_id")
        elif figure == "received_late":
            ids = _received_late(scope, now).values("dossier_id")
        elif figure == "synced":
            ids = _synced_deliveries(scope).values("dossier_id")
        else:
            live = _live(scope).filter(
                received_at__lt=min(scope.until, now), status__in=IN_PROGRESS
            )
            if figure == "overdue_now":
                live = live.filter(overdue_condition(now))
            ids = live.values("pk")
        return Dossier.objects.filter(pk__in=ids)


__all__ = [
    "BreakdownRow",
    "CatalogFigures",
    "DossierFigures",
    "TrendPoint",
    "breakdown",
    "catalog_figures",
    "dossier_figures",
    "dossiers",
    "trend",
]
