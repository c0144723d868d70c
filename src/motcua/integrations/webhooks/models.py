"""Webhook subscriptions and the log of what was sent to them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.events.models import Delivery

# The outbox consumer of one subscription is this prefix and the subscription's id.
CONSUMER_PREFIX = "webhook:"


class Subscription(models.Model):
    """An API client's wish to hear of some dossier events at an address of its own.

    Events are posted, signed with the subscription's secret, for the dossiers the client's
    agency subtree is involved in. The secret is shown once, when the subscription is made, and
    kept encrypted (sealing.py): the signature must be computed again at every delivery, so a
    hash would not do. A deleted subscription is kept, inactive, with its deliveries' history.
    """

    client = models.ForeignKey(
        "accounts.ApiClient",
        on_delete=models.PROTECT,
        related_name="webhook_subscriptions",
        verbose_name=_("ứng dụng kết nối API"),
    )
    url = models.URLField(_("địa chỉ nhận"), max_length=500)
    event_types = models.JSONField(_("loại sự kiện"), default=list)
    description = models.CharField(_("mô tả"), max_length=200, blank=True)
    secret_sealed = models.TextField(editable=False)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    created_at = models.DateTimeField(_("thời điểm đăng ký"))
    deleted_at = models.DateTimeField(_("thời điểm hủy"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("đăng ký webhook")
        verbose_name_plural = _("đăng ký webhook")
        indexes = [models.Index(fields=["is_active"])]

    def __str__(self) -> str:
        return f"{self.client} → {self.url}"

    @property
    def consumer_name(self) -> str:
        return f"{CONSUMER_PREFIX}{self.pk}"


class WebhookDelivery(Delivery):
    """The outbox deliveries of webhook subscriptions, as the admin shows them."""

    class Meta:
        proxy = True
        verbose_name = _("lượt gửi webhook")
        verbose_name_plural = _("lượt gửi webhook")

    @property
    def subscription_id(self) -> int | None:
        suffix = self.consumer.removeprefix(CONSUMER_PREFIX)
        return int(suffix) if suffix.isdigit() else None


class Attempt(models.Model):
    """One try at posting an event to a subscription, with what the receiver answered."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.PROTECT, related_name="attempts"
    )
    delivery = models.ForeignKey(
        Delivery, on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    event_id = models.CharField(_("mã sự kiện"), max_length=40)
    at = models.DateTimeField(_("thời điểm"))
    status_code = models.PositiveSmallIntegerField(_("mã trả lời HTTP"), null=True, blank=True)
    answer = models.CharField(_("nội dung trả lời"), max_length=500, blank=True)
    error = models.CharField(_("lỗi"), max_length=500, blank=True)
    duration_ms = models.PositiveIntegerField(_("thời gian (ms)"), default=0)
    delivered = models.BooleanField(_("đã nhận"), default=False)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("lần gửi webhook")
        verbose_name_plural = _("lần gửi webhook")
        indexes = [models.Index(fields=["delivery", "at"])]

    def __str__(self) -> str:
        return f"{self.event_id} → {self.subscription_id} ({self.status_code or self.error})"
