"""The tariff and the communes' zones, edited by a province-wide system administrator; every
save and delete goes through the audited services (delivery/services.py). Postal orders are
shown read-only: they change only through the operator's adapter."""

from django.contrib import admin
from django.core.exceptions import ValidationError

from motcua.delivery import policies, services
from motcua.delivery.models import CommuneZone, PostalOrder, Tariff, TrackingUpdate
from motcua.dossiers.errors import DossierError


class _ReferenceAdmin(admin.ModelAdmin):
    def _may_change(self, request) -> bool:
        return policies.can_edit_tariffs(request.user) is None

    def has_add_permission(self, request):
        return super().has_add_permission(request) and self._may_change(request)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_change(request)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_change(request)

    def delete_queryset(self, request, queryset):
        for obj in list(queryset):
            self.delete_model(request, obj)


@admin.register(Tariff)
class TariffAdmin(_ReferenceAdmin):
    list_display = ("service", "zone", "max_weight_grams", "price", "updated_at")
    list_filter = ("service", "zone")
    readonly_fields = ("updated_at",)
    fields = ("service", "zone", "max_weight_grams", "price", "updated_at")

    def get_readonly_fields(self, request, obj=None):
        # A row is identified by its zone, service and weight class: change its price only.
        if obj is not None:
            return ("service", "zone", "max_weight_grams", "updated_at")
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        try:
            saved = services.set_tariff(
                actor=request.user,
                zone=obj.zone,
                service=obj.service,
                max_weight_grams=obj.max_weight_grams,
                price=obj.price,
            )
        except DossierError as exc:
            raise ValidationError(exc.message) from exc
        obj.pk, obj.updated_at = saved.pk, saved.updated_at

    def delete_model(self, request, obj):
        services.delete_tariff(obj, actor=request.user)


@admin.register(CommuneZone)
class CommuneZoneAdmin(_ReferenceAdmin):
    list_display = ("commune", "zone", "updated_at")
    list_filter = ("zone", "commune__province")
    search_fields = ("commune__name", "commune__code")
    autocomplete_fields = ("commune",)
    readonly_fields = ("updated_at",)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            return ("commune", "updated_at")
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        saved = services.assign_zone(actor=request.user, commune=obj.commune, zone=obj.zone)
        obj.updated_at = saved.updated_at

    def delete_model(self, request, obj):
        services.unassign_zone(obj, actor=request.user)


class TrackingUpdateInline(admin.TabularInline):
    model = TrackingUpdate
    extra = 0
    can_delete = False
    readonly_fields = ("event_id", "status", "at", "received_at", "applied", "note")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PostalOrder)
class PostalOrderAdmin(admin.ModelAdmin):
    list_display = ("reference", "service", "status", "zone", "agency", "created_at")
    list_filter = ("service", "status", "zone")
    search_fields = ("reference", "operator_order_id")
    inlines = [TrackingUpdateInline]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).filter(agency__in=policies.order_agencies(request.user))
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
