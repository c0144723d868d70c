"""Signing in and out, and the home page that lists the official's queues."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from motcua.accounts import signin
from motcua.accounts.signin import OfficeSignInForm
from motcua.office import queues
from motcua.office.access import official_required, official_roles, role_names
from motcua.workdays.services import get_calendar


class LoginView(auth_views.LoginView):
    template_name = "office/login.html"
    authentication_form = OfficeSignInForm

    def form_invalid(self, form):
        return signin.mark_refused(super().form_invalid(form), form)

    def get_default_redirect_url(self):
        return reverse("office:home")


class LogoutView(auth_views.LogoutView):
    def get_default_redirect_url(self):
        return reverse("office:login")


@require_safe
@official_required
def home(request):
    now = timezone.now()
    calendar = get_calendar()
    roles = role_names(request)
    mine = [
        (queue, queues.count(queue, request.user, calendar=calendar, now=now))
        for queue in queues.queues_for(roles)
    ]
    return render(
        request,
        "office/home.html",
        {"queues": mine, "grants": official_roles(request), "roles": roles},
    )
