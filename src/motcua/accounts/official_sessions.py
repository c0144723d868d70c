"""Officials' sessions: a second factor before anything else, and an end.

A session becomes an official's when an account that needs a second factor
(second_factor.needs_second_factor) signs in, at any door: the office, the portal or the admin.
From then on:

- **Until the code is given**, every page of the site sends the official to the code page (or
  to set up an authenticator), keeping where they were going; only the sign-in, sign-out and
  code pages, the language switch and static files are reached meanwhile. The API answers such
  a session as if nobody were signed in (api/auth.py).
- **It ends when the browser closes**: the session cookie has no expiry date.
- **It ends OFFICIAL_SESSION_HOURS after the password was given** (8 by default: a working
  day), however active the official is; the next request signs them out and sends them to the
  office's sign-in page with a message. These are hours of the clock, not working hours: a
  session opened on Friday afternoon must not stay open over the weekend.

An account that gets a role while signed in is caught at the office's and the admin's doors:
its session becomes an official's there.
"""

from __future__ import annotations

import functools
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY

from motcua.accounts.second_factor import is_verified, needs_second_factor

OFFICIAL_SINCE = "motcua_official_since"

# The pages of the sign-in steps (URL names): reached by a session whose code is still due.
STEP_PAGE = "office:second_factor"
SIGN_IN_PAGE = "office:login"
OPEN_DURING_STEP = (
    "office:second_factor",
    "office:enrol",
    "office:login",
    "office:logout",
    "portal:login",
    "portal:logout",
    "admin:login",
    "admin:logout",
    "set_language",
    "healthz",
)
# Where an account with a role is caught even if its session did not start as an official's.
OFFICIAL_DOORS = ("office:home", "admin:index")


def start(session, *, now: float | None = None) -> None:
    """Make `session` an official's: it ends with the browser and after the set hours."""
    session[OFFICIAL_SINCE] = time.time() if now is None else now
    session.set_expiry(0)


def expired(session, *, now: float | None = None) -> bool:
    since = session.get(OFFICIAL_SINCE)
    if since is None:
        return False
    elapsed = (time.time() if now is None else now) - float(since)
    return elapsed >= settings.OFFICIAL_SESSION_HOURS * 3600


@receiver(user_logged_in, dispatch_uid="motcua-official-session")
def _on_sign_in(sender, request, user, **kwargs):
    """A password given again in a session that had passed the code asks for the code again:
    otherwise a password alone would restart the session's hours."""
    if request is not None and hasattr(request, "session") and needs_second_factor(user):
        request.session.pop(DEVICE_ID_SESSION_KEY, None)
        start(request.session)


@functools.cache
def _paths(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(reverse(name) for name in names)


class OfficialSessionMiddleware:
    """After django-otp's middleware: ends official sessions that are over and sends those
    whose code is still due to the code page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.check(request) or self.get_response(request)

    def check(self, request):
        session = getattr(request, "session", None)
        if session is None:
            return None
        path = request.path_info
        api = path.startswith("/api/")
        if OFFICIAL_SINCE not in session:
            # A session that holds nothing of an official's: a visitor or a citizen, unless an
            # account got a role while signed in and now knocks on the office or the admin.
            user = request.user
            if not (user.is_authenticated and path.startswith(_paths(OFFICIAL_DOORS))):
                return None
            if is_verified(user) or not needs_second_factor(user):
                return None
            start(session)
        user = request.user
        if not user.is_authenticated:
            return None
        if expired(session):
            logout(request)
            if api:
                return None
            messages.info(
                request,
                _("Phiên làm việc đã kết thúc sau %(hours)d giờ. Hãy đăng nhập lại.")
                % {"hours": settings.OFFICIAL_SESSION_HOURS},
            )
            return redirect_to_login(request.get_full_path(), reverse(SIGN_IN_PAGE))
        if api or is_verified(user):
            return None
        if path in _paths(OPEN_DURING_STEP) or path.startswith(settings.STATIC_URL):
            return None
        return redirect_to_login(request.get_full_path(), reverse(STEP_PAGE))
