"""The public postal service's tables: the tariff, the zone of each commune, what an applicant
chose for a dossier, and the orders placed with the postal operator with their tracking
updates. Nothing here is saved except through delivery/services.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.delivery.choices import OrderStatus, PostalOption, PostalService, Zone


class Tariff(models.Model):
    """One row of the tariff: the price of a service in a zone for parcels up to a weight."""

    zone = models.CharField(_("vùng"), max_length=20, choices=Zone.choices)
    service = models.CharField(_("dịch vụ"), max_length=20, choices=PostalService.choices)
    max_weight_grams = models.PositiveIntegerField(
        _("khối lượng đến (gam)"), help_text=_("Giới hạn trên của nấc khối lượng.")
    )
    price = models.PositiveBigIntegerField(_("giá cước (đồng)"))
    updated_at = models.DateTimeField(_("cập nhật lúc"))

    class Meta:
        ordering = ["service", "zone", "max_weight_grams"]
        verbose_name = _("cước bưu chính")
        verbose_name_plural = _("bảng cước bưu chính")
        constraints = [
            models.UniqueConstraint(
                fields=["zone", "service", "max_weight_grams"], name="uniq_tariff_row"
            ),
            models.CheckConstraint(
                condition=models.Q(max_weight_grams__gt=0), name="tariff_weight_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_service_display()} — {self.get_zone_display()} — ≤ {self.max_weight_grams} g"


class CommuneZone(models.Model):
    """The tariff zone assigned to a commune; a commune without one takes its kind's default
    (tariffs.DEFAULT_ZONE_BY_KIND)."""

    commune = models.OneToOneField(
        "agencies.Commune",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="postal_zone",
        verbose_name=_("xã, phường"),
    )
    zone = models.CharField(_("vùng"), max_length=20, choices=Zone.choices)
    updated_at = models.DateTimeField(_("cập nhật lúc"))

    class Meta:
        ordering = ["commune"]
        verbose_name = _("vùng cước của xã, phường")
        verbose_name_plural = _("vùng cước của xã, phường")

    def __str__(self) -> str:
        return f"{self.commune_id}: {self.get_zone_display()}"


class PostalRequest(models.Model):
    """What the applicant chose for a dossier: one of the three options, the address the
    postman goes to, and the prices quoted when they chose (kept: a later tariff change does
    not change what was shown)."""

    dossier = models.OneToOneField(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="postal_request"
    )
    option = models.CharField(_("lựa chọn"), max_length=10, choices=PostalOption.choices)
    recipient_name = models.CharField(_("người gửi, nhận"), max_length=300)
    phone = models.CharField(_("điện thoại"), max_length=20)
    address = models.CharField(_("địa chỉ"), max_length=500)
    commune = models.ForeignKey(
        "agencies.Commune", on_delete=models.PROTECT, related_name="+", verbose_name=_("xã, phường")
    )
    zone = models.CharField(_("vùng"), max_length=20, choices=Zone.choices)
    weight_grams = models.PositiveIntegerField(_("nấc khối lượng (gam)"))
    collection_price = models.PositiveBigIntegerField(_("cước thu gom"), null=True, blank=True)
    delivery_price = models.PositiveBigIntegerField(_("cước chuyển phát"), null=True, blank=True)
    chosen_at = models.DateTimeField(_("chọn lúc"))

    class Meta:
        verbose_name = _("đăng ký dịch vụ bưu chính")
        verbose_name_plural = _("đăng ký dịch vụ bưu chính")

    def __str__(self) -> str:
        return f"{self.dossier} — {self.get_option_display()}"

    @property
    def wants_collection(self) -> bool:
        return PostalService.COLLECTION in PostalOption(self.option).services

    @property
    def wants_delivery(self) -> bool:
        return PostalService.DELIVERY in PostalOption(self.option).services

    @property
    def total_price(self) -> int:
        return (self.collection_price or 0) + (self.delivery_price or 0)


class PostalOrder(models.Model):
    """An order placed with the postal operator: collecting a dossier from the applicant, or
    delivering a result to them. `reference` is ours and is sent with the order, so that a
    retried request never makes a second order."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="postal_orders"
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="postal_orders",
        verbose_name=_("cơ quan"),
    )
    service = models.CharField(_("dịch vụ"), max_length=20, choices=PostalService.choices)
    reference = models.CharField(_("mã tham chiếu"), max_length=60, unique=True)
    operator_order_id = models.CharField(_("mã vận đơn"), max_length=60, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=30, choices=OrderStatus.choices, default=OrderStatus.PENDING
    )
    recipient_name = models.CharField(_("người gửi, nhận"), max_length=300)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=500)
    commune = models.ForeignKey(
        "agencies.Commune", on_delete=models.PROTECT, related_name="+", verbose_name=_("xã, phường")
    )
    zone = models.CharField(_("vùng"), max_length=20, choices=Zone.choices)
    weight_grams = models.PositiveIntegerField(_("nấc khối lượng (gam)"))
    price = models.PositiveBigIntegerField(_("cước (đồng)"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"))
    registered_at = models.DateTimeField(_("bưu điện xác nhận lúc"), null=True, blank=True)
    status_at = models.DateTimeField(_("trạng thái từ lúc"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("hủy lúc"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cancel_reason = models.CharField(_("lý do hủy"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("đơn hàng bưu chính")
        verbose_name_plural = _("đơn hàng bưu chính")
        indexes = [
            models.Index(fields=["agency", "status"]),
            models.Index(fields=["operator_order_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.get_status_display()})"


class TrackingUpdate(models.Model):
    """One tracking update as the operator sent it, kept whether or not it moved the order
    (a repeat is recognised by its event id and kept once)."""

    order = models.ForeignKey(PostalOrder, on_delete=models.PROTECT, related_name="updates")
    event_id = models.CharField(max_length=80, unique=True)
    status = models.CharField(_("trạng thái báo"), max_length=30)
    at = models.DateTimeField(_("thời điểm bưu điện ghi nhận"))
    received_at = models.DateTimeField(_("nhận lúc"))
    applied = models.BooleanField(_("đã cập nhật đơn"), default=False)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        ordering = ["order", "at", "pk"]
        verbose_name = _("cập nhật hành trình")
        verbose_name_plural = _("cập nhật hành trình")

    def __str__(self) -> str:
        return f"{self.order_id} {self.status} {self.at:%d/%m/%Y %H:%M}"
