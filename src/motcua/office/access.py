"""Who may open the office's screens: a signed-in, active official holding at least one role.

Anonymous visitors are sent to the sign-in page; a signed-in account without any role (a
citizen, a retired official) gets a 403 page saying so. What an official may then see and do
is decided by the dossiers' selectors and services, never here.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from motcua.agencies.selectors import roles_of


def official_roles(request) -> list:
    """The user's role grants (with their agencies), read once per request."""
    if not hasattr(request, "_office_roles"):
        user = request.user
        request._office_roles = roles_of(user) if user.is_authenticated and user.is_active else []
    return request._office_roles


def role_names(request) -> set[str]:
    if request.user.is_superuser:
        from motcua.agencies.choices import Role

        return set(Role.values)
    return {grant.role for grant in official_roles(request)}


def forbidden(request, message: str):
    return render(request, "office/forbidden.html", {"message": message}, status=403)


def official_required(view):
    """Only officials with a role (or superusers) reach `view`."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("office:login"))
        if not user.is_active or not (user.is_superuser or official_roles(request)):
            return forbidden(
                request,
                _(
                    "Tài khoản của bạn chưa được giao vai trò cán bộ nào, nên chưa dùng được "
                    "các màn hình xử lý hồ sơ. Hãy liên hệ quản trị hệ thống."
                ),
            )
        return view(request, *args, **kwargs)

    return wrapper
