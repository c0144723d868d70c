"""The service index of Decision 766/QĐ-TTg (2022): 100 points in five groups, computed for a
scope (an agency with its subtree, or the province; a period; optionally a field or a
procedure), the league table of an agency's children, and the drill-down to what lowered an
indicator. docs/service-index.md states the reading implemented, indicator by indicator.

- Each indicator is a ratio numerator ÷ denominator. With a threshold t its points are
  maximum × min(1, ratio ÷ t); without, ratio × maximum (service_index_config.Indicator).
- An indicator whose denominator is zero is **not applicable**: it scores no points and its
  maximum leaves the index, whose total is rescaled to 100 over the indicators that apply
  (total = 100 × points ÷ maximum of the applicable indicators). A commune with no fee-bearing
  procedure is neither rewarded nor punished for payments it cannot take. With no applicable
  indicator at all the total is 0.
- The groups, indicators, maximum points, thresholds and bands are configuration
  (service_index_config.py), overridable by a deployment; what each indicator counts is here.
- The dossier sets are those of reports.figures (`figures.dossiers(scope, figure, now=)`: the
  received, finished, in-progress, late and flagged dossiers), so the index counts what the
  figures count, under each dossier's responsible agency; an open dossier is judged late only
  through reports.lateness, the one home of the national rule.

Every public function reads inside `replica_reads()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import DEFAULT_DB_ALIAS, router
from django.db.models import (
    Case,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce, TruncDate

from motcua.agencies.models import Agency
from motcua.catalog.choices import FeeKind, OnlineClass, PublicationStatus
from motcua.catalog.models import (
    Fee,
    LegalBasis,
    Procedure,
    ProcedureAgency,
    ProcedureCase,
    ProcedureResult,
    RequiredDocument,
)
from motcua.dossiers.choices import (
    ApplicantKind,
    DocumentForm,
    ReuseSource,
)
from motcua.dossiers.models import (
    ONLINE_CHANNELS,
    Dossier,
    DossierDocument,
    ResultDocument,
)
from motcua.events.choices import DeliveryStatus
from motcua.events.models import Delivery, ReferenceAuditEvent
from motcua.feedback.choices import OPEN_STATUSES as OPEN_COMPLAINT
from motcua.feedback.choices import POOR, ComplaintStatus
from motcua.feedback.models import Complaint, Rating
from motcua.lib.collation import vietnamese
from motcua.lib.replica import replica_reads
from motcua.payments.choices import ONLINE_METHODS, PaymentStatus
from motcua.payments.models import Obligation, Payment
from motcua.reports import figures, lateness
from motcua.reports.scope import Scope
from motcua.reports.service_index_config import (
    Band,
    Configuration,
    Group,
    Indicator,
    active_configuration,
)
from motcua.results.models import SignedResult
from motcua.workdays.zone import VIETNAM

# GROUPS, INDICATORS and BANDS are read through the module's __getattr__ below.
__all__ = [
    "Band",
    "Drill",
    "Group",
    "GroupScore",
    "IndexCard",
    "Indicator",
    "IndicatorScore",
    "LeagueRow",
    "league_table",
    "pulling_down",
    "service_index",
]

# The outbox consumer that sends dossiers to the national portal, as the figures name it: a
# dossier is synced once one of its events was delivered to it.
NATIONAL_PORTAL_CONSUMER = figures.NATIONAL_PORTAL_CONSUMER
COPY_FORMS = (DocumentForm.COPY, DocumentForm.CERTIFIED_COPY, DocumentForm.ELECTRONIC_COPY)


def __getattr__(name: str):
    """GROUPS, INDICATORS and BANDS: the configuration in force (the defaults, or those of the
    file SERVICE_INDEX_CONFIG names), read when asked for."""
    if name in ("GROUPS", "INDICATORS", "BANDS"):
        return getattr(active_configuration(), name.lower())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class IndicatorScore:
    indicator: Indicator
    numerator: int
    denominator: int
    ratio: float | None  # None when not applicable (denominator zero)
    points: float | None  # None when not applicable

    @property
    def applicable(self) -> bool:
        return self.denominator > 0


@dataclass(frozen=True)
class GroupScore:
    group: Group
    points: float  # the points its applicable indicators scored
    max_points: float = 0.0  # the maximum of its applicable indicators


@dataclass
class IndexCard:
    total: float  # out of 100, rescaled over the applicable indicators
    band: Band
    groups: list[GroupScore]
    indicators: list[IndicatorScore]
    points: float = 0.0  # the points scored, before rescaling
    applicable_max: float = 0.0  # the maximum of the applicable indicators

    def indicator(self, code: str) -> IndicatorScore:
        for score in self.indicators:
            if score.indicator.code == code:
                return score
        raise KeyError(code)


@dataclass(frozen=True)
class LeagueRow:
    rank: int
    agency: Agency
    card: IndexCard


@dataclass(frozen=True)
class Drill:
    kind: str  # "dossier" | "procedure" | "complaint"
    queryset: QuerySet


# --- the scope ------------------------------------------------------------------------------


def _since(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=VIETNAM)


@dataclass
class _Context:
    """One scope at one moment, with the sets several indicators share built once."""

    scope: Scope
    now: datetime
    cache: dict = field(default_factory=dict)

    @property
    def since(self) -> datetime:
        return _since(self.scope.start)

    @property
    def until(self) -> datetime:
        return _since(self.scope.end + timedelta(days=1))

    @property
    def at(self) -> datetime:
        """The moment open things are judged at: the period's end, or now if sooner."""
        return min(self.now, self.until)

    def once(self, key: str, build: Callable):
        if key not in self.cache:
            self.cache[key] = build()
        return self.cache[key]


def _agency_q(scope: Scope, lookup: str) -> Q:
    if scope.agency is None:
        return Q()
    return Q(**{f"{lookup}__path__startswith": scope.agency.path})


def _scoped_dossiers(ctx: _Context) -> QuerySet[Dossier]:
    """The dossiers of the scope's agency subtree, field and procedure, whatever their dates."""
    scope = ctx.scope
    qs = Dossier.objects.filter(_agency_q(scope, "responsible_agency"))
    if scope.field is not None:
        qs = qs.filter(procedure__field=scope.field)
    if scope.procedure is not None:
        qs = qs.filter(procedure=scope.procedure)
    return qs


def _figure(ctx: _Context, name: str) -> QuerySet[Dossier]:
    """The dossiers behind one count of reports.figures (its drill-down), built once."""
    return ctx.once(name, lambda: figures.dossiers(ctx.scope, name, now=ctx.now))


def _received(ctx: _Context) -> QuerySet[Dossier]:
    """Dossiers received (receipt issued) in the period: the figures' `received`."""
    return _figure(ctx, "received")


def _judged(ctx: _Context) -> QuerySet[Dossier]:
    """The dossiers whose progress the period judges: those decided in the period (the
    figures' `finished`) and those still being processed or paused (`in_progress`: received
    before the period's end, or before now while it lasts)."""
    return Dossier.objects.filter(
        Q(pk__in=_figure(ctx, "finished").values("pk"))
        | Q(pk__in=_figure(ctx, "in_progress").values("pk"))
    )


def _late_q(ctx: _Context) -> Q:
    """Late, judged by reports.lateness: a decided dossier as the figures judged it
    (`finished_late`), an open one at the moment of judgement."""
    return Q(pk__in=_figure(ctx, "finished_late").values("pk")) | lateness.open_late_condition(
        ctx.at
    )


def _catalog_procedures(ctx: _Context, statuses=(PublicationStatus.PUBLISHED,)):
    """Procedures of the scope: in one of `statuses`, carried out by at least one agency of
    the scope's subtree (by any agency for the province), of its field or the procedure."""
    scope = ctx.scope
    implemented = ProcedureAgency.objects.filter(procedure=OuterRef("pk")).filter(
        _agency_q(scope, "agency")
    )
    qs = Procedure.objects.filter(status__in=statuses).filter(Exists(implemented))
    if scope.field is not None:
        qs = qs.filter(field=scope.field)
    if scope.procedure is not None:
        qs = qs.filter(pk=scope.procedure.pk)
    return qs


def _implementations(ctx: _Context) -> QuerySet[ProcedureAgency]:
    """The scope's implementations, each with the service level and online class it offers
    (its own where it sets one, else its procedure's)."""
    return (
        ProcedureAgency.objects.filter(_agency_q(ctx.scope, "agency"))
        .annotate(
            level=Coalesce("service_level", "procedure__service_level"),
            klass=Case(
                When(online_class="", then=F("procedure__online_class")),
                default=F("online_class"),
            ),
        )
        .filter(procedure__in=_catalog_procedures(ctx).values("pk"))
    )


def _online_procedures(ctx: _Context) -> QuerySet[Procedure]:
    """Offered online in the scope: an implementation there at level 3 or 4, or full or
    partial in the 2022 classes."""
    online = _implementations(ctx).filter(
        Q(level__gte=3) | Q(klass__in=(OnlineClass.FULL, OnlineClass.PARTIAL))
    )
    return _catalog_procedures(ctx).filter(pk__in=online.values("procedure_id"))


def _fee_bearing(ctx: _Context) -> QuerySet[Procedure]:
    fees = Fee.objects.filter(procedure=OuterRef("pk")).filter(
        Q(amount__gt=0) | Q(kind=FeeKind.TIERED)
    )
    return _catalog_procedures(ctx).filter(Exists(fees))


def _payable_online(ctx: _Context) -> QuerySet[Procedure]:
    """Fee-bearing and offered at level 4 or full-process in the scope: paid online."""
    payable = _implementations(ctx).filter(Q(level__gte=4) | Q(klass=OnlineClass.FULL))
    return _fee_bearing(ctx).filter(pk__in=payable.values("procedure_id"))


def _signed(outer: str = "pk") -> Exists:
    return Exists(SignedResult.objects.filter(dossier=OuterRef(outer)))


def _has_result_document() -> Exists:
    return Exists(ResultDocument.objects.filter(dossier=OuterRef("pk")))


# --- the indicators -------------------------------------------------------------------------
# Each gives (numerator set or count, denominator set) as querysets of the same model, the
# numerator a subset of the denominator, and the drill-down is the difference.


@dataclass(frozen=True)
class _Measure:
    kind: str  # the model the drill-down returns
    sets: Callable[[_Context], tuple[QuerySet, QuerySet]]  # (meeting it, all counted)
    # For the few indicators whose numerator is not a subset count (satisfaction, copies).
    count: Callable[[_Context], tuple[int, int]] | None = None
    drill: Callable[[_Context], QuerySet] | None = None


def _first_published(status: str) -> Subquery:
    events = (
        ReferenceAuditEvent.objects.filter(subject_type="procedure", subject_key=OuterRef("code"))
        .filter(
            Q(action=f"procedure_{status}") | Q(action="procedure_imported", data__status=status)
        )
        .values("at")
    )
    return events


def _published_on_time(ctx):
    base = _catalog_procedures(ctx).annotate(
        published_at=Coalesce(
            Subquery(_first_published("published").order_by("at")[:1]), F("created_at")
        )
    )
    base = base.annotate(published_on=TruncDate("published_at", tzinfo=VIETNAM))
    met = base.filter(Q(effective_from__isnull=True) | Q(published_on__lte=F("effective_from")))
    return met, base


def _updated_on_time(ctx):
    base = _catalog_procedures(
        ctx, statuses=(PublicationStatus.PUBLISHED, PublicationStatus.WITHDRAWN)
    ).filter(effective_to__isnull=False, effective_to__lte=ctx.scope.end)
    withdrawn = base.filter(status=PublicationStatus.WITHDRAWN).annotate(
        withdrawn_at=Coalesce(
            Subquery(_first_published("withdrawn").order_by("-at")[:1]), F("updated_at")
        )
    )
    withdrawn = withdrawn.annotate(withdrawn_on=TruncDate("withdrawn_at", tzinfo=VIETNAM))
    met = base.filter(pk__in=withdrawn.filter(withdrawn_on__lte=F("effective_to")).values("pk"))
    return met, base


def _published_complete(ctx):
    base = _catalog_procedures(ctx)
    empty_case = ProcedureCase.objects.filter(procedure=OuterRef("pk")).exclude(
        Exists(RequiredDocument.objects.filter(case=OuterRef("pk")))
    )
    met = (
        base.exclude(description="")
        .filter(Exists(ProcedureCase.objects.filter(procedure=OuterRef("pk"))))
        .exclude(Exists(empty_case))
        .filter(Exists(ProcedureResult.objects.filter(procedure=OuterRef("pk"))))
        .filter(Exists(LegalBasis.objects.filter(procedure=OuterRef("pk"))))
    )
    return met, base


def _synced(ctx):
    base = _received(ctx)
    delivered = Delivery.objects.filter(
        consumer=NATIONAL_PORTAL_CONSUMER, dossier=OuterRef("pk"), status=DeliveryStatus.DONE
    )
    return base.filter(Exists(delivered)), base


def _on_time(ctx):
    base = _judged(ctx)
    return base.exclude(_late_q(ctx)), base


def _full_process_dossiers(ctx):
    full = _implementations(ctx).filter(klass=OnlineClass.FULL)
    eligible = full.filter(procedure=OuterRef("procedure"), agency=OuterRef("responsible_agency"))
    base = _received(ctx).filter(Exists(eligible))
    return base.filter(channel__in=ONLINE_CHANNELS), base


def _online_procedures_sets(ctx):
    return _online_procedures(ctx), _catalog_procedures(ctx)


def _online_services_used(ctx):
    base = _online_procedures(ctx)
    used = _received(ctx).filter(channel__in=ONLINE_CHANNELS).values("procedure_id")
    return base.filter(pk__in=used), base


def _online_dossiers(ctx):
    base = _received(ctx)
    met = base.filter(channel__in=ONLINE_CHANNELS).exclude(_has_result_document() & ~_signed())
    return met, base


def _payment_integrated(ctx):
    return _payable_online(ctx), _fee_bearing(ctx)


def _payment_used(ctx):
    base = _fee_bearing(ctx)
    paid = _scoped_dossiers(ctx).filter(
        Exists(
            Payment.objects.filter(
                dossier=OuterRef("pk"),
                status=PaymentStatus.CONFIRMED,
                method__in=ONLINE_METHODS,
                confirmed_at__gte=ctx.since,
                confirmed_at__lt=ctx.until,
            )
        )
    )
    return base.filter(pk__in=paid.values("procedure_id")), base


def _paid_online(ctx):
    owed = Obligation.objects.filter(dossier=OuterRef("pk"), total__gt=0)
    base = _received(ctx).filter(Exists(owed))
    return base.filter(pk__in=_figure(ctx, "paid_online").values("pk")), base


def _electronic_result(ctx):
    base = _figure(ctx, "finished")
    return _figure(ctx, "electronic_result"), base


def _digitised(ctx):
    base = _received(ctx)
    paper = DossierDocument.objects.filter(dossier=OuterRef("pk"), digitised=False).exclude(
        form=DocumentForm.EFORM
    )
    met = base.exclude(Exists(paper)).exclude(_has_result_document() & ~_signed())
    return met, base


def _copies(ctx):
    documents = DossierDocument.objects.filter(
        dossier__in=_received(ctx).values("pk"), form__in=COPY_FORMS
    )
    return documents.filter(form=DocumentForm.ELECTRONIC_COPY).count(), documents.count()


def _copies_drill(ctx):
    paper_copy = DossierDocument.objects.filter(
        dossier=OuterRef("pk"), form__in=(DocumentForm.COPY, DocumentForm.CERTIFIED_COPY)
    )
    return _received(ctx).filter(Exists(paper_copy))


def _reused(ctx):
    return _figure(ctx, "reused"), _received(ctx)


def _personal_data_store(ctx):
    base = _received(ctx)
    stored = DossierDocument.objects.filter(
        dossier=OuterRef("pk"), reused_from=ReuseSource.NATIONAL_STORE
    )
    return base.filter(Exists(stored)), base


def _population_dossiers(ctx):
    base = _received(ctx).filter(applicant_kind=ApplicantKind.CITIZEN)
    return base.filter(pk__in=_figure(ctx, "population_checked").values("pk")), base


def _population_procedures(ctx):
    met_dossiers, citizens = _population_dossiers(ctx)
    base = Procedure.objects.filter(pk__in=citizens.values("procedure_id"))
    return base.filter(pk__in=met_dossiers.values("procedure_id")), base


def _complaints(ctx) -> QuerySet[Complaint]:
    scope = ctx.scope
    qs = Complaint.objects.filter(received_at__gte=ctx.since, received_at__lt=ctx.until).filter(
        _agency_q(scope, "agency")
    )
    if scope.field is not None:
        qs = qs.filter(
            Q(procedure__field=scope.field)
            | Q(procedure__isnull=True, dossier__procedure__field=scope.field)
        )
    if scope.procedure is not None:
        qs = qs.filter(
            Q(procedure=scope.procedure)
            | Q(procedure__isnull=True, dossier__procedure=scope.procedure)
        )
    return qs


def _complaints_on_time(ctx):
    base = _complaints(ctx)
    late = (
        Q(status=ComplaintStatus.REFUSED, refused_late=True)
        | Q(status__in=(ComplaintStatus.ANSWERED, ComplaintStatus.PUBLISHED), answered_late=True)
        | Q(status__in=OPEN_COMPLAINT, answer_due_at__lt=ctx.at)
    )
    return base.exclude(late), base


def _complaints_resolved(ctx):
    base = _complaints(ctx).exclude(status=ComplaintStatus.REFUSED)
    return base.filter(status=ComplaintStatus.PUBLISHED), base


def _unhappy_q(ctx) -> Q:
    complained = Complaint.objects.filter(dossier=OuterRef("pk"), received_at__lt=ctx.at)
    poor = Rating.objects.filter(dossier=OuterRef("pk"), overall=POOR, rated_at__lt=ctx.at)
    return Q(Exists(complained)) | Q(Exists(poor))


def _satisfaction_count(ctx):
    base = _judged(ctx)
    total = base.count()
    late = base.filter(_late_q(ctx)).count()
    unhappy = base.filter(_unhappy_q(ctx)).count()
    return max(0, total - late - unhappy), total


def _satisfaction_drill(ctx):
    return _judged(ctx).filter(_late_q(ctx) | _unhappy_q(ctx))


MEASURES: dict[str, _Measure] = {
    "published_on_time": _Measure("procedure", _published_on_time),
    "updated_on_time": _Measure("procedure", _updated_on_time),
    "published_complete": _Measure("procedure", _published_complete),
    "synced": _Measure("dossier", _synced),
    "on_time": _Measure("dossier", _on_time),
    "full_process_dossiers": _Measure("dossier", _full_process_dossiers),
    "online_procedures": _Measure("procedure", _online_procedures_sets),
    "online_services_used": _Measure("procedure", _online_services_used),
    "online_dossiers": _Measure("dossier", _online_dossiers),
    "payment_integrated": _Measure("procedure", _payment_integrated),
    "payment_used": _Measure("procedure", _payment_used),
    "paid_online": _Measure("dossier", _paid_online),
    "electronic_result": _Measure("dossier", _electronic_result),
    "digitised": _Measure("dossier", _digitised),
    "certified_copies": _Measure("dossier", None, count=_copies, drill=_copies_drill),
    "reused": _Measure("dossier", _reused),
    "personal_data_store": _Measure("dossier", _personal_data_store),
    "population_procedures": _Measure("procedure", _population_procedures),
    "population_dossiers": _Measure("dossier", _population_dossiers),
    "complaints_on_time": _Measure("complaint", _complaints_on_time),
    "complaints_resolved": _Measure("complaint", _complaints_resolved),
    "satisfaction": _Measure("dossier", None, count=_satisfaction_count, drill=_satisfaction_drill),
}


def _score(ctx: _Context, indicator: Indicator) -> IndicatorScore:
    measure = MEASURES[indicator.code]
    if measure.count is not None:
        numerator, denominator = measure.count(ctx)
    else:
        met, base = measure.sets(ctx)
        numerator, denominator = met.count(), base.count()
    if denominator == 0:
        return IndicatorScore(indicator, numerator, 0, None, None)
    ratio = numerator / denominator
    return IndicatorScore(indicator, numerator, denominator, ratio, indicator.points_for(ratio))


def _card(ctx: _Context, configuration: Configuration) -> IndexCard:
    scores = [_score(ctx, indicator) for indicator in configuration.indicators]
    groups = []
    for group in configuration.groups:
        mine = [s for s in scores if s.indicator.group == group.number and s.applicable]
        groups.append(
            GroupScore(
                group,
                round(sum(s.points for s in mine), 6),
                sum(s.indicator.max_points for s in mine),
            )
        )
    points = sum(s.points for s in scores if s.applicable)
    maximum = sum(s.indicator.max_points for s in scores if s.applicable)
    total = round(100.0 * points / maximum, 6) if maximum else 0.0
    return IndexCard(
        total=total,
        band=configuration.band_for(total),
        groups=groups,
        indicators=scores,
        points=round(points, 6),
        applicable_max=maximum,
    )


# --- the public reads -----------------------------------------------------------------------


def service_index(scope: Scope, *, now: datetime) -> IndexCard:
    """The index card of `scope` at `now`: every indicator's numbers and points, the groups,
    the total out of 100 and its band."""
    with replica_reads():
        return _card(_Context(scope, now), active_configuration())


def league_table(scope: Scope, *, now: datetime) -> list[LeagueRow]:
    """The child agencies of `scope.agency` (the top-level agencies for the province), each
    with its whole subtree's card, best total first; equal totals share a rank (1, 2, 2, 4),
    listed by name."""
    configuration = active_configuration()
    with replica_reads():
        children = Agency.objects.filter(parent=scope.agency).order_by(vietnamese("name"), "pk")
        cards = [
            (agency, _card(_Context(scope.narrower(agency=agency), now), configuration))
            for agency in children
        ]
    cards.sort(key=lambda pair: -pair[1].total)
    rows: list[LeagueRow] = []
    for position, (agency, card) in enumerate(cards, start=1):
        rank = rows[-1].rank if rows and rows[-1].card.total == card.total else position
        rows.append(LeagueRow(rank, agency, card))
    return rows


def pulling_down(scope: Scope, code: str, *, now: datetime) -> Drill:
    """What lowered indicator `code` in `scope`: the dossiers, procedures or complaints counted
    in its denominator that do not meet it (for the progress indicator, the dossiers judged
    late). KeyError for an unknown code."""
    measure = MEASURES[code]
    active_configuration().indicator(code)  # an indicator the configuration knows
    with replica_reads():
        ctx = _Context(scope, now)
        if measure.drill is not None:
            queryset = measure.drill(ctx)
        else:
            met, base = measure.sets(ctx)
            queryset = base.exclude(pk__in=met.values("pk"))
        # The queryset is read later, by the caller: pin it to where reads go now.
        queryset = queryset.using(router.db_for_read(queryset.model) or DEFAULT_DB_ALIAS)
        return Drill(measure.kind, queryset.order_by("pk"))
