from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from motcua.accounts.apiclients import refuse_client_change, set_rate_limit
from motcua.accounts.models import ApiClient, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "full_name", "kind", "personal_id", "email", "is_staff")
    list_filter = ("kind", "is_staff", "is_active")
    search_fields = ("username", "full_name", "personal_id", "tax_code", "email", "phone")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (
            _("Thông tin định danh"),
            {
                "fields": (
                    "kind",
                    "full_name",
                    "phone",
                    "personal_id",
                    "tax_code",
                    "organisation_name",
                    "identity_subject",
                )
            },
        ),
    )


class ApiClientForm(forms.ModelForm):
    """Only the rate limit is changed here; the admin gives the form its `actor`."""

    actor = None

    class Meta:
        model = ApiClient
        fields = ("rate_limit",)

    def clean(self):
        cleaned = super().clean()
        refusal = refuse_client_change(self.actor, self.instance)
        if refusal:
            raise forms.ValidationError(refusal)
        return cleaned


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    """API clients are made with `manage.py create_api_client` (the key is shown once there);
    here administrators see them and set each one's rate limit (audited)."""

    form = ApiClientForm
    list_display = ("name", "agency", "is_active", "rate_limit_shown", "last_used_at")
    list_filter = ("is_active",)
    search_fields = ("name", "agency__name", "agency__code")
    list_select_related = ("agency",)
    readonly_fields = ("name", "agency", "scopes", "key_prefix", "is_active", "last_used_at")
    fields = (*readonly_fields, "rate_limit")

    @admin.display(description=_("giới hạn số yêu cầu"))
    def rate_limit_shown(self, obj):
        if obj.rate_limit:
            return obj.rate_limit
        return _("mặc định (%(limit)d)") % {"limit": settings.API_CLIENT_RATE_LIMIT}

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"actor": request.user})

    def save_model(self, request, obj, form, change):
        set_rate_limit(obj, form.cleaned_data["rate_limit"], actor=request.user)
