from django.contrib import admin

from motcua.agencies.models import Agency, Commune, Province, RoleGrant
from motcua.lib.admin import ReadOnlyAdmin


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")


@admin.register(Commune)
class CommuneAdmin(ReadOnlyAdmin):
    """The official list of communes (2025), loaded by a data migration and changed only by
    one: each worker caches the communes it has looked up (`selectors.commune_by_code`)."""

    list_display = ("code", "name", "kind", "province")
    list_filter = ("kind", "province")
    search_fields = ("code", "name", "search_text")


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "code",
        "kind",
        "parent",
        "receives_dossiers",
        "code_is_official",
        "is_active",
    )
    list_filter = ("kind", "receives_dossiers", "code_is_official", "is_active")
    search_fields = ("name", "short_name", "code", "search_text")
    autocomplete_fields = ("parent", "commune")
    readonly_fields = ("path", "depth")
    inlines = [RoleGrantInline]


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "agency", "includes_subtree", "title")
    list_filter = ("role", "includes_subtree")
    search_fields = ("user__username", "user__full_name", "agency__name", "agency__code")
    autocomplete_fields = ("user", "agency")
