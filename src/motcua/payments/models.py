"""What a dossier owes, what was paid for it, and what was refunded.

Amounts are whole đồng (integers), never floats. A payment is applied exactly once: an online
payment's confirmation is keyed on the provider's transaction id, unique per provider in the
database, so a repeated or late notification cannot make a second payment.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.payments.choices import (
    NATIONAL_PAID_ONLINE_CODE,
    ONLINE_METHODS,
    NotificationOutcome,
    ObligationStage,
    ObligationStatus,
    PaymentMethod,
    PaymentStatus,
)


class Obligation(models.Model):
    """An amount a dossier owes, with its breakdown (`payments.fees.Breakdown.as_dict()`): the
    procedure's fees computed at submission from the dossier's snapshot, or an amount an
    official requests during processing (the dossier pauses until it is paid)."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="obligations"
    )
    stage = models.CharField(_("phát sinh"), max_length=20, choices=ObligationStage.choices)
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=ObligationStatus.choices,
        default=ObligationStatus.OPEN,
    )
    items = models.JSONField(_("các khoản"), default=list)
    exemptions = models.JSONField(_("các khoản được miễn"), default=list, blank=True)
    total = models.PositiveBigIntegerField(_("tổng số tiền (đồng)"))
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(_("lập lúc"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người lập"),
    )
    paid_at = models.DateTimeField(_("thanh toán xong lúc"), null=True, blank=True)

    class Meta:
        ordering = ["dossier", "created_at", "pk"]
        verbose_name = _("khoản phải nộp")
        verbose_name_plural = _("các khoản phải nộp")
        constraints = [
            # One submission obligation per dossier: computing it again changes nothing.
            models.UniqueConstraint(
                fields=["dossier"],
                condition=Q(stage="submission"),
                name="payments_one_submission_obligation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.total} đ"


class Payment(models.Model):
    """One attempt to pay an obligation: online (a bill sent to a provider, confirmed only by
    its signed notification or its answer to our query) or at the counter (recorded by the
    official who took the money)."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="payments"
    )
    obligation = models.ForeignKey(
        Obligation, on_delete=models.PROTECT, related_name="payments", null=True, blank=True
    )
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    method = models.CharField(_("hình thức"), max_length=30, choices=PaymentMethod.choices)
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=PaymentStatus.choices,
        default=PaymentStatus.PENDING,
        db_index=True,
    )
    provider = models.CharField(_("đơn vị thanh toán"), max_length=40, blank=True)
    provider_transaction_id = models.CharField(
        _("mã giao dịch của đơn vị thanh toán"), max_length=100, blank=True, default=""
    )
    # The bill (docs/payments.md): what the provider shows and the receipt repeats.
    bill_code = models.CharField(_("mã hoá đơn"), max_length=60, unique=True)
    service_type = models.CharField(_("loại dịch vụ"), max_length=40, blank=True)
    beneficiary_account = models.CharField(_("tài khoản thụ hưởng"), max_length=40, blank=True)
    beneficiary_bank = models.CharField(_("ngân hàng thụ hưởng"), max_length=200, blank=True)
    fee_code = models.CharField(_("mã phí, lệ phí"), max_length=50, blank=True)
    fee_name = models.CharField(_("tên phí, lệ phí"), max_length=500, blank=True)
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cơ quan thu"),
    )
    agency_code = models.CharField(_("mã cơ quan thu"), max_length=40, blank=True)
    agency_name = models.CharField(_("tên cơ quan thu"), max_length=300, blank=True)
    dossier_code = models.CharField(_("mã hồ sơ"), max_length=40, blank=True)
    procedure_code = models.CharField(_("mã thủ tục"), max_length=40, blank=True)
    payer_name = models.CharField(_("người nộp tiền"), max_length=300)
    payer_id_number = models.CharField(_("số giấy tờ người nộp"), max_length=20, blank=True)
    payer_address = models.CharField(_("địa chỉ người nộp"), max_length=500, blank=True)
    items = models.JSONField(_("các khoản"), default=list)
    failure_reason = models.CharField(_("lý do không thành công"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cán bộ thu"),
    )
    created_at = models.DateTimeField(_("lập lúc"))
    updated_at = models.DateTimeField(_("cập nhật lúc"))
    confirmed_at = models.DateTimeField(_("thanh toán lúc"), null=True, blank=True)
    last_checked_at = models.DateTimeField(_("đối soát lần cuối"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("thanh toán")
        verbose_name_plural = _("các khoản thanh toán")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "provider_transaction_id"],
                condition=~Q(provider_transaction_id=""),
                name="payments_transaction_once_per_provider",
            ),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(confirmed_at__isnull=False),
                name="payments_confirmed_has_moment",
            ),
        ]

    def __str__(self) -> str:
        return self.bill_code

    @property
    def is_online(self) -> bool:
        return self.method in ONLINE_METHODS

    @property
    def national_paid_online_code(self) -> int | None:
        """DuocThanhToanTrucTuyen: 1 national platform, 2 provincial gateway, None otherwise."""
        return NATIONAL_PAID_ONLINE_CODE.get(self.method)


class PaymentNotification(models.Model):
    """Every notification a provider sent us, applied or not: the evidence for reconciliation
    and for a dispute (a forged one is kept with its outcome, never applied)."""

    provider = models.CharField(max_length=40)
    received_at = models.DateTimeField()
    bill_code = models.CharField(max_length=60, blank=True)
    provider_transaction_id = models.CharField(max_length=100, blank=True)
    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="notifications"
    )
    outcome = models.CharField(max_length=20, choices=NotificationOutcome.choices)
    source = models.CharField(max_length=20, default="notification")  # or "reconciliation"
    body = models.JSONField(default=dict)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("thông báo của đơn vị thanh toán")
        verbose_name_plural = _("thông báo của đơn vị thanh toán")

    def __str__(self) -> str:
        return f"{self.provider} {self.bill_code} {self.outcome}"


class Refund(models.Model):
    """Money given back for a refused, withdrawn or stopped dossier: who, when, how much, why."""

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="refunds"
    )
    amount = models.PositiveBigIntegerField(_("số tiền hoàn (đồng)"))
    reason = models.TextField(_("lý do hoàn"))
    refunded_at = models.DateTimeField(_("hoàn lúc"))
    refunded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cán bộ hoàn"),
    )

    class Meta:
        ordering = ["-refunded_at", "-pk"]
        verbose_name = _("khoản hoàn trả")
        verbose_name_plural = _("các khoản hoàn trả")

    def __str__(self) -> str:
        return f"{self.payment_id}: {self.amount} đ"


# --- Electronic receipts (biên lai điện tử) ----------------------------------------------------
#
# Written by the receipts services (payments/receipt_services.py); docs/payments.md, "Biên lai
# điện tử / Electronic receipts". A receipt and its cancellation are never changed or deleted:
# on PostgreSQL triggers refuse UPDATE, DELETE and TRUNCATE on both tables (migration
# 0002_receipts), as on the audit trail.


class ReceiptTemplate(models.Model):
    """A receipt template (mẫu biên lai, its "mẫu số") an agency issues receipts on, as the
    agency registered it. Defined by a system administrator of the agency; never deleted while
    a series uses it."""

    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cơ quan thu"),
    )
    code = models.CharField(_("mẫu số"), max_length=30)
    name = models.CharField(_("tên mẫu"), max_length=200)
    created_at = models.DateTimeField(_("lập lúc"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người lập"),
    )

    class Meta:
        ordering = ["agency", "code"]
        verbose_name = _("mẫu biên lai")
        verbose_name_plural = _("mẫu biên lai")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "code"], name="payments_receipt_template_code_per_agency"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class ReceiptSeries(models.Model):
    """A series (ký hiệu) of a template: its receipts are numbered 1, 2, 3… without a gap or a
    repeat, from `last_number`, which the issuing transaction locks and advances (the number
    rolls back with a rolled-back payment). An agency has at most one active series: the one
    its new receipts take."""

    template = models.ForeignKey(
        ReceiptTemplate, on_delete=models.PROTECT, related_name="series", verbose_name=_("mẫu")
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cơ quan thu"),
    )
    code = models.CharField(_("ký hiệu"), max_length=30)
    number_width = models.PositiveSmallIntegerField(_("số chữ số của số biên lai"), default=7)
    last_number = models.PositiveIntegerField(_("số đã cấp gần nhất"), default=0)
    active = models.BooleanField(_("đang dùng"), default=True)
    created_at = models.DateTimeField(_("lập lúc"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người lập"),
    )
    closed_at = models.DateTimeField(_("ngừng dùng lúc"), null=True, blank=True)

    class Meta:
        ordering = ["agency", "-active", "code"]
        verbose_name = _("ký hiệu biên lai")
        verbose_name_plural = _("ký hiệu biên lai")
        constraints = [
            models.UniqueConstraint(
                fields=["template", "code"], name="payments_receipt_series_code_per_template"
            ),
            models.UniqueConstraint(
                fields=["agency"],
                condition=Q(active=True),
                name="payments_one_active_receipt_series_per_agency",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.template.code} {self.code}"

    def number_text(self, number: int) -> str:
        return f"{number:0{self.number_width}d}"


class Receipt(models.Model):
    """An electronic receipt (biên lai điện tử) for one confirmed payment: what it says is
    copied in when it is issued (payer, items, amounts in figures and in words, the collecting
    agency), so it reads the same for ever. Never edited or deleted: a wrong one is cancelled
    (ReceiptCancellation), and may be replaced by a new receipt with a new number that names it
    (`replaces`). Each payment has exactly one receipt that replaces nothing."""

    series = models.ForeignKey(
        ReceiptSeries, on_delete=models.PROTECT, related_name="receipts", verbose_name=_("ký hiệu")
    )
    number = models.PositiveIntegerField(_("số"))
    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, related_name="receipts", verbose_name=_("thanh toán")
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="receipts"
    )
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("thay thế biên lai"),
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cơ quan thu"),
    )
    agency_code = models.CharField(_("mã cơ quan thu"), max_length=40)
    agency_name = models.CharField(_("tên cơ quan thu"), max_length=300)
    agency_parent_name = models.CharField(_("cơ quan chủ quản"), max_length=300, blank=True)
    template_code = models.CharField(_("mẫu số"), max_length=30)
    template_name = models.CharField(_("tên mẫu"), max_length=200)
    series_code = models.CharField(_("ký hiệu"), max_length=30)
    number_text = models.CharField(_("số biên lai"), max_length=20)
    payer_name = models.CharField(_("người nộp tiền"), max_length=300)
    payer_id_number = models.CharField(_("số giấy tờ người nộp"), max_length=20, blank=True)
    payer_address = models.CharField(_("địa chỉ người nộp"), max_length=500, blank=True)
    dossier_code = models.CharField(_("mã hồ sơ"), max_length=40)
    procedure_code = models.CharField(_("mã thủ tục"), max_length=40, blank=True)
    procedure_name = models.CharField(_("tên thủ tục"), max_length=500, blank=True)
    items = models.JSONField(_("các khoản"), default=list)
    total = models.PositiveBigIntegerField(_("tổng số tiền (đồng)"))
    total_words = models.CharField(_("số tiền bằng chữ"), max_length=500)
    method = models.CharField(_("hình thức"), max_length=30, choices=PaymentMethod.choices)
    paid_at = models.DateTimeField(_("thanh toán lúc"))
    issued_at = models.DateTimeField(_("lập lúc"), db_index=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người lập"),
    )
    issued_by_name = models.CharField(_("người lập"), max_length=300, blank=True)
    # Number, payer and dossier code folded (lib/text.fold) for search without diacritics.
    search_text = models.TextField(blank=True)

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("biên lai điện tử")
        verbose_name_plural = _("biên lai điện tử")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "number"], name="payments_receipt_number_once_per_series"
            ),
            models.UniqueConstraint(
                fields=["payment"],
                condition=Q(replaces__isnull=True),
                name="payments_one_first_receipt_per_payment",
            ),
        ]
        indexes = [models.Index(fields=["agency", "issued_at"])]

    def __str__(self) -> str:
        return f"{self.template_code} {self.series_code} {self.number_text}"

    @property
    def status(self) -> str:
        """ "issued", "cancelled", or "replaced" (cancelled, and a new receipt names it)."""
        if not hasattr(self, "cancellation"):  # the reverse one-to-one is absent
            return "issued"
        return "replaced" if hasattr(self, "replaced_by") else "cancelled"

    @property
    def is_cancelled(self) -> bool:
        return self.status != "issued"


class ReceiptCancellation(models.Model):
    """The cancellation of a receipt (huỷ biên lai), with its reason: the receipt stays, shown
    as cancelled. When a new receipt replaces it, the new one names it (`Receipt.replaces`)."""

    receipt = models.OneToOneField(
        Receipt, on_delete=models.PROTECT, related_name="cancellation", verbose_name=_("biên lai")
    )
    reason = models.TextField(_("lý do huỷ"))
    cancelled_at = models.DateTimeField(_("huỷ lúc"))
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người huỷ"),
    )
    cancelled_by_name = models.CharField(_("người huỷ"), max_length=300, blank=True)

    class Meta:
        ordering = ["-cancelled_at", "-pk"]
        verbose_name = _("huỷ biên lai")
        verbose_name_plural = _("huỷ biên lai")

    def __str__(self) -> str:
        return f"{self.receipt} ✗"
