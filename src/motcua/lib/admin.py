"""Admin helpers shared by apps."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """For rows that change only through services (dossiers, audit events): visible in the
    admin, never added, edited or deleted there."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
