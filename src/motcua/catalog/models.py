"""The procedure catalog (danh mục thủ tục hành chính), in the national database's terms.

A Procedure (TTHC) has cases (trường hợp: variants with their own documents and time limit),
fees, results, legal bases, implementing agencies (with a service level per agency where it
differs), an internal process of ordered steps, and an e-form schema. Dossiers take a
snapshot of all this at reception, so editing the catalog never changes a dossier in progress.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.agencies.choices import Role
from motcua.catalog.choices import (
    ApplicantType,
    FeeBasis,
    FeeCategory,
    FeeExemption,
    FeeKind,
    ImplementingLevel,
    OnlineClass,
    PublicationStatus,
    ServiceLevel,
    StepUnit,
    TimeUnit,
)
from motcua.catalog.eforms import pin_declared_order
from motcua.lib.collation import vietnamese
from motcua.lib.text import fold
from motcua.lib.uploads import FORM_TEMPLATE_KINDS, SafeUploadTo, UploadValidator
from motcua.workdays.calendar import MINUTES_PER_WORKING_DAY

PROCEDURE_CODE_RE = re.compile(r"^\d\.\d{6}(\.[0-9A-Za-z.]+)?$")


def validate_procedure_code(value: str) -> None:
    if not PROCEDURE_CODE_RE.match(value or ""):
        raise ValidationError(
            _(
                "Mã thủ tục phải có dạng 1.001612, có thể kèm hậu tố địa phương như 1.001612.000.00.00.H26."
            ),
            code="procedure_code",
        )


def time_limit_minutes(value: Decimal, unit: str) -> int:
    """A time limit as stored minutes: working minutes for working days (8 hours each) and
    working hours, calendar minutes for calendar days. The unit is kept beside it."""
    if unit == TimeUnit.WORKING_DAYS:
        return int(value * MINUTES_PER_WORKING_DAY)
    if unit == TimeUnit.WORKING_HOURS:
        return int(value * 60)
    return int(value * 24 * 60)


class Field(models.Model):
    """A lĩnh vực: the domain a procedure belongs to (civil status, construction, land...)."""

    code = models.CharField(_("mã lĩnh vực"), max_length=50, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=300)
    search_text = models.CharField(max_length=300, editable=False, default="")

    class Meta:
        ordering = [vietnamese("name")]
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = fold(self.name)
        super().save(*args, **kwargs)


class Procedure(models.Model):
    """A thủ tục hành chính as published in the national database of procedures."""

    code = models.CharField(
        _("mã thủ tục"), max_length=40, unique=True, validators=[validate_procedure_code]
    )
    name = models.CharField(_("tên thủ tục"), max_length=600)
    field = models.ForeignKey(
        Field, on_delete=models.PROTECT, related_name="procedures", verbose_name=_("lĩnh vực")
    )
    implementing_level = models.CharField(
        _("cấp thực hiện"), max_length=20, choices=ImplementingLevel.choices
    )
    agencies = models.ManyToManyField(
        "agencies.Agency",
        through="ProcedureAgency",
        related_name="procedures",
        verbose_name=_("cơ quan thực hiện"),
        blank=True,
    )
    applicant_types = models.JSONField(
        _("đối tượng thực hiện"),
        default=list,
        blank=True,
        help_text=_("Danh sách mã đối tượng: citizen, enterprise, organisation..."),
    )
    applicant_description = models.TextField(_("mô tả đối tượng thực hiện"), blank=True)
    via_counter = models.BooleanField(_("nộp trực tiếp"), default=True)
    via_online = models.BooleanField(_("nộp trực tuyến"), default=False)
    via_post = models.BooleanField(_("nộp qua bưu chính"), default=False)
    service_level = models.PositiveSmallIntegerField(
        _("mức độ dịch vụ công (NĐ 43/2011)"),
        choices=ServiceLevel.choices,
        default=ServiceLevel.LEVEL_2,
    )
    online_class = models.CharField(
        _("phân loại DVC trực tuyến (NĐ 42/2022)"),
        max_length=10,
        choices=OnlineClass.choices,
        default=OnlineClass.NONE,
    )
    conditions = models.TextField(_("yêu cầu, điều kiện"), blank=True)
    description = models.TextField(_("trình tự thực hiện"), blank=True)
    result_delivery = models.TextField(_("nơi và cách nhận kết quả"), blank=True)
    publishing_agency_code = models.CharField(_("mã cơ quan công bố"), max_length=50, blank=True)
    integrated_with_national_portal = models.BooleanField(
        _("tích hợp Cổng Dịch vụ công quốc gia"), default=False
    )
    supplement_restarts_clock = models.BooleanField(
        _("bổ sung hồ sơ thì tính lại thời hạn từ đầu"),
        default=False,
        help_text=_("Mặc định thời gian đã giải quyết được giữ nguyên và đồng hồ tạm dừng."),
    )
    eform_schema = models.JSONField(
        _("biểu mẫu điện tử (JSON Schema)"),
        default=dict,
        blank=True,
        help_text=_("Tập con JSON Schema được hỗ trợ: xem docs/eform-schema.md."),
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )
    effective_from = models.DateField(_("có hiệu lực từ"), null=True, blank=True)
    effective_to = models.DateField(_("hết hiệu lực từ"), null=True, blank=True)
    source = models.CharField(
        _("nguồn dữ liệu"),
        max_length=500,
        blank=True,
        help_text=_("Nơi lấy thông tin thủ tục (quyết định công bố, Cơ sở dữ liệu quốc gia...)."),
    )
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(effective_to__isnull=True)
                | models.Q(effective_from__isnull=True)
                | models.Q(effective_to__gt=models.F("effective_from")),
                name="procedure_effective_range",
            )
        ]
        indexes = [models.Index(fields=["status", "field"])]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def save(self, *args, **kwargs):
        field_name = self.field.name if self.field_id else ""
        self.search_text = fold(f"{self.code} {self.name} {field_name}")
        self.eform_schema = pin_declared_order(self.eform_schema)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        errors = {}
        bad_types = [t for t in self.applicant_types or [] if t not in ApplicantType.values]
        if not isinstance(self.applicant_types, list) or bad_types:
            errors["applicant_types"] = _("Đối tượng thực hiện không hợp lệ: %(types)s") % {
                "types": ", ".join(map(str, bad_types)) or str(self.applicant_types)
            }
        if self.effective_from and self.effective_to and self.effective_to <= self.effective_from:
            errors["effective_to"] = _("Ngày hết hiệu lực phải sau ngày có hiệu lực.")
        if self.eform_schema:
            from motcua.catalog.eforms import schema_errors

            problems = schema_errors(self.eform_schema)
            if problems:
                errors["eform_schema"] = problems
        if errors:
            raise ValidationError(errors)

    @property
    def is_online(self) -> bool:
        """Offered as an online public service: level 3 or 4 (Decree 43/2011), or online in
        full or in part in the 2022 classification (Decree 42/2022)."""
        return self.service_level >= ServiceLevel.LEVEL_3 or self.online_class in (
            OnlineClass.FULL,
            OnlineClass.PARTIAL,
        )

    def accepts_online_submission(self) -> bool:
        """Whether a dossier for this procedure may be submitted online, through our portal,
        the API or the national portal: the online channel is open and the procedure is offered
        as an online service. The one rule every face and the dossier services follow."""
        return bool(self.via_online and self.is_online)

    def offers_postal_service(self) -> bool:
        """Whether the public postal service (Decision 45/2016) handles this procedure: the
        dossier collected by post, the result delivered by post, or both. A procedure whose
        postal channel (`via_post`, channel 3 of the national record) is closed is one the
        agency excluded from postal handling: no face offers it and the services refuse it."""
        return bool(self.via_post)


class ProcedureAgency(models.Model):
    """An agency that carries out a procedure, with its own service level where it differs."""

    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="implementations"
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="implementations",
        verbose_name=_("cơ quan"),
    )
    service_level = models.PositiveSmallIntegerField(
        _("mức độ dịch vụ công riêng"), choices=ServiceLevel.choices, null=True, blank=True
    )
    online_class = models.CharField(
        _("phân loại trực tuyến riêng"), max_length=10, choices=OnlineClass.choices, blank=True
    )

    class Meta:
        verbose_name = _("cơ quan thực hiện")
        verbose_name_plural = _("cơ quan thực hiện")
        constraints = [
            models.UniqueConstraint(fields=["procedure", "agency"], name="uniq_procedure_agency")
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} @ {self.agency}"

    @property
    def effective_service_level(self) -> int:
        return self.service_level or self.procedure.service_level

    @property
    def effective_online_class(self) -> str:
        return self.online_class or self.procedure.online_class


class ProcedureCase(models.Model):
    """A trường hợp: one variant of a procedure, with its own documents and time limit."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="cases")
    code = models.CharField(_("mã trường hợp"), max_length=50)
    name = models.CharField(_("tên trường hợp"), max_length=500)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    time_limit_value = models.DecimalField(
        _("thời hạn giải quyết"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("3650"))],
    )
    time_limit_unit = models.CharField(
        _("đơn vị thời hạn"), max_length=20, choices=TimeUnit.choices, default=TimeUnit.WORKING_DAYS
    )
    time_limit_minutes = models.PositiveIntegerField(editable=False, default=0)
    time_limit_note = models.TextField(_("ghi chú thời hạn"), blank=True)
    steps_text = models.TextField(_("trình tự thực hiện của trường hợp"), blank=True)

    class Meta:
        ordering = ["procedure", "order", "pk"]
        verbose_name = _("trường hợp")
        verbose_name_plural = _("trường hợp")
        constraints = [models.UniqueConstraint(fields=["procedure", "code"], name="uniq_case_code")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.time_limit_minutes = time_limit_minutes(
            Decimal(self.time_limit_value), self.time_limit_unit
        )
        super().save(*args, **kwargs)


class RequiredDocument(models.Model):
    """A giấy tờ in the thành phần hồ sơ of a case, with its form template if any."""

    case = models.ForeignKey(ProcedureCase, on_delete=models.CASCADE, related_name="documents")
    code = models.CharField(_("mã giấy tờ"), max_length=50, blank=True)
    name = models.CharField(_("tên giấy tờ"), max_length=1000)
    form_name = models.CharField(_("tên mẫu đơn, tờ khai"), max_length=500, blank=True)
    form_file = models.FileField(
        _("tệp mẫu đơn"),
        upload_to=SafeUploadTo("catalog/forms"),
        blank=True,
        validators=[UploadValidator(FORM_TEMPLATE_KINDS)],
        help_text=_("Tệp PDF, DOC, DOCX, XLSX hoặc ODT."),
    )
    form_url = models.URLField(_("đường dẫn mẫu đơn"), max_length=1000, blank=True)
    originals = models.PositiveSmallIntegerField(_("số bản chính"), default=1)
    copies = models.PositiveSmallIntegerField(_("số bản sao"), default=0)
    is_required = models.BooleanField(_("bắt buộc"), default=True)
    filled_by_eform = models.BooleanField(
        _("khai trên biểu mẫu điện tử"),
        default=False,
        help_text=_(
            "Đánh dấu tờ khai, đơn mà biểu mẫu điện tử của thủ tục thay thế: khi thủ tục có "
            "biểu mẫu điện tử, người nộp khai trên biểu mẫu và không phải nộp thêm bản chụp."
        ),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["case", "order", "pk"]
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")

    def __str__(self) -> str:
        return self.name

    def checklist_code(self, position: int) -> str:
        """The code a dossier's checklist, uploads and snapshot know this document by: its own
        code, or "GT<position>" (its 1-based position in its case's list) when it has none."""
        return self.code or f"GT{position}"


def filled_by_eform(procedure: Procedure, document: RequiredDocument) -> bool:
    """Whether the procedure's e-form replaces this required document: the document is the
    declaration (tờ khai, đơn) marked as filled on the e-form, and the procedure has one. The
    one rule the portal, the reception desk, the API and the dossier services follow: such a
    document is never asked for as a file or a paper, since the e-form's answers are it."""
    return bool(document.filled_by_eform and procedure.eform_schema)


def coded_documents(documents) -> list[tuple[str, RequiredDocument]]:
    """A case's required documents, in order, each with its checklist code."""
    return [
        (document.checklist_code(position), document)
        for position, document in enumerate(documents, start=1)
    ]


class Fee(models.Model):
    """A phí or lệ phí: fixed, per copy, or in tiers ([{"up_to": 10, "amount": 50000}, ...],
    the last tier with "up_to": null). Applies to every case unless `case` is set."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="fees")
    case = models.ForeignKey(
        ProcedureCase,
        on_delete=models.CASCADE,
        related_name="fees",
        null=True,
        blank=True,
        verbose_name=_("chỉ áp dụng cho trường hợp"),
    )
    code = models.CharField(_("mã phí, lệ phí"), max_length=50, blank=True)
    name = models.CharField(_("tên phí, lệ phí"), max_length=500)
    category = models.CharField(
        _("loại"), max_length=10, choices=FeeCategory.choices, default=FeeCategory.CHARGE
    )
    kind = models.CharField(
        _("cách tính"), max_length=10, choices=FeeKind.choices, default=FeeKind.FIXED
    )
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"), default=0)
    tiers = models.JSONField(_("bậc phí"), default=list, blank=True)
    basis = models.CharField(
        _("tính theo"),
        max_length=10,
        choices=FeeBasis.choices,
        default=FeeBasis.COPIES,
        help_text=_("Với phí theo số bản hoặc theo bậc: đếm số bản, giá trị hay diện tích."),
    )
    quantity_field = models.CharField(
        _("trường tờ khai cho số lượng"),
        max_length=100,
        blank=True,
        help_text=_(
            "Tên trường của tờ khai điện tử chứa số bản, giá trị hoặc diện tích; để trống thì "
            "lấy số bộ hồ sơ."
        ),
    )
    exempt_groups = models.JSONField(
        _("đối tượng được miễn"),
        default=list,
        blank=True,
        help_text=_("Mã các đối tượng được miễn khoản này."),
    )
    unit = models.CharField(_("đơn vị tính"), max_length=100, blank=True, default="đồng")
    description = models.TextField(_("mô tả"), blank=True)

    class Meta:
        ordering = ["procedure", "pk"]
        verbose_name = _("phí, lệ phí")
        verbose_name_plural = _("phí, lệ phí")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        from motcua.catalog.fees import tier_errors

        if self.kind == FeeKind.TIERED:
            problems = tier_errors(self.tiers)
            if problems:
                raise ValidationError({"tiers": problems})
        elif self.tiers:
            raise ValidationError({"tiers": _("Chỉ khai báo bậc phí khi cách tính là theo bậc.")})
        groups = self.exempt_groups
        if not isinstance(groups, list) or any(g not in FeeExemption.values for g in groups):
            raise ValidationError(
                {
                    "exempt_groups": _("Đối tượng được miễn phải là danh sách mã trong: %(codes)s.")
                    % {"codes": ", ".join(FeeExemption.values)}
                }
            )
        if self.case_id and self.procedure_id and self.case.procedure_id != self.procedure_id:
            raise ValidationError({"case": _("Trường hợp không thuộc thủ tục này.")})


class ProcedureResult(models.Model):
    """A kết quả thực hiện: what the applicant receives (a permit, a certificate...)."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="results")
    code = models.CharField(_("mã kết quả"), max_length=50, blank=True)
    name = models.CharField(_("tên kết quả"), max_length=1000)

    class Meta:
        ordering = ["procedure", "pk"]
        verbose_name = _("kết quả thực hiện")
        verbose_name_plural = _("kết quả thực hiện")

    def __str__(self) -> str:
        return self.name


class LegalBasis(models.Model):
    """A căn cứ pháp lý: the law, decree or circular the procedure rests on."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="legal_bases")
    number = models.CharField(_("số ký hiệu"), max_length=100)
    title = models.CharField(_("trích yếu"), max_length=1000)
    url = models.URLField(_("đường dẫn"), max_length=1000, blank=True)

    class Meta:
        ordering = ["procedure", "pk"]
        verbose_name = _("căn cứ pháp lý")
        verbose_name_plural = _("căn cứ pháp lý")

    def __str__(self) -> str:
        return f"{self.number} — {self.title}"


class ProcessStep(models.Model):
    """A step of the internal process (quy trình nội bộ): which unit, in which role, with what
    share of the time limit. Units are named by relation (StepUnit) and resolved for each
    dossier's agencies, so one procedure serves every commune."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    name = models.CharField(_("tên bước"), max_length=500)
    unit = models.CharField(_("đơn vị thực hiện"), max_length=30, choices=StepUnit.choices)
    unit_type = models.SlugField(
        _("loại đơn vị chuyên môn"),
        max_length=60,
        blank=True,
        help_text=_(
            "Với bước do phòng chuyên môn thực hiện: nhãn loại đơn vị (trùng với nhãn của cơ quan), "
            "ví dụ dang-ky-dat-dai; để trống thì lấy phòng đầu tiên của cơ quan chủ trì."
        ),
    )
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices)
    share_percent = models.DecimalField(
        _("tỷ lệ thời gian (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )

    class Meta:
        ordering = ["procedure", "order"]
        verbose_name = _("bước quy trình nội bộ")
        verbose_name_plural = _("quy trình nội bộ")
        constraints = [
            models.UniqueConstraint(fields=["procedure", "order"], name="uniq_step_order")
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class SearchSynonym(models.Model):
    """A phrase people type when looking for a procedure, and the words the catalog uses for
    it: "làm giấy khai sinh" is looked for as "đăng ký khai sinh". Catalog administrators keep
    the list in the admin; the search replaces the phrase where it occurs in a query (its
    words, whole, in order), with diacritics, letter case and the i/y spelling ignored."""

    phrase = models.CharField(
        _("cách người dân gõ"),
        max_length=200,
        unique=True,
        help_text=_("Ví dụ: làm giấy khai sinh"),
    )
    meaning = models.CharField(
        _("tìm như"),
        max_length=200,
        help_text=_("Các từ trong tên thủ tục, ví dụ: đăng ký khai sinh"),
    )

    class Meta:
        ordering = [vietnamese("phrase")]
        verbose_name = _("từ đồng nghĩa khi tìm kiếm")
        verbose_name_plural = _("từ đồng nghĩa khi tìm kiếm")

    def __str__(self) -> str:
        return f"{self.phrase} → {self.meaning}"

    def clean(self):
        from motcua.lib.text import spelling_fold

        if spelling_fold(self.phrase) == spelling_fold(self.meaning):
            raise ValidationError({"meaning": _("Hãy ghi khác với cách người dân gõ.")})
