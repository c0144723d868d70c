"""Failed sign-ins make the next try wait, per user name and address together.

Passwords must not be guessed at machine speed, and nobody must be able to lock an official
out by typing their name wrongly on purpose. So failures are counted per *pair*: the user name
typed (letter case ignored) and the client's address. The first SIGNIN_FREE_FAILURES failures
of a pair cost nothing; after that, each further try of that pair must wait, first
SIGNIN_DELAY_SECONDS, then twice as long after each new failure, up to SIGNIN_DELAY_MAX_SECONDS.
A try during the wait is refused without checking the password, and is not counted. The record
of a pair lapses SIGNIN_FAILURE_MEMORY_HOURS after its last failure; a successful sign-in
clears it.

What this buys: failures from one address never slow down the same name at another address,
nor another name at the same address (a one-stop shop's officials often share one), so the
right password is never refused because of someone else's failures. A guesser with many
addresses gets a few tries per address; against that the officials' second factor
(second_factor.py) is the defence, and a warning is logged for every pair that starts waiting.
Names are counted whether an account exists or not, with the same answer, so the waits tell
nobody which names are real.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

from motcua.lib import ratelimit

logger = logging.getLogger(__name__)

MUST_WAIT = "must_wait"
SCOPE = "signin"


def wait_after(failures: int) -> int:
    """Seconds a pair must wait after `failures` failures in a row."""
    free = settings.SIGNIN_FREE_FAILURES
    if failures < free:
        return 0
    # 2 ** n grows past any cap quickly; stop doubling once the cap is reached.
    doublings = min(failures - free, 32)
    return min(settings.SIGNIN_DELAY_SECONDS * 2**doublings, settings.SIGNIN_DELAY_MAX_SECONDS)


class SignInThrottle:
    """The failure record of one (user name, address) pair."""

    def __init__(self, username: str, ip: str):
        self.username = (username or "").strip().casefold()
        self.ip = ip or ""
        self.key = f"{self.username}\n{self.ip}"

    @classmethod
    def for_request(cls, request, username: str) -> SignInThrottle:
        return cls(username, ratelimit.client_ip(request) if request is not None else "")

    def seconds_to_wait(self, *, now: float | None = None) -> int:
        """0 when the pair may try now, else the whole seconds left to wait."""
        if not self.username:
            return 0
        count, last = ratelimit.failures(SCOPE, self.key)
        left = last + wait_after(count) - (time.time() if now is None else now)
        return max(0, math.ceil(left))

    def count_failure(self, *, now: float | None = None) -> int:
        """Count a failure; returns the seconds the pair must now wait (0: none yet)."""
        if not self.username:
            return 0
        at = time.time() if now is None else now
        keep = settings.SIGNIN_FAILURE_MEMORY_HOURS * 3600
        count = ratelimit.add_failure(SCOPE, self.key, at=at, keep=keep)
        wait = wait_after(count)
        if wait:
            logger.warning(
                "Sign-in slowed down: %s failures in a row for user name #%s from %s, next "
                "try in %s s",
                count,
                # A hash, not the name: people sometimes type their password there.
                _digest(self.username),
                self.ip or "?",
                wait,
            )
        return wait

    def clear(self) -> None:
        if self.username:
            ratelimit.forget(SCOPE, self.key)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def wait_error(seconds: int) -> ValidationError:
    if seconds >= 120:
        minutes = math.ceil(seconds / 60)
        wait = ngettext("%(count)d phút", "%(count)d phút", minutes) % {"count": minutes}
    else:
        wait = ngettext("%(count)d giây", "%(count)d giây", seconds) % {"count": seconds}
    error = ValidationError(
        ngettext(
            # The plural form follows the seconds; the sentence is the same in Vietnamese.
            "Đăng nhập với tên này không thành công nhiều lần. Để bảo vệ tài khoản, hãy chờ "
            "%(wait)s rồi thử lại.",
            "Đăng nhập với tên này không thành công nhiều lần. Để bảo vệ tài khoản, hãy chờ "
            "%(wait)s rồi thử lại.",
            seconds,
        )
        % {"wait": wait},
        code=MUST_WAIT,
        params={"seconds": seconds},
    )
    return error


class LimitedSignIn:
    """What a sign-in form adds to Django's: a pair that must wait is refused before its
    password is checked, and a wrong password is counted. Mixed into the office's, the portal's
    and the admin's forms, which share the records (the accounts are the same)."""

    def clean(self):
        throttle = SignInThrottle.for_request(self.request, self.cleaned_data.get("username"))
        self.seconds_to_wait = throttle.seconds_to_wait()
        if self.seconds_to_wait:
            raise wait_error(self.seconds_to_wait)
        try:
            cleaned = super().clean()
        except ValidationError as error:
            if error.code == "invalid_login":
                self.seconds_to_wait = throttle.count_failure()
                if self.seconds_to_wait:
                    raise ValidationError([error, wait_error(self.seconds_to_wait)]) from error
            raise
        throttle.clear()
        return cleaned

    def must_wait(self) -> bool:
        return self.has_error("__all__", MUST_WAIT)


def mark_refused(response, form):
    """A sign-in page shown again with a wait answers 429 with Retry-After: scripts and
    monitoring see what happened, a person sees the form again with the message."""
    if form is not None and hasattr(form, "must_wait") and form.must_wait():
        response.status_code = 429
        response["Retry-After"] = str(max(1, form.seconds_to_wait))
    return response
