from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import User


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
