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
    # The bill (DOMAIN.md): what the provider shows and the receipt repeats.
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
