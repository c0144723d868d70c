"""Signing in to the portal and out of it, for citizens and organisations.

For now an account signs in with its user name and password; signing in through the national
identity (VNeID) is not built yet, and the page says so. Failed attempts share the office's
records (accounts/signin_limits.py): the accounts are the same table, so trying a name on the
portal and then on the office page gains nothing. An official may sign in here too, but then
gives their second factor on the office's code page before any page opens
(accounts/official_sessions.py); the portal treats their account as a guest's
(applicant_session.citizen).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.urls import reverse
from django.utils.translation import gettext as _

from motcua.accounts.choices import AccountKind
from motcua.accounts.signin_limits import LimitedSignIn, mark_refused


class PortalSignInForm(LimitedSignIn, AuthenticationForm):
    """Django's sign-in form with the wait after repeated failures."""


class SignInView(auth_views.LoginView):
    template_name = "portal/signin.html"
    authentication_form = PortalSignInForm
    # Someone already signed in who follows a "Đăng nhập" link goes where it leads. No page
    # this sends to turns a signed-in person back here, so this cannot loop.
    redirect_authenticated_user = True

    def form_invalid(self, form):
        return mark_refused(super().form_invalid(form), form)

    def get_default_redirect_url(self):
        # `next` (checked by Django against this host and scheme) wins; this is the fallback.
        if self.request.user.kind == AccountKind.OFFICIAL:
            return reverse("portal:home")
        return reverse("portal:my_dossiers")


class SignOutView(auth_views.LogoutView):
    """POST only (Django's), behind the CSRF check; `next` is checked like sign-in's."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("Bạn đã đăng xuất."))
        return response

    def get_default_redirect_url(self):
        return reverse("portal:home")
