"""Dossiers are read-only in the admin: they change only through dossiers/services."""

from django.contrib import admin

from motcua.dossiers.models import Dossier, DossierStep
from motcua.lib.admin import ReadOnlyAdmin


class StepInline(admin.TabularInline):
    model = DossierStep
    extra = 0
    fields = (
        "order",
        "name",
        "unit",
        "assigned_to",
        "started_at",
        "due_at",
        "finished_at",
        "ended_by_return",
    )
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Dossier)
class DossierAdmin(ReadOnlyAdmin):
    list_display = ("code", "procedure", "applicant_name", "status", "receiving_agency", "due_at")
    list_filter = ("status", "channel")
    search_fields = ("code", "applicant_search")
    list_select_related = ("procedure", "receiving_agency")
    inlines = [StepInline]
