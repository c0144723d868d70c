"""Ratings of a returned dossier, and complaints and petitions (docs/feedback.md)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.feedback.choices import (
    SCORE_MAX,
    SCORE_MIN,
    ComplaintKind,
    ComplaintSource,
    ComplaintStatus,
    Overall,
)

_SCORE = [MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]


class Rating(models.Model):
    """The applicant's rating of the service that handled one dossier: once per dossier, after
    its result was returned."""

    dossier = models.OneToOneField(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="rating"
    )
    # Copied from the dossier so that the figures group without a join through it.
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan")
    )
    procedure = models.ForeignKey(
        "catalog.Procedure", on_delete=models.PROTECT, related_name="+", verbose_name=_("thủ tục")
    )
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    access = models.PositiveSmallIntegerField(_("tiếp cận dịch vụ"), validators=_SCORE)
    procedure_score = models.PositiveSmallIntegerField(_("thủ tục"), validators=_SCORE)
    attitude = models.PositiveSmallIntegerField(_("thái độ phục vụ"), validators=_SCORE)
    timeliness = models.PositiveSmallIntegerField(_("thời gian giải quyết"), validators=_SCORE)
    result = models.PositiveSmallIntegerField(_("kết quả giải quyết"), validators=_SCORE)
    overall = models.CharField(_("mức độ hài lòng chung"), max_length=20, choices=Overall.choices)
    comment = models.TextField(_("ý kiến"), blank=True)
    rated_at = models.DateTimeField(_("đánh giá lúc"), db_index=True)

    class Meta:
        verbose_name = _("đánh giá")
        verbose_name_plural = _("đánh giá")

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.overall}"

    def score(self, criterion: str) -> int:
        return self.procedure_score if criterion == "procedure" else getattr(self, criterion)


class Complaint(models.Model):
    """A complaint or petition (phản ánh, kiến nghị) about a dossier or a procedure, with its
    deadlines in working days and whether each step was late."""

    code = models.CharField(_("mã phản ánh"), max_length=30, unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=ComplaintKind.choices)
    source = models.CharField(_("nguồn"), max_length=20, choices=ComplaintSource.choices)
    # The national portal's own id: the same complaint pushed twice is one.
    external_id = models.CharField(_("mã trên Cổng quốc gia"), max_length=100, blank=True)
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    procedure = models.ForeignKey(
        "catalog.Procedure",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thủ tục"),
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cơ quan xử lý"),
    )
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    contact_name = models.CharField(_("họ và tên"), max_length=200)
    contact_phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    contact_email = models.EmailField(_("thư điện tử"), blank=True)
    # A guest's lookup secret (given once, with the code, when they sent it through our portal):
    # kept only as its HMAC (dossiers.codes.hash_lookup_secret), like a dossier's.
    lookup_secret_hash = models.CharField(max_length=128, blank=True)
    title = models.CharField(_("tiêu đề"), max_length=300)
    content = models.TextField(_("nội dung"))
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=ComplaintStatus.choices, db_index=True
    )
    received_at = models.DateTimeField(_("tiếp nhận lúc"), db_index=True)
    refuse_due_at = models.DateTimeField(_("hạn từ chối"))
    ask_more_due_at = models.DateTimeField(_("hạn đề nghị bổ sung"))
    answer_due_at = models.DateTimeField(_("hạn trả lời"))
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người xử lý"),
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    refused_at = models.DateTimeField(null=True, blank=True)
    refusal_reason = models.TextField(_("lý do từ chối"), blank=True)
    refused_late = models.BooleanField(default=False)
    more_requested_at = models.DateTimeField(null=True, blank=True)
    more_request = models.TextField(_("thông tin cần bổ sung"), blank=True)
    more_requested_late = models.BooleanField(default=False)
    answered_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_late = models.BooleanField(_("trả lời quá hạn"), default=False)
    publish_due_at = models.DateTimeField(_("hạn công khai"), null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_late = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("phản ánh, kiến nghị")
        verbose_name_plural = _("phản ánh, kiến nghị")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=~models.Q(external_id=""),
                name="complaint_external_once",
            ),
            models.CheckConstraint(
                condition=models.Q(dossier__isnull=False) | models.Q(procedure__isnull=False),
                name="complaint_about_something",
            ),
        ]

    def __str__(self) -> str:
        return self.code
