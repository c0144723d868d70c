"""Dossiers (hồ sơ): one application for one procedure and case, from one applicant.

Nothing here is saved except through dossiers/services.py. Overdue is a query on `due_at`,
never a stored flag. A dossier keeps a snapshot of its procedure (time limit, steps, required
documents, fees) taken when it was submitted or received, so later catalog edits never change a
dossier in progress or a reprint.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import ExpressionWrapper, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from motcua.dossiers.choices import (
    ApplicantKind,
    Channel,
    DocumentForm,
    DossierStatus,
    FilePurpose,
    IdentityResult,
    Outcome,
    PauseReason,
    ReturnChannel,
    ReuseSource,
    StopReasonKind,
)
from motcua.dossiers.storage import private_storage

# The statuses in which the applicant may still edit the dossier (its form, applicant and
# files): a draft, and a dossier returned for completion before reception.
APPLICANT_EDITABLE = frozenset({DossierStatus.DRAFT, DossierStatus.RETURNED_FOR_COMPLETION})
# The channels on which a dossier is submitted online and waits for reception's answer.
ONLINE_CHANNELS = frozenset({Channel.ONLINE, Channel.NATIONAL_PORTAL})


def whole_minutes(seconds: int | None) -> int | None:
    """Working seconds as whole minutes, truncated toward zero (for display only)."""
    if seconds is None:
        return None
    return seconds // 60 if seconds >= 0 else -(-seconds // 60)


def overdue_condition(now: datetime, through: str = "") -> Q:
    """Overdue: being processed (the clock running) past its due moment. `through` prefixes the
    lookups for a query from a related model ("dossier__")."""
    return Q(**{f"{through}status": DossierStatus.PROCESSING, f"{through}due_at__lt": now})


def late_receipt_condition(now: datetime) -> Q:
    """Late receipt: a dossier submitted online whose reception answer (received, returned for
    completion or refused) came after its receipt deadline (`receipt_due_at`, one working day
    after the submission), or that still waits for it at `now` past that deadline."""
    return Q(receipt_due_at__isnull=False) & (
        Q(receipt_answered_at__isnull=True, status=DossierStatus.SUBMITTED, receipt_due_at__lt=now)
        | Q(receipt_answered_at__gt=F("receipt_due_at"))
    )


class DossierQuerySet(models.QuerySet):
    """The deadline words every face and report uses, each defined once."""

    def overdue(self, now: datetime) -> DossierQuerySet:
        return self.filter(overdue_condition(now))

    def not_overdue(self, now: datetime) -> DossierQuerySet:
        return self.exclude(overdue_condition(now))

    def due_soon(self, now: datetime, calendar=None) -> DossierQuerySet:
        """Being processed, not overdue, and due within one working day of working time."""
        from motcua.dossiers.deadlines import due_soon_horizon

        horizon = due_soon_horizon(calendar or _calendar(), now)
        return self.filter(status=DossierStatus.PROCESSING, due_at__gte=now, due_at__lte=horizon)

    def to_warn(self, now: datetime, calendar=None) -> DossierQuerySet:
        """Due soon or overdue, and not warned yet (the due-soon warning's sweep)."""
        from motcua.dossiers.deadlines import due_soon_horizon

        horizon = due_soon_horizon(calendar or _calendar(), now)
        return self.filter(
            status=DossierStatus.PROCESSING, warned_at__isnull=True, due_at__lte=horizon
        )

    def receipt_to_warn(self, now: datetime, calendar=None) -> DossierQuerySet:
        """Submitted online, not answered by reception, its receipt deadline near or passed
        (deadlines.receipt_warning_horizon), and not warned yet (the due-soon sweep)."""
        from motcua.dossiers.deadlines import receipt_warning_horizon

        horizon = receipt_warning_horizon(calendar or _calendar(), now)
        return self.filter(
            status=DossierStatus.SUBMITTED,
            receipt_due_at__isnull=False,
            receipt_answered_at__isnull=True,
            receipt_warned_at__isnull=True,
            receipt_due_at__lte=horizon,
        )

    def late_receipt(self, now: datetime) -> DossierQuerySet:
        return self.filter(late_receipt_condition(now))

    def with_late_receipt(self, now: datetime) -> DossierQuerySet:
        """Each dossier annotated with `is_late_receipt` (for lists and reports)."""
        return self.annotate(
            is_late_receipt=ExpressionWrapper(
                late_receipt_condition(now), output_field=models.BooleanField()
            )
        )


def _calendar():
    from motcua.workdays.services import get_calendar

    return get_calendar()


class Dossier(models.Model):
    """A hồ sơ thủ tục hành chính."""

    code = models.CharField(_("mã hồ sơ"), max_length=40, unique=True, null=True, blank=True)
    lookup_secret_hash = models.CharField(max_length=128, blank=True)
    procedure = models.ForeignKey(
        "catalog.Procedure",
        on_delete=models.PROTECT,
        related_name="dossiers",
        verbose_name=_("thủ tục"),
    )
    case = models.ForeignKey(
        "catalog.ProcedureCase",
        on_delete=models.PROTECT,
        related_name="dossiers",
        verbose_name=_("trường hợp"),
    )
    snapshot = models.JSONField(_("thủ tục tại thời điểm tiếp nhận"), default=dict)
    channel = models.CharField(_("kênh nộp"), max_length=20, choices=Channel.choices)
    status = models.CharField(
        _("trạng thái"), max_length=30, choices=DossierStatus.choices, default=DossierStatus.DRAFT
    )
    outcome = models.CharField(_("kết quả"), max_length=10, choices=Outcome.choices, blank=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    applicant_kind = models.CharField(
        _("loại người nộp"), max_length=20, choices=ApplicantKind.choices
    )
    applicant_name = models.CharField(_("tên người nộp / tổ chức"), max_length=300)
    applicant_personal_id = models.CharField(_("số định danh cá nhân"), max_length=12, blank=True)
    applicant_tax_code = models.CharField(_("mã số thuế"), max_length=14, blank=True)
    applicant_address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    applicant_commune = models.ForeignKey(
        "agencies.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("xã, phường"),
    )
    applicant_phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    applicant_email = models.EmailField(_("thư điện tử"), blank=True)
    applicant_search = models.CharField(max_length=400, editable=False, default="")
    submitter_name = models.CharField(_("người nộp thay"), max_length=300, blank=True)
    submitter_personal_id = models.CharField(
        _("số định danh người nộp thay"), max_length=12, blank=True
    )
    submitter_relation = models.CharField(
        _("quan hệ với người yêu cầu"), max_length=200, blank=True
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name=_("tài khoản nộp"),
    )
    requested_return_channel = models.CharField(
        _("đăng ký nhận kết quả"),
        max_length=10,
        choices=ReturnChannel.choices,
        default=ReturnChannel.COUNTER,
    )
    form_data = models.JSONField(_("dữ liệu tờ khai"), default=dict, blank=True)
    sets_count = models.PositiveSmallIntegerField(_("số bộ hồ sơ"), default=1)

    receiving_agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="received_dossiers",
        verbose_name=_("cơ quan tiếp nhận"),
    )
    responsible_agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="responsible_dossiers",
        verbose_name=_("cơ quan chủ trì giải quyết"),
    )

    created_at = models.DateTimeField(_("tạo lúc"))
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    received_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    clock_started_at = models.DateTimeField(_("bắt đầu tính thời hạn"), null=True, blank=True)
    due_at = models.DateTimeField(_("hạn trả kết quả"), null=True, blank=True, db_index=True)
    remaining_seconds = models.IntegerField(
        _("thời gian còn lại khi tạm dừng (giây làm việc)"), null=True, blank=True
    )
    applicant_due_at = models.DateTimeField(_("ngày hẹn lại (sau xin lỗi)"), null=True, blank=True)
    supplement_requests = models.PositiveSmallIntegerField(
        _("số lần yêu cầu bổ sung trong quá trình giải quyết"),
        default=0,
        help_text=_("Từ lần thứ hai, hồ sơ được tính là trễ hạn trong đánh giá."),
    )
    routing_reason = models.CharField(
        _("cách xác định cơ quan giải quyết"), max_length=500, blank=True
    )
    decided_at = models.DateTimeField(_("có kết quả lúc"), null=True, blank=True)
    decided_due_at = models.DateTimeField(
        _("hạn tại thời điểm có kết quả"),
        null=True,
        blank=True,
        help_text=_("Hạn gốc để tính sớm, đúng, quá hạn; xin lỗi không làm thay đổi."),
    )
    returned_at = models.DateTimeField(_("trả kết quả lúc"), null=True, blank=True)
    return_channel = models.CharField(
        _("hình thức trả kết quả"), max_length=10, choices=ReturnChannel.choices, blank=True
    )
    collected_by_name = models.CharField(_("người nhận kết quả"), max_length=300, blank=True)
    collected_by_id_number = models.CharField(_("giấy tờ người nhận"), max_length=50, blank=True)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    warned_at = models.DateTimeField(_("đã cảnh báo sắp đến hạn lúc"), null=True, blank=True)
    receipt_due_at = models.DateTimeField(
        _("hạn tiếp nhận hồ sơ trực tuyến"),
        null=True,
        blank=True,
        help_text=_("Một ngày làm việc sau khi nộp trực tuyến (lần nộp gần nhất)."),
    )
    receipt_warned_at = models.DateTimeField(
        _("đã cảnh báo sắp hết hạn tiếp nhận lúc"), null=True, blank=True
    )
    receipt_answered_at = models.DateTimeField(
        _("bộ phận một cửa trả lời lúc"),
        null=True,
        blank=True,
        help_text=_("Tiếp nhận, trả lại để hoàn thiện hoặc từ chối lần nộp gần nhất."),
    )
    refusal_reasons = models.TextField(_("lý do từ chối tiếp nhận"), blank=True)
    decision_reason = models.TextField(_("lý do của kết quả giải quyết"), blank=True)
    stop_reason_kind = models.CharField(
        _("căn cứ dừng giải quyết"), max_length=20, choices=StopReasonKind.choices, blank=True
    )
    stop_reason = models.TextField(_("lý do dừng giải quyết"), blank=True)
    stopped_at = models.DateTimeField(_("dừng giải quyết lúc"), null=True, blank=True)
    stopped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    audit_head_seq = models.PositiveIntegerField(default=0, editable=False)
    audit_head_hmac = models.CharField(max_length=64, blank=True, editable=False)
    # HMAC (AUDIT_HMAC_KEY) of the head above: the head cannot be set back without the key.
    audit_head_seal = models.CharField(max_length=64, blank=True, editable=False)

    objects = DossierQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        indexes = [
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["receiving_agency", "status"]),
            models.Index(fields=["responsible_agency", "status"]),
            models.Index(fields=["applicant_personal_id"]),
        ]

    def __str__(self) -> str:
        return self.code or _("Hồ sơ chưa có mã (#%(pk)s)") % {"pk": self.pk}

    @property
    def remaining_minutes(self) -> int | None:
        """The remaining working time of a pause in whole minutes, for display; the clock
        keeps it to the second (`remaining_seconds`)."""
        return whole_minutes(self.remaining_seconds)

    @property
    def procedure_snapshot(self) -> dict:
        """The procedure as it was when the dossier was received, in the current shape (the
        stored `snapshot` may be of an older version: dossiers.snapshots.read_snapshot)."""
        from motcua.dossiers.snapshots import read_snapshot

        return read_snapshot(self.snapshot)

    @property
    def time_limit(self) -> dict:
        return self.procedure_snapshot["time_limit"]

    @property
    def applicant_may_edit(self) -> bool:
        return self.status in APPLICANT_EDITABLE

    def is_overdue(self, now: datetime) -> bool:
        """The row's answer to `overdue_condition`."""
        return (
            self.status == DossierStatus.PROCESSING
            and self.due_at is not None
            and self.due_at < now
        )


class CompletionRequest(models.Model):
    """A return for completion (form 02): the one list of everything missing or to correct,
    given to the applicant before reception. A dossier resubmitted and returned again has one
    row per return."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.PROTECT, related_name="completion_requests"
    )
    items = models.JSONField(_("những gì cần bổ sung, hoàn thiện"), default=list)
    note = models.TextField(_("lý do, hướng dẫn thêm"), blank=True)
    requested_at = models.DateTimeField(_("trả lại lúc"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["dossier", "requested_at", "pk"]
        verbose_name = _("yêu cầu hoàn thiện hồ sơ")
        verbose_name_plural = _("yêu cầu hoàn thiện hồ sơ")

    def __str__(self) -> str:
        return f"{self.dossier} — {self.requested_at:%d/%m/%Y}"


class DossierStep(models.Model):
    """One step taken: a unit of the internal process working on the dossier. Returning to an
    earlier step creates a new row; nothing is rewritten.

    `is_last` is set when the step opens, from the dossier's snapshot of its process
    (services.steps.is_last_order), so the "to decide" queue and the actions offered read one
    column instead of each reading the snapshot."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="steps")
    order = models.PositiveSmallIntegerField(_("bước số"))
    name = models.CharField(_("tên bước"), max_length=500)
    unit = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="dossier_steps",
        verbose_name=_("đơn vị xử lý"),
    )
    role = models.CharField(_("vai trò"), max_length=30)
    share_percent = models.DecimalField(max_digits=5, decimal_places=2)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_steps",
        verbose_name=_("cán bộ được phân công"),
    )
    started_at = models.DateTimeField(_("bắt đầu"))
    due_at = models.DateTimeField(_("hạn của bước"), null=True, blank=True)
    remaining_seconds = models.IntegerField(null=True, blank=True)
    finished_at = models.DateTimeField(_("hoàn thành"), null=True, blank=True)
    finished_due_at = models.DateTimeField(null=True, blank=True)
    ended_by_return = models.BooleanField(_("bị trả lại"), default=False)
    note = models.TextField(_("ghi chú"), blank=True)
    is_last = models.BooleanField(
        _("bước cuối của quy trình"),
        default=False,
        help_text=_(
            "Quy trình không còn bước nào sau bước này: hồ sơ được ghi nhận kết quả tại đây, "
            "không chuyển tiếp."
        ),
    )

    class Meta:
        ordering = ["dossier", "started_at", "pk"]
        verbose_name = _("bước xử lý")
        verbose_name_plural = _("bước xử lý")
        indexes = [models.Index(fields=["unit", "finished_at"])]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"

    @property
    def remaining_minutes(self) -> int | None:
        return whole_minutes(self.remaining_seconds)


class DossierPause(models.Model):
    """A stop of the clock: a supplement request, a financial obligation, the applicant's request."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="pauses")
    reason = models.CharField(_("lý do tạm dừng"), max_length=20, choices=PauseReason.choices)
    note = models.TextField(_("nội dung"))
    items = models.JSONField(_("danh sách cần bổ sung"), default=list, blank=True)
    period_days = models.PositiveSmallIntegerField(
        _("thời hạn bổ sung (ngày làm việc)"), null=True, blank=True
    )
    period_end_at = models.DateTimeField(_("hạn nộp bổ sung"), null=True, blank=True)
    justification = models.TextField(_("lý do yêu cầu bổ sung lần hai"), blank=True)
    started_at = models.DateTimeField(_("bắt đầu"))
    ended_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    remaining_seconds = models.IntegerField(_("thời gian còn lại (giây làm việc)"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["dossier", "started_at"]
        verbose_name = _("tạm dừng")
        verbose_name_plural = _("tạm dừng")

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.started_at:%d/%m/%Y})"

    @property
    def period_text(self) -> str:
        """The supplement period with its unit and its end: "trong 5 ngày làm việc, đến 17:00
        ngày 10/12/2026"; empty when the request set no period."""
        if not self.period_days or self.period_end_at is None:
            return ""
        end = timezone.localtime(self.period_end_at)
        return ngettext(
            "trong %(days)d ngày làm việc, đến %(time)s ngày %(date)s",
            "trong %(days)d ngày làm việc, đến %(time)s ngày %(date)s",
            self.period_days,
        ) % {"days": self.period_days, "time": f"{end:%H:%M}", "date": f"{end:%d/%m/%Y}"}


class DossierFile(models.Model):
    """A file of a dossier, stored privately and served only after the dossier's permission check."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="files")
    purpose = models.CharField(_("mục đích"), max_length=20, choices=FilePurpose.choices)
    file = models.FileField(storage=private_storage, upload_to="dossiers/%Y/%m/")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["dossier", "uploaded_at", "pk"]
        verbose_name = _("tệp hồ sơ")
        verbose_name_plural = _("tệp hồ sơ")

    def __str__(self) -> str:
        return self.original_name


class DossierDocument(models.Model):
    """A line of the reception checklist: one required document, how it was received."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="documents")
    code = models.CharField(max_length=50, blank=True)
    name = models.CharField(_("tên giấy tờ"), max_length=1000)
    required = models.BooleanField(default=True)
    form = models.CharField(_("hình thức"), max_length=20, choices=DocumentForm.choices, blank=True)
    quantity = models.PositiveSmallIntegerField(_("số lượng"), default=0)
    digitised = models.BooleanField(_("đã số hóa"), default=False)
    file = models.ForeignKey(
        DossierFile, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    order = models.PositiveSmallIntegerField(default=0)
    # Taken from the applicant's earlier dossier or the national personal data store instead
    # of being handed in again (docs/data-reuse.md); the file is always this dossier's own copy.
    reused_from = models.CharField(
        _("lấy từ kho dữ liệu"), max_length=20, choices=ReuseSource.choices, blank=True
    )
    reused_reference = models.CharField(_("nguồn tái sử dụng"), max_length=300, blank=True)

    class Meta:
        ordering = ["dossier", "order", "pk"]
        verbose_name = _("giấy tờ đã nhận")
        verbose_name_plural = _("giấy tờ đã nhận")

    def __str__(self) -> str:
        return self.name

    @property
    def is_eform(self) -> bool:
        """The declaration the procedure's e-form replaces: nothing to upload or hand in."""
        return self.form == DocumentForm.EFORM


class IdentityCheck(models.Model):
    """One check of the applicant's personal ID, name and date of birth against the national
    population database, whatever its answer (docs/data-reuse.md)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="identity_checks")
    personal_id = models.CharField(_("số định danh cá nhân"), max_length=12)
    name = models.CharField(_("họ và tên"), max_length=300)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    result = models.CharField(_("kết quả đối chiếu"), max_length=20, choices=IdentityResult.choices)
    differing_fields = models.JSONField(_("trường không khớp"), default=list, blank=True)
    ma_csdl = models.CharField(_("mã CSDL dân cư"), max_length=40, blank=True)
    note = models.TextField(_("ghi chú của cán bộ"), blank=True)
    checked_at = models.DateTimeField(_("đối chiếu lúc"))
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["dossier", "checked_at", "pk"]
        verbose_name = _("đối chiếu CSDL dân cư")
        verbose_name_plural = _("đối chiếu CSDL dân cư")

    def __str__(self) -> str:
        return f"{self.personal_id}: {self.result}"

    @property
    def matched(self) -> bool:
        return self.result == IdentityResult.MATCH

    @property
    def differing_labels(self) -> list[str]:
        labels = {"name": _("họ và tên"), "birth_date": _("ngày sinh")}
        return [str(labels.get(f, f)) for f in self.differing_fields]


class ResultDocument(models.Model):
    """A document of the result: the permit, the certificate, or the written rejection."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="result_documents")
    title = models.CharField(_("tên văn bản"), max_length=500)
    number = models.CharField(_("số, ký hiệu"), max_length=100)
    signed_on = models.DateField(_("ngày ký"))
    signer = models.CharField(_("người ký"), max_length=300)
    file = models.ForeignKey(
        DossierFile, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("văn bản kết quả")
        verbose_name_plural = _("văn bản kết quả")

    def __str__(self) -> str:
        return f"{self.number} — {self.title}"


class Apology(models.Model):
    """A phiếu xin lỗi và hẹn lại (form 04): the new date may be set once."""

    dossier = models.OneToOneField(Dossier, on_delete=models.PROTECT, related_name="apology")
    unit = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("lý do chậm"))
    new_due_at = models.DateTimeField(_("ngày hẹn mới"))
    issued_at = models.DateTimeField(_("ngày xin lỗi"))
    is_late = models.BooleanField(_("xin lỗi muộn"), default=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("phiếu xin lỗi")
        verbose_name_plural = _("phiếu xin lỗi")

    def __str__(self) -> str:
        return f"{self.dossier} — {self.new_due_at:%d/%m/%Y}"


class IssuedForm(models.Model):
    """A form as issued (01–05 of Circular 03/2025; 01–04 of Circular 01/2018 before it): the
    HTML of the moment, and its PDF, kept. `edition` names the circular whose numbering `form`
    follows, so a form issued before the change keeps its number and title."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="issued_forms")
    form = models.CharField(max_length=2)
    edition = models.CharField(max_length=10, default="03/2025")
    issued_at = models.DateTimeField()
    html = models.TextField()
    pdf = models.FileField(storage=private_storage, upload_to="forms/%Y/%m/", blank=True)

    class Meta:
        ordering = ["dossier", "issued_at"]
        verbose_name = _("phiếu đã phát hành")
        verbose_name_plural = _("phiếu đã phát hành")

    def __str__(self) -> str:
        return f"{self.form} {self.dossier}"


class DossierCounter(models.Model):
    """The last sequence number of dossiers received by one agency on one local day."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "day"], name="uniq_counter_agency_day")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day}: {self.last_number}"
