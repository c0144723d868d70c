"""The catalog admin: where catalog administrators keep procedures, their cases, documents,
fees, results, legal bases, implementing agencies and internal process, and import or export
them as national-database records (docs/catalog-import.md).

A procedure's save, status change, deletion and import go through catalog/services.py, so the
admin's change log, the reference-data audit trail and the outbox agree; the procedure pages
are offered for change only to a catalog administrator of the whole province
(agencies/policies.py), the guard the services apply."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from motcua.agencies import policies
from motcua.catalog import services
from motcua.catalog.admin_forms import (
    CatalogImportForm,
    PrettyJSONField,
    ProcedureAdminForm,
    ProcedureCaseFormSet,
    ProcessStepFormSet,
    RequiredDocumentFormSet,
)
from motcua.catalog.choices import PublicationStatus
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
    SearchSynonym,
)
from motcua.catalog.records import export_json, procedures_for_export
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
        ("basis", "quantity_field"),
        "exempt_groups",
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
    actions = ["export_selected", "publish_selected", "withdraw_selected"]
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

    @admin.action(description=_("Công bố các thủ tục đã chọn"), permissions=["change"])
    def publish_selected(self, request, queryset):
        self._change_status(request, queryset, services.publish_procedure)

    @admin.action(description=_("Bãi bỏ các thủ tục đã chọn"), permissions=["change"])
    def withdraw_selected(self, request, queryset):
        self._change_status(request, queryset, services.withdraw_procedure)

    def _change_status(self, request, queryset, service) -> None:
        """Each procedure on its own: one that breaks a rule is reported and the others go on."""
        done = 0
        for procedure in queryset.order_by("code"):
            try:
                service(procedure, actor=request.user)
            except ValidationError as exc:
                problems = "; ".join(message for message in exc.messages)
                self.message_user(request, f"{procedure.code}: {problems}", messages.ERROR)
                continue
            self.log_change(request, procedure, procedure.get_status_display())
            done += 1
        if done:
            self.message_user(
                request,
                gettext("Đã cập nhật trạng thái của %(count)d thủ tục.") % {"count": done},
                messages.SUCCESS,
            )

    # -- saving through the services ----------------------------------------------------

    def _may_change(self, request) -> bool:
        return policies.refuse_catalog_change(request.user) is None

    def has_add_permission(self, request):
        return super().has_add_permission(request) and self._may_change(request)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_change(request)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status == PublicationStatus.PUBLISHED:
            return False  # a published procedure is withdrawn, never deleted
        return super().has_delete_permission(request, obj) and self._may_change(request)

    def save_model(self, request, obj, form, change):
        """The fields are saved here with the status the procedure had; a new status is given
        by the service in save_related, once the cases and documents it checks are saved."""
        previous = (
            Procedure.objects.filter(pk=obj.pk).values_list("status", flat=True).first()
            if change
            else None
        )
        form.wanted_status = obj.status
        obj.status = previous or PublicationStatus.DRAFT
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        procedure = form.instance
        wanted = getattr(form, "wanted_status", procedure.status)
        changed = [name for name in form.changed_data if name != "status"]
        changed += [formset.model._meta.model_name for formset in formsets if formset.has_changed()]
        if changed or not change:
            services.record_procedure_saved(
                procedure, actor=request.user, created=not change, changed=changed
            )
        if wanted == PublicationStatus.PUBLISHED and procedure.status != wanted:
            services.publish_procedure(procedure, actor=request.user)
        elif wanted == PublicationStatus.WITHDRAWN and procedure.status != wanted:
            services.withdraw_procedure(procedure, actor=request.user)

    def delete_model(self, request, obj):
        services.delete_procedure(obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for procedure in queryset:
            try:
                services.delete_procedure(procedure, actor=request.user)
            except ValidationError as exc:
                problems = "; ".join(exc.messages)
                self.message_user(request, f"{procedure.code}: {problems}", messages.ERROR)

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
                report = services.import_procedures(
                    form.cleaned_data["file"].read(),
                    actor=request.user,
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


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    """The phrases people type for a procedure and the catalog's words for them (the portal's
    search replaces one by the other: motcua.catalog.selectors.expand_query)."""

    list_display = ("phrase", "meaning")
    search_fields = ("phrase", "meaning")
