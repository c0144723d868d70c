"""What the outbound side of the national portal keeps: the mapping tables administrators edit
(local code -> national code) and, per dossier, what was last sent. Imported by the app's
models module."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class StatusMapping(models.Model):
    """A local status, or "paused:<reason>" for a paused dossier, and the national status code
    (TrangThaiHoSo, 1–10) reported for it. Without a row, dossiers/national_codes.py decides."""

    local = models.CharField(_("trạng thái trong hệ thống"), max_length=60, unique=True)
    national_code = models.PositiveSmallIntegerField(
        _("mã trạng thái quốc gia"), validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["local"]
        verbose_name = _("ánh xạ trạng thái hồ sơ")
        verbose_name_plural = _("ánh xạ trạng thái hồ sơ")

    def __str__(self) -> str:
        return f"{self.local} → {self.national_code}"


class ChannelMapping(models.Model):
    """A local channel and the national KenhThucHien (1 in person, 2 online, 3 public post)."""

    channel = models.CharField(_("kênh nộp"), max_length=30, unique=True)
    national_code = models.PositiveSmallIntegerField(
        _("mã kênh quốc gia (KenhThucHien)"),
        validators=[MinValueValidator(1), MaxValueValidator(3)],
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["channel"]
        verbose_name = _("ánh xạ kênh nộp")
        verbose_name_plural = _("ánh xạ kênh nộp")

    def __str__(self) -> str:
        return f"{self.channel} → {self.national_code}"


class ProcedureMapping(models.Model):
    """A local procedure and its national procedure code (MaTTHC) and public service code
    (MaDichVuCong). A dossier of a procedure without one is held back, never sent nor dropped."""

    procedure = models.OneToOneField(
        "catalog.Procedure",
        on_delete=models.CASCADE,
        related_name="national_portal_mapping",
        verbose_name=_("thủ tục"),
    )
    national_procedure_code = models.CharField(_("mã thủ tục quốc gia (MaTTHC)"), max_length=60)
    national_service_code = models.CharField(
        _("mã dịch vụ công (MaDichVuCong)"), max_length=80, blank=True
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["procedure__code"]
        verbose_name = _("ánh xạ thủ tục")
        verbose_name_plural = _("ánh xạ thủ tục")

    def __str__(self) -> str:
        return f"{self.procedure_id} → {self.national_procedure_code}"


class PortalDossier(models.Model):
    """What the national portal was last told of one dossier: whether its header was synced
    (DongBoHoSoMC isUpdating false, then true), the last status sent (so that none goes
    backwards) and the portal's own code for it."""

    dossier = models.OneToOneField(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="national_portal_sync"
    )
    synced = models.BooleanField(_("đã đồng bộ"), default=False)
    last_status = models.PositiveSmallIntegerField(_("trạng thái đã gửi"), null=True, blank=True)
    portal_code = models.CharField(_("mã hồ sơ trên Cổng quốc gia"), max_length=60, blank=True)
    last_sent_at = models.DateTimeField(_("gửi lần cuối lúc"), null=True, blank=True)
    reconciled_at = models.DateTimeField(_("đối soát lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("trạng thái đồng bộ hồ sơ")
        verbose_name_plural = _("trạng thái đồng bộ hồ sơ")

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.last_status}"
