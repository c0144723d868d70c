from django.contrib import admin

from motcua.events.models import AuditEvent, Delivery, ReferenceAuditEvent
from motcua.lib.admin import ReadOnlyAdmin


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("dossier", "seq", "at", "actor_name", "action", "from_status", "to_status")
    list_filter = ("action",)
    list_select_related = ("dossier",)


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ("event", "consumer", "status", "attempts", "next_attempt_at", "last_error")
    list_filter = ("status", "consumer")


@admin.register(ReferenceAuditEvent)
class ReferenceAuditEventAdmin(ReadOnlyAdmin):
    """Changes to roles, the agency tree, the catalog and the calendar, as sealed."""

    list_display = ("seq", "at", "actor_name", "action", "subject_type", "subject_key")
    list_filter = ("action", "subject_type")
    search_fields = ("subject_key", "actor_name")
