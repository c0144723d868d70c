"""The catalog admin: where catalog administrators keep procedures, their cases, documents,
fees, results, legal bases, implementing agencies and internal process, and import or export
them as national-database records (docs/catalog-import.md)."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from motcua.catalog.admin_forms import (
    CatalogImportForm,
    PrettyJSONField,
    ProcedureAdminForm,
    ProcedureCaseFormSet,
    ProcessStepFormSet,
    RequiredDocumentFormSet,
)
from motcua.catalog.models import (
    Fee,
    Field,
    LegalBasis,
    Procedure,
    ProcedureAgency,
    ProcedureCase,
    ProcedureResult,
    ProcessStep,
    RequiredDocument,
)
from motcua.catalog.records import export_json, procedures_for_export
from motcua.catalog.records_import import import_catalog
from motcua.lib.text import fold


class FoldedSearchMixin:
    """Search the folded `search_text` with a folded query, so "giay phep" and "GIẤY PHÉP"
    both find "Giấy phép"."""

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term))


class CatalogFieldsMixin:
    """Every JSONField is edited as indented JSON in a monospace box; links typed without a
    scheme are taken as https."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")
        if isinstance(db_field, models.JSONField):
            default = db_field.get_default()
            kwargs.setdefault("form_class", PrettyJSONField)
            kwargs.setdefault("empty_factory", type(default) if default is not None else dict)
            kwargs.setdefault("rows", 16 if db_field.name == "eform_schema" else 4)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class ProcedureAgencyInline(CatalogFieldsMixin, admin.TabularInline):
    model = ProcedureAgency
    extra = 0
    autocomplete_fields = ("agency",)


class ProcedureCaseInline(admin.TabularInline):
    model = ProcedureCase
    formset = ProcedureCaseFormSet
    extra = 0
    show_change_link = True
    fields = ("order", "code", "name", "time_limit_value", "time_limit_unit", "time_limit_note")


class FeeInline(CatalogFieldsMixin, admin.StackedInline):
    model = Fee
    extra = 0
    fields = (
        ("code", "name"),
        ("category", "kind", "case"),
        ("amount", "unit"),
        "tiers",
        "description",
    )

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # A fee may only be tied to a case of this same procedure.
        case_field = formset.form.base_fields["case"]
        case_field.queryset = (
            ProcedureCase.objects.filter(procedure=obj) if obj else ProcedureCase.objects.none()
        )
        return formset


class ProcedureResultInline(CatalogFieldsMixin, admin.TabularInline):
    model = ProcedureResult
    extra = 0


class LegalBasisInline(CatalogFieldsMixin, admin.TabularInline):
    model = LegalBasis
    extra = 0


class ProcessStepInline(CatalogFieldsMixin, admin.TabularInline):
    model = ProcessStep
    formset = ProcessStepFormSet
    extra = 0


@admin.register(Procedure)
class ProcedureAdmin(FoldedSearchMixin, CatalogFieldsMixin, admin.ModelAdmin):
    form = ProcedureAdminForm
    change_list_template = "admin/catalog/procedure/change_list.html"
    list_display = (
        "code",
        "name",
        "field",
        "implementing_level",
        "service_level",
        "online_class",
        "status",
    )
    list_filter = ("status", "field", "service_level", "implementing_level", "online_class")
    list_select_related = ("field",)
    search_fields = ("search_text",)
    search_help_text = _(
        "Tìm theo mã, tên thủ tục hoặc lĩnh vực; gõ có dấu hay không dấu đều được."
    )
    autocomplete_fields = ("field",)
    actions = ["export_selected"]
    inlines = [
        ProcedureAgencyInline,
        ProcedureCaseInline,
        FeeInline,
        ProcedureResultInline,
        LegalBasisInline,
        ProcessStepInline,
    ]
    fieldsets = (
        (None, {"fields": ("code", "name", "field", "status", "implementing_level")}),
        (
            _("Mức độ và cách thức thực hiện"),
            {
                "fields": (
                    ("via_counter", "via_online", "via_post"),
                    ("service_level", "online_class"),
                    "integrated_with_national_portal",
                    "supplement_restarts_clock",
                )
            },
        ),
        (
            _("Nội dung công bố"),
            {
                "fields": (
                    "applicant_types",
                    "applicant_description",
                    "description",
                    "conditions",
                    "result_delivery",
                    "publishing_agency_code",
                    ("effective_from", "effective_to"),
                    "source",
                )
            },
        ),
        (_("Biểu mẫu điện tử"), {"fields": ("eform_schema",)}),
    )

    @admin.action(description=_("Xuất các thủ tục đã chọn ra tệp JSON"), permissions=["view"])
    def export_selected(self, request, queryset):
        codes = list(queryset.values_list("code", flat=True))
        response = HttpResponse(
            export_json(procedures_for_export(codes)),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="danh-muc-thu-tuc.json"'
        return response

    def get_urls(self):
        own = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="catalog_procedure_import",
            )
        ]
        return own + super().get_urls()

    def has_import_permission(self, request) -> bool:
        return self.has_add_permission(request) and self.has_change_permission(request)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "has_import_permission": self.has_import_permission(request),
        }
        return super().changelist_view(request, extra_context)

    def import_view(self, request):
        """Upload a JSON file of records and show, record by record, what became of it."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        report = None
        if request.method == "POST":
            form = CatalogImportForm(request.POST, request.FILES)
            if form.is_valid():
                report = import_catalog(
                    form.cleaned_data["file"].read(),
                    partial=form.cleaned_data["partial"],
                    dry_run=form.cleaned_data["dry_run"],
                )
                if not report.dry_run:
                    self._log_import(request, report)
        else:
            form = CatalogImportForm()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Nhập danh mục thủ tục từ tệp JSON"),
            "form": form,
            "report": report,
        }
        return TemplateResponse(request, "admin/catalog/procedure/import.html", context)

    def _log_import(self, request, report) -> None:
        """Each imported procedure gets an entry in the admin's change log, like an edit."""
        codes = {record.code: record for record in report.imported}
        for procedure in Procedure.objects.filter(code__in=codes):
            message = gettext("Nhập từ tệp JSON")
            if codes[procedure.code].outcome == "created":
                self.log_addition(request, procedure, message)
            else:
                self.log_change(request, procedure, message)


class RequiredDocumentInline(CatalogFieldsMixin, admin.StackedInline):
    model = RequiredDocument
    formset = RequiredDocumentFormSet
    extra = 0
    fields = (
        ("order", "code"),
        "name",
        ("form_name", "form_file"),
        "form_url",
        ("originals", "copies", "is_required"),
        "note",
    )


@admin.register(ProcedureCase)
class ProcedureCaseAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "procedure", "time_limit_value", "time_limit_unit")
    list_select_related = ("procedure",)
    search_fields = ("name", "code", "procedure__code")
    autocomplete_fields = ("procedure",)
    readonly_fields = ("time_limit_minutes",)
    inlines = [RequiredDocumentInline]


@admin.register(Field)
class FieldAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("code", "name", "procedure_count")
    search_fields = ("code", "search_text")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(procedure_total=Count("procedures"))

    @admin.display(description=_("số thủ tục"), ordering="procedure_total")
    def procedure_count(self, obj) -> int:
        return obj.procedure_total
