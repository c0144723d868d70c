"""The sign-in forms of the office and of the Django admin.

Both are Django's, with the wait after repeated failures of accounts/signin_limits.py: failures
are counted per (user name, address) pair, shared by the office, the portal and the admin (the
accounts are the same). An official's password is only the first step: the second factor and
the end of official sessions live in accounts/second_factor.py and
accounts/official_sessions.py, the code pages in office/views/auth.py.
"""

from __future__ import annotations

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm

from motcua.accounts.signin_limits import LimitedSignIn, mark_refused

__all__ = ["AdminSignInForm", "OfficeSignInForm", "mark_refused"]


class OfficeSignInForm(LimitedSignIn, AuthenticationForm):
    """Django's sign-in form, with the wait after repeated failures."""


class AdminSignInForm(LimitedSignIn, AdminAuthenticationForm):
    """The Django admin's sign-in form (staff accounts only), with the same wait. A right
    password on an account that is not staff is refused as a failure, and counted as one."""
