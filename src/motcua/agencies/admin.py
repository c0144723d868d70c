"""The agencies admin. Saving a role grant, deleting one and changing an agency's place in the
tree call agencies/services.py, so the admin's change log and the audit trail agree and the
outbox hears of it; the forms ask the same guards first (agencies/policies.py), so a refusal is
a message on the field, not an error page."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from motcua.accounts.choices import AccountKind
from motcua.agencies import (
    calendar_admin,  # noqa: F401  (registers the calendar overrides page)
    policies,
    services,
)
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


class RoleGrantForm(forms.ModelForm):
    """A role grant as the admin edits it; `actor` is set per request (see `with_actor`)."""

    actor = None

    class Meta:
        model = RoleGrant
        fields = ("user", "agency", "role", "includes_subtree", "title")

    def clean(self):
        cleaned = super().clean()
        user, agency = cleaned.get("user"), cleaned.get("agency")
        if agency is None and self.instance.agency_id:
            agency = self.instance.agency
        if user is not None and user.kind != AccountKind.OFFICIAL:
            self.add_error("user", gettext("Chỉ tài khoản cán bộ, công chức mới được cấp vai trò."))
        if agency and agency.pk and self.has_changed():
            refusal = policies.refuse_role_change(
                self.actor, agency, includes_subtree=bool(cleaned.get("includes_subtree"))
            )
            if refusal is None and self.instance.pk:
                original = RoleGrant.objects.filter(pk=self.instance.pk).first()
                if original is not None:
                    refusal = policies.refuse_role_change(
                        self.actor, original.agency, includes_subtree=original.includes_subtree
                    )
            if refusal:
                raise ValidationError(refusal)
        return cleaned


def with_actor(form_class, request):
    return type(form_class.__name__, (form_class,), {"actor": request.user})


def save_grant(request, grant: RoleGrant) -> RoleGrant:
    """Grant (or change) through the services; a grant whose user, agency or role changed is
    the old one revoked and a new one granted."""
    if grant.pk:
        original = RoleGrant.objects.select_related("agency", "user").get(pk=grant.pk)
        same = (original.user_id, original.agency_id, original.role) == (
            grant.user_id,
            grant.agency_id,
            grant.role,
        )
        if not same:
            services.revoke_role(original, actor=request.user)
    saved = services.grant_role(
        user=grant.user,
        agency=grant.agency,
        role=grant.role,
        includes_subtree=grant.includes_subtree,
        title=grant.title,
        actor=request.user,
    )
    grant.pk = saved.pk
    return saved


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    form = RoleGrantForm
    extra = 0
    autocomplete_fields = ("user",)

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = with_actor(self.form, request)
        return super().get_formset(request, obj, **kwargs)


class AgencyForm(forms.ModelForm):
    """The agency's form; the admin gives it its fields and `actor` (see `with_actor`)."""

    actor = None

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and "parent" in self.changed_data and "parent" in cleaned:
            original = Agency.objects.get(pk=self.instance.pk)
            refusal = policies.refuse_move(self.actor, original, cleaned["parent"])
            if refusal:
                self.add_error("parent", refusal)
        return cleaned


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    form = AgencyForm
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

    def get_form(self, request, obj=None, change=False, **kwargs):
        return with_actor(super().get_form(request, obj, change, **kwargs), request)

    def save_model(self, request, obj, form, change):
        """A new place in the tree is a move, made by the service after the other fields are
        saved in the old place (all in the admin's one transaction)."""
        if change and "parent" in form.changed_data:
            new_parent = obj.parent
            obj.parent = Agency.objects.get(pk=obj.pk).parent
            super().save_model(request, obj, form, change)
            services.move_agency(obj, new_parent, actor=request.user)
        else:
            super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        """An agency's role grants go with it: each is revoked through the service first, so
        the audit trail and the outbox hear of it."""
        for grant in obj.role_grants.select_related("user", "agency"):
            services.revoke_role(grant, actor=request.user)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for agency in queryset:
            self.delete_model(request, agency)

    def save_formset(self, request, form, formset, change):
        if formset.model is not RoleGrant:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)
        for grant in formset.deleted_objects:
            services.revoke_role(grant, actor=request.user)
        for grant in formset.new_objects:
            save_grant(request, grant)
        for grant, _fields in formset.changed_objects:
            save_grant(request, grant)
        return None


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin):
    form = RoleGrantForm
    list_display = ("user", "role", "agency", "includes_subtree", "title")
    list_filter = ("role", "includes_subtree")
    search_fields = ("user__username", "user__full_name", "agency__name", "agency__code")
    autocomplete_fields = ("user", "agency")

    def get_form(self, request, obj=None, change=False, **kwargs):
        return with_actor(super().get_form(request, obj, change, **kwargs), request)

    def save_model(self, request, obj, form, change):
        save_grant(request, obj)

    def delete_model(self, request, obj):
        services.revoke_role(obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for grant in queryset.select_related("agency", "user"):
            services.revoke_role(grant, actor=request.user)
