"""The daily payment reconciliation per agency (đối soát thanh toán hằng ngày): for each
collecting agency and each day (Vietnam time), the payments confirmed online and at the
counter, the bills opened that day and still pending, the refunds made that day, and the valid
receipts of the payments confirmed that day. The receipts must add up to what was paid: a
difference means a payment without a valid receipt (its agency had no series in use, or its
receipt was cancelled and not replaced), and the report lists those payments.

Figures only, no personal data: report readers, unit leaders and reception of the agency read
it (payments/receipt_policies.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from django.utils.translation import gettext as _

from motcua.agencies.models import Agency
from motcua.payments import receipt_policies as policies
from motcua.payments.choices import COUNTER_METHODS, ONLINE_METHODS, PaymentStatus
from motcua.payments.models import Payment, Receipt, Refund
from motcua.payments.receipt_selectors import day_start
from motcua.workdays.zone import VIETNAM

MAX_DAYS = 92


@dataclass
class Figures:
    count: int = 0
    amount: int = 0

    def add(self, other: Figures) -> None:
        self.count += other.count
        self.amount += other.amount


@dataclass
class Row:
    agency_code: str
    agency_name: str
    day: date | None
    online: Figures = field(default_factory=Figures)
    counter: Figures = field(default_factory=Figures)
    pending: Figures = field(default_factory=Figures)
    refunded: Figures = field(default_factory=Figures)
    receipts: Figures = field(default_factory=Figures)

    @property
    def paid(self) -> Figures:
        return Figures(
            self.online.count + self.counter.count, self.online.amount + self.counter.amount
        )

    @property
    def difference(self) -> int:
        """What was paid minus what valid receipts say: zero when they match."""
        return self.paid.amount - self.receipts.amount

    @property
    def matches(self) -> bool:
        return self.difference == 0 and self.paid.count == self.receipts.count


@dataclass
class Report:
    day_from: date
    day_to: date
    rows: list[Row]
    total: Row
    unmatched: list[Payment]


def _local_days(queryset, moment_field: str, day_from: date, day_to: date):
    return queryset.filter(
        **{
            f"{moment_field}__gte": day_start(day_from),
            f"{moment_field}__lt": day_start(day_to + timedelta(days=1)),
        }
    ).annotate(day=TruncDate(moment_field, tzinfo=VIETNAM))


def _grouped(queryset, agency_field: str, amount_field: str, *extra: str):
    return queryset.values(agency_field, "day", *extra).annotate(
        n=Count("pk"), amount=Sum(amount_field)
    )


def daily_reconciliation(
    user, *, day_from: date, day_to: date | None = None, agency_id: int | None = None
) -> Report:
    """The reconciliation of the agencies `user` reads reports for (or of one of them), one
    row per agency and day from `day_from` to `day_to` (both included; at most MAX_DAYS)."""
    day_to = day_to or day_from
    if day_to < day_from:
        day_from, day_to = day_to, day_from
    day_to = min(day_to, day_from + timedelta(days=MAX_DAYS - 1))
    agencies = policies.report_agencies(user)
    if agency_id is not None:
        agencies = agencies.filter(pk=agency_id)
    agency_ids = set(agencies.values_list("pk", flat=True))
    rows: dict[tuple[int, date], Row] = {}
    names = {}

    def row(agency: int, day: date) -> Row:
        if (agency, day) not in rows:
            if agency not in names:
                names[agency] = Agency.objects.values_list("code", "name").get(pk=agency)
            code, name = names[agency]
            rows[(agency, day)] = Row(agency_code=code, agency_name=name, day=day)
        return rows[(agency, day)]

    payments = Payment.objects.filter(agency_id__in=agency_ids)
    confirmed = _local_days(
        payments.filter(status=PaymentStatus.CONFIRMED), "confirmed_at", day_from, day_to
    )
    for group in _grouped(confirmed, "agency_id", "amount", "method"):
        figures = Figures(group["n"], group["amount"] or 0)
        target = row(group["agency_id"], group["day"])
        if group["method"] in ONLINE_METHODS:
            target.online.add(figures)
        elif group["method"] in COUNTER_METHODS:
            target.counter.add(figures)
    pending = _local_days(
        payments.filter(status=PaymentStatus.PENDING), "created_at", day_from, day_to
    )
    for group in _grouped(pending, "agency_id", "amount"):
        row(group["agency_id"], group["day"]).pending.add(Figures(group["n"], group["amount"]))
    refunds = _local_days(
        Refund.objects.filter(payment__agency_id__in=agency_ids), "refunded_at", day_from, day_to
    )
    for group in _grouped(refunds, "payment__agency_id", "amount"):
        target = row(group["payment__agency_id"], group["day"])
        target.refunded.add(Figures(group["n"], group["amount"]))
    # The valid receipts of the payments confirmed in those days, on the payment's day.
    valid = Receipt.objects.filter(
        payment__agency_id__in=agency_ids,
        payment__status=PaymentStatus.CONFIRMED,
        cancellation__isnull=True,
    )
    receipts = _local_days(valid, "payment__confirmed_at", day_from, day_to)
    for group in _grouped(receipts, "payment__agency_id", "total"):
        target = row(group["payment__agency_id"], group["day"])
        target.receipts.add(Figures(group["n"], group["amount"]))
    ordered = sorted(rows.values(), key=lambda r: (r.day, r.agency_code))
    total = Row(agency_code="", agency_name=_("Tổng cộng"), day=None)
    for item in ordered:
        for name in ("online", "counter", "pending", "refunded", "receipts"):
            getattr(total, name).add(getattr(item, name))
    with_receipt = valid.values("payment_id")
    unmatched = list(confirmed.exclude(pk__in=with_receipt).order_by("confirmed_at", "pk")[:200])
    return Report(day_from=day_from, day_to=day_to, rows=ordered, total=total, unmatched=unmatched)


def headers() -> list[str]:
    return [
        _("Mã cơ quan"),
        _("Cơ quan thu"),
        _("Ngày"),
        _("Trực tuyến: số khoản"),
        _("Trực tuyến: số tiền"),
        _("Tại quầy: số khoản"),
        _("Tại quầy: số tiền"),
        _("Đang chờ: số khoản"),
        _("Đang chờ: số tiền"),
        _("Hoàn trả: số khoản"),
        _("Hoàn trả: số tiền"),
        _("Biên lai: số biên lai"),
        _("Biên lai: số tiền"),
        _("Chênh lệch"),
        _("Khớp"),
    ]


def table(report: Report) -> list[list]:
    """The report's rows, then its total, as cells for CSV and XLSX."""
    cells = []
    for item in [*report.rows, report.total]:
        cells.append(
            [
                item.agency_code,
                item.agency_name,
                item.day.strftime("%d/%m/%Y") if item.day else "",
                item.online.count,
                item.online.amount,
                item.counter.count,
                item.counter.amount,
                item.pending.count,
                item.pending.amount,
                item.refunded.count,
                item.refunded.amount,
                item.receipts.count,
                item.receipts.amount,
                item.difference,
                _("Khớp") if item.matches else _("Không khớp"),
            ]
        )
    return cells
