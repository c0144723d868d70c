"""What the inbound side of the national portal keeps: each dossier the portal delivered to us
(by push or by poll), with what the portal said of it that our dossier has no column for, and
the poll's cursor. Imported by the app's models module."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class InboundDossier(models.Model):
    """A dossier submitted on the national portal and delivered to us. One row per national
    dossier code (MaHoSoQG): the unique constraint makes a second delivery, even a concurrent
    one, find the first instead of creating another dossier."""

    national_code = models.CharField(_("mã hồ sơ trên Cổng quốc gia"), max_length=60)
    dossier = models.OneToOneField(
        "dossiers.Dossier",
        on_delete=models.PROTECT,
        related_name="national_portal_inbound",
        null=True,
        blank=True,
        verbose_name=_("hồ sơ"),
    )
    national_procedure_code = models.CharField(_("mã thủ tục quốc gia"), max_length=40)
    national_service_code = models.CharField(_("mã dịch vụ công"), max_length=60, blank=True)
    receiving_agency_code = models.CharField(_("mã đơn vị tiếp nhận"), max_length=40)
    submitted_at = models.DateTimeField(_("nộp trên Cổng quốc gia lúc"))
    applicant_identity = models.JSONField(
        _("thông tin người nộp (ThongTinNguoiNop)"), default=dict, blank=True
    )
    vneid_verified = models.BooleanField(_("tài khoản đã xác thực VNeID"), default=False)
    arrived_by = models.CharField(_("nhận qua"), max_length=10)  # "push" or "poll"
    arrived_at = models.DateTimeField(_("nhận lúc"))
    deliveries = models.PositiveIntegerField(_("số lần Cổng gửi"), default=1)
    answered_at = models.DateTimeField(_("đã trả lời Cổng lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("hồ sơ nhận từ Cổng quốc gia")
        verbose_name_plural = _("hồ sơ nhận từ Cổng quốc gia")
        constraints = [
            models.UniqueConstraint(fields=["national_code"], name="uniq_inbound_national_code")
        ]

    def __str__(self) -> str:
        return self.national_code


class PollCursor(models.Model):
    """Where the poll of new dossiers (LayDanhSachHoSoMoi) stopped; one row."""

    name = models.CharField(max_length=40, unique=True)
    cursor = models.CharField(max_length=500, blank=True)
    updated_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name}: {self.cursor}"


class PollRetry(models.Model):
    """A dossier the poll listed but could not take then (a file link down, our own failure):
    kept with the body the portal listed, tried again at the start of every poll until it is
    taken or refused, so the cursor moves past it without ever losing it."""

    national_code = models.CharField(_("mã hồ sơ trên Cổng quốc gia"), max_length=60, unique=True)
    body = models.JSONField(_("nội dung Cổng gửi"), default=dict)
    attempts = models.PositiveIntegerField(_("số lần thử"), default=1)
    last_error = models.TextField(_("lỗi lần cuối"), blank=True)
    first_seen_at = models.DateTimeField(_("thấy lần đầu lúc"))
    last_tried_at = models.DateTimeField(_("thử lần cuối lúc"))

    class Meta:
        verbose_name = _("hồ sơ chờ nhận lại")
        verbose_name_plural = _("hồ sơ chờ nhận lại")

    def __str__(self) -> str:
        return self.national_code
