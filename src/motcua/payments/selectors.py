"""The reads the faces need about a dossier's money, and the facts other apps ask of it (the
national portal's sync asks `paid_online_code`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Sum

from motcua.delivery import selectors as delivery_selectors
from motcua.dossiers.policies import agencies_of
from motcua.payments import fees
from motcua.payments.choices import (
    NATIONAL_PAID_ONLINE_CODE,
    ObligationStatus,
    PaymentMethod,
    PaymentStatus,
)
from motcua.payments.models import Obligation, Payment, Refund


@dataclass
class OwedLine:
    obligation: Obligation
    breakdown: fees.Breakdown
    paid: int
    outstanding: int


@dataclass
class Money:
    """Everything about a dossier's money, for a page."""

    lines: list[OwedLine] = field(default_factory=list)
    payments: list[Payment] = field(default_factory=list)
    refunds: list[Refund] = field(default_factory=list)
    # The public postal service the applicant chose (delivery.PostalRequest), or None. Its
    # charge is paid to the postal operator, never in our bills (docs/postal.md, "Who collects
    # the postal charge"): shown beside the breakdown, never added to what is owed here.
    postal: object | None = None

    @property
    def owed(self) -> int:
        return sum(line.breakdown.total for line in self.lines)

    @property
    def paid(self) -> int:
        return sum(p.amount for p in self.payments if p.status == PaymentStatus.CONFIRMED)

    @property
    def outstanding(self) -> int:
        return sum(line.outstanding for line in self.lines)

    @property
    def refunded(self) -> int:
        return sum(r.amount for r in self.refunds)

    @property
    def pending(self) -> list[Payment]:
        return [p for p in self.payments if p.status == PaymentStatus.PENDING]

    @property
    def any(self) -> bool:
        return bool(self.lines or self.payments or self.postal_charge)

    @property
    def postal_charge(self) -> int:
        """What the postal operator charges for the services chosen (0: none chosen)."""
        return self.postal.total_price if self.postal is not None else 0


def money_of(dossier) -> Money:
    """The dossier's obligations with their breakdowns, payments and refunds (the caller has
    already decided the actor may see the dossier)."""
    payments = list(dossier.payments.select_related("recorded_by").order_by("created_at", "pk"))
    lines = []
    for obligation in dossier.obligations.order_by("created_at", "pk"):
        paid = sum(
            p.amount
            for p in payments
            if p.obligation_id == obligation.pk and p.status == PaymentStatus.CONFIRMED
        )
        due = (
            0
            if obligation.status in (ObligationStatus.NOTHING_DUE, ObligationStatus.CANCELLED)
            else max(obligation.total - paid, 0)
        )
        lines.append(OwedLine(obligation, fees.Breakdown.from_list(obligation.items), paid, due))
    refunds = list(dossier.refunds.select_related("refunded_by").order_by("refunded_at", "pk"))
    return Money(
        lines=lines,
        payments=payments,
        refunds=refunds,
        postal=delivery_selectors.request_of(dossier),
    )


def breakdown_of(dossier) -> fees.Breakdown | None:
    """What the dossier would owe from its snapshot as it stands (a draft before submission,
    the review page); None when a quantity it needs is missing or wrong."""
    try:
        return fees.compute(
            dossier.procedure_snapshot["fees"],
            form_data=dossier.form_data,
            sets_count=dossier.sets_count,
        )
    except fees.FeeError:
        return None


def paid_online_code(dossier, *, at=None) -> int | None:
    """DuocThanhToanTrucTuyen for the national portal's sync: 1 when the dossier was paid on
    the national payment platform, 2 on the province's gateway, None when it was not paid
    online (nothing owed, paid at the counter, or not yet paid). The first confirmed online
    payment decides; with `at`, only payments confirmed at or before that moment count, so a
    sync built for an event tells the dossier as it stood then."""
    rows = Payment.objects.filter(
        dossier=dossier,
        status=PaymentStatus.CONFIRMED,
        method__in=list(NATIONAL_PAID_ONLINE_CODE),
    )
    if at is not None:
        rows = rows.filter(confirmed_at__lte=at)
    method = rows.order_by("confirmed_at", "pk").values_list("method", flat=True).first()
    return NATIONAL_PAID_ONLINE_CODE.get(method) if method else None


def owed_items(dossier, *, at=None) -> list[fees.Item] | None:
    """The fee lines the dossier owes by its obligations (cancelled ones and exempted lines
    left out), those made at or before `at` when given; None when it has no obligation (yet),
    so the caller can fall back on the procedure's fee list."""
    obligations = dossier.obligations.exclude(status=ObligationStatus.CANCELLED)
    if at is not None:
        obligations = obligations.filter(created_at__lte=at)
    obligations = list(obligations.order_by("created_at", "pk"))
    if not obligations:
        return None
    return [
        item
        for obligation in obligations
        for item in fees.Breakdown.from_list(obligation.items).items
        if not item.exempted_for
    ]


def paid_online_provider(dossier) -> str:
    """The provider (`national_platform`, `provincial_gateway`) that took the dossier's online
    payment, "" when none did."""
    code = paid_online_code(dossier)
    for method, value in NATIONAL_PAID_ONLINE_CODE.items():
        if value == code:
            return PaymentMethod(method).value
    return ""


def refunds_for(actor, *, agency=None):
    """Refunds of dossiers the actor handles (the office's list), newest first."""
    agencies = agencies_of(actor)
    rows = Refund.objects.filter(dossier__receiving_agency__in=agencies)
    if agency is not None:
        rows = rows.filter(dossier__receiving_agency=agency)
    return rows.select_related("dossier", "payment", "refunded_by").order_by("-refunded_at", "-pk")


def refundable(dossier) -> list[tuple[Payment, int]]:
    """Confirmed payments of the dossier with what is left to refund on each."""
    out = []
    for payment in dossier.payments.filter(status=PaymentStatus.CONFIRMED).order_by("pk"):
        done = payment.refunds.aggregate(s=Sum("amount"))["s"] or 0
        if payment.amount > done:
            out.append((payment, payment.amount - done))
    return out
