"""Signing in to the office and to the Django admin, with a limit on failed attempts.

Officials' accounts reach every dossier their roles cover, so their passwords must not be
guessed at machine speed. Failed attempts are counted per user name typed and per IP address
(SIGNIN_FAILURES_PER_USERNAME, SIGNIN_FAILURES_PER_IP per SIGNIN_FAILURE_WINDOW_MINUTES).
Once either count is reached, sign-in is refused without checking the password, even a right
one, until the window ends. The name is counted whether or not such an account exists and
the refusal reads the same for both, so neither the message nor the lock tells an outsider
which names are real. A successful sign-in clears its name's count, not the address's.
"""

from __future__ import annotations

import hashlib
import logging
import math

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

from motcua.lib import ratelimit

logger = logging.getLogger(__name__)

TOO_MANY_FAILURES = "too_many_failures"


def window_seconds() -> int:
    return settings.SIGNIN_FAILURE_WINDOW_MINUTES * 60


class FailedSignIns:
    """The two counts of failed sign-ins that concern one attempt."""

    def __init__(self, request, username: str):
        self.username = username.strip().casefold()
        self.ip = ratelimit.client_ip(request) if request is not None else ""
        self.window = window_seconds()

    def _limits(self):
        if self.username:
            yield "signin-username", self.username, settings.SIGNIN_FAILURES_PER_USERNAME
        if self.ip:
            yield "signin-ip", self.ip, settings.SIGNIN_FAILURES_PER_IP

    def locked(self) -> bool:
        return any(
            ratelimit.reached(scope, key, limit=limit, window=self.window)
            for scope, key, limit in self._limits()
        )

    def count_one(self) -> bool:
        """Count a failure on both keys; True when this failure reached a limit."""
        reached = False
        for scope, key, limit in self._limits():
            ratelimit.hit(scope, key, limit=limit, window=self.window)
            if ratelimit.reached(scope, key, limit=limit, window=self.window):
                reached = True
                logger.warning(
                    "Sign-in locked for %s minutes: %s failures from %s (%s)",
                    settings.SIGNIN_FAILURE_WINDOW_MINUTES,
                    limit,
                    scope,
                    # A hash, not the name: people sometimes type their password there.
                    key if scope == "signin-ip" else f"user name #{_digest(key)}",
                )
        return reached

    def clear_username(self) -> None:
        if self.username:
            ratelimit.reset("signin-username", self.username, window=self.window)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def too_many_failures_error() -> ValidationError:
    minutes = max(1, math.ceil(ratelimit.seconds_left(window_seconds()) / 60))
    return ValidationError(
        ngettext(
            "Đăng nhập không thành công quá nhiều lần. Để bảo vệ tài khoản, việc đăng nhập "
            "tạm dừng; hãy thử lại sau khoảng %(minutes)d phút.",
            "Đăng nhập không thành công quá nhiều lần. Để bảo vệ tài khoản, việc đăng nhập "
            "tạm dừng; hãy thử lại sau khoảng %(minutes)d phút.",
            minutes,
        )
        % {"minutes": minutes},
        code=TOO_MANY_FAILURES,
    )


class LimitedSignIn:
    """What a sign-in form adds to Django's: it refuses while too many failures are counted,
    and counts its own failures. Mixed into the office's form and the admin's, which share the
    counts: the accounts are the same, so alternating between the two pages gains nothing."""

    def clean(self):
        failures = FailedSignIns(self.request, self.cleaned_data.get("username") or "")
        if failures.locked():
            raise too_many_failures_error()
        try:
            cleaned = super().clean()
        except ValidationError as error:
            if error.code == "invalid_login" and failures.count_one():
                raise too_many_failures_error() from error
            raise
        failures.clear_username()
        return cleaned

    def refused_for_too_many_failures(self) -> bool:
        return self.has_error("__all__", TOO_MANY_FAILURES)


class OfficeSignInForm(LimitedSignIn, AuthenticationForm):
    """Django's sign-in form, refusing while too many failures are counted."""


class AdminSignInForm(LimitedSignIn, AdminAuthenticationForm):
    """The Django admin's sign-in form (staff accounts only), with the same limit. A right
    password on an account that is not staff is refused as a failure, and counted as one."""


def mark_refused(response, form):
    """A sign-in page shown again because of the limit answers 429 with Retry-After: scripts
    and monitoring see what happened, a person sees the form again with the message."""
    if form is not None and form.refused_for_too_many_failures():
        response.status_code = 429
        response["Retry-After"] = str(ratelimit.seconds_left(window_seconds()))
    return response
