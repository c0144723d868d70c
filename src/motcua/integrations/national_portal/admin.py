"""The mapping tables in the admin site. Saving goes through mapping.py's services (policy,
reference-data audit, outbox event, release of held deliveries); rows are not deleted here: a
status or channel row falls back to its default when set back to it, a procedure's row is
what lets its dossiers be sent."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied

from motcua.dossiers.errors import DossierError
from motcua.integrations.national_portal import mapping
from motcua.integrations.national_portal.outbound_models import (
    ChannelMapping,
    ProcedureMapping,
    StatusMapping,
)


class MappingAdmin(admin.ModelAdmin):
    readonly_fields = ("updated_at", "updated_by")

    def has_module_permission(self, request):
        return mapping.refuse_mapping_change(request.user) is None

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        try:
            self.save_through_service(request, obj)
        except DossierError as exc:
            if exc.status == 403:
                raise PermissionDenied(exc.message) from exc
            messages.error(request, exc.message)

    def save_through_service(self, request, obj):
        raise NotImplementedError


@admin.register(ProcedureMapping)
class ProcedureMappingAdmin(MappingAdmin):
    list_display = ("procedure", "national_procedure_code", "national_service_code", "updated_at")
    search_fields = ("procedure__code", "procedure__name", "national_procedure_code")
    autocomplete_fields = ("procedure",)

    def save_through_service(self, request, obj):
        saved = mapping.set_procedure_mapping(
            obj.procedure,
            actor=request.user,
            national_procedure_code=obj.national_procedure_code,
            national_service_code=obj.national_service_code,
        )
        obj.pk = saved.pk


@admin.register(StatusMapping)
class StatusMappingAdmin(MappingAdmin):
    list_display = ("local", "national_code", "updated_at")

    def save_through_service(self, request, obj):
        saved = mapping.set_status_mapping(
            obj.local, actor=request.user, national_code=obj.national_code
        )
        obj.pk = saved.pk


@admin.register(ChannelMapping)
class ChannelMappingAdmin(MappingAdmin):
    list_display = ("channel", "national_code", "updated_at")

    def save_through_service(self, request, obj):
        saved = mapping.set_channel_mapping(
            obj.channel, actor=request.user, national_code=obj.national_code
        )
        obj.pk = saved.pk
