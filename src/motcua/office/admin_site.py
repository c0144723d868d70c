"""The Django admin's site: Django's own, with the office's wait after failed sign-ins and the
officials' second factor.

Catalog administrators and other staff sign in to /admin/ with the same accounts as to the
office, and a staff account can change the agencies, roles and the catalog: its password must
not be guessed at machine speed, and a password alone does not open the admin. A staff
account's session is an official's (accounts/official_sessions.py): after the password it is
sent to the office's code page, and only a session that passed it has permission here. The
site is installed as the default admin site (office/admin_apps.py, named in INSTALLED_APPS),
so every `admin.site.register` and `@admin.register` uses it unchanged.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from motcua.accounts.second_factor import is_verified
from motcua.accounts.signin import AdminSignInForm, mark_refused


class MotcuaAdminSite(admin.AdminSite):
    login_form = AdminSignInForm

    def has_permission(self, request):
        return super().has_permission(request) and is_verified(request.user)

    @method_decorator(never_cache)
    @method_decorator(login_not_required)
    def login(self, request, extra_context=None):
        """Django's admin sign-in; shown again with a wait, it answers 429 with Retry-After,
        as the office's does."""
        response = super().login(request, extra_context)
        context = getattr(response, "context_data", None) or {}
        return mark_refused(response, context.get("form"))
