"""Signing in and out, the second factor's pages, and the home page that lists the official's
queues.

Signing in is two steps for officials (accounts/second_factor.py): the password, on this
office's page, the portal's or the admin's, then a code on the code page here. An official with
no authenticator yet sets one up first (the enrolment page), and sees their recovery codes once.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from motcua.accounts import second_factor, signin
from motcua.accounts.official_sessions import OFFICIAL_SINCE, start
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


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã xác thực"),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )


def _next(request) -> str:
    """Where to go once the code is given: `next` if it is an address of this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("office:home")


def _with_next(name: str, target: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': target})}"


def _step_guard(request):
    """The answer for a request that has nothing to do on the code pages, or None."""
    user = request.user
    if not second_factor.needs_second_factor(user):
        return redirect(_next(request))
    if second_factor.is_verified(user):
        return redirect(_next(request))
    if OFFICIAL_SINCE not in request.session:
        start(request.session)
    return None


def _verified(request, device) -> None:
    """The second factor is passed: a new session key (the session gained a right), and the
    device recorded in it (django-otp's middleware reads it)."""
    request.session.cycle_key()
    second_factor.mark_verified(request.session, device)


@never_cache
@login_required(login_url="office:login")
@require_http_methods(["GET", "POST"])
def second_factor_view(request):
    if (answer := _step_guard(request)) is not None:
        return answer
    user = request.user
    if second_factor.authenticator(user) is None:
        return redirect(_with_next("office:enrol", _next(request)))
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            device = second_factor.verify(user, form.cleaned_data["code"])
        except second_factor.Refusal as refusal:
            form.add_error("code", str(refusal))
            status = 400
        else:
            _verified(request, device)
            return redirect(_next(request))
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "office/second_factor.html",
        {
            "form": form,
            "next": _next(request),
            "demo_code": second_factor.demo_code(user),
            "demo_secret": second_factor.DEMO_TOTP_KEY_BASE32 if settings.DEMO_MODE else "",
            "recovery_left": second_factor.recovery_codes_left(user),
        },
        status=status,
    )


@never_cache
@login_required(login_url="office:login")
@require_http_methods(["GET", "POST"])
def enrol(request):
    if (answer := _step_guard(request)) is not None:
        return answer
    user = request.user
    if second_factor.authenticator(user) is not None:
        # Replacing an authenticator takes an administrator (deleting the old one), never a
        # password alone.
        return redirect(_with_next("office:second_factor", _next(request)))
    device = second_factor.start_enrolment(user)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        codes = second_factor.confirm_enrolment(device, form.cleaned_data["code"])
        if codes is not None:
            device.refresh_from_db()
            _verified(request, device)
            # Shown here, once: the codes are in this answer only (Cache-Control: no-store).
            return render(
                request,
                "office/recovery_codes.html",
                {"codes": codes, "next": _next(request)},
            )
        form.add_error("code", _("Mã không đúng. Hãy nhập mã đang hiện trên ứng dụng."))
        status = 400
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "office/enrol.html",
        {
            "form": form,
            "next": _next(request),
            "qr_svg": second_factor.qr_svg(device),
            "secret": second_factor.secret_for_typing(device),
        },
        status=status,
    )


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
