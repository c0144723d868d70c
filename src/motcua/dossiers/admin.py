"""Dossiers are read-only in the admin: they change only through dossiers/services. The admin
shows only the dossiers the signed-in person may see as an official who handles dossiers
(selectors.visible_dossiers): a superuser or a system administrator without such a role sees
none, as in the office and the API. Every dossier the admin shows, in its list or its page, is a
read of personal data and is logged (events.PersonalDataAccess)."""

from django.contrib import admin
from django.contrib.admin.utils import unquote

from motcua.dossiers import selectors
from motcua.dossiers.models import Dossier, DossierStep
from motcua.events.services import log_personal_data_access, log_personal_data_reads
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

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(pk__in=selectors.visible_dossiers(request.user).values("pk"))
        )

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        log_personal_data_reads(
            request.user,
            list(changelist.result_list),  # evaluated once; the page reuses the rows
            context="admin:list",
            query=changelist.query,
        )
        return changelist

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            dossier = self.get_object(request, unquote(object_id))
            if dossier is not None:
                log_personal_data_access(request.user, dossier, context="admin:dossier")
        return response
