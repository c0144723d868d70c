"""Officials' second factor: a time-based code (TOTP) from an authenticator app, and recovery
codes for the day the phone is lost (django-otp's TOTP and static devices).

Who needs it: every active account that holds a role on an agency (agencies.RoleGrant), and
every staff or superuser account (they reach the admin). They sign in with their password,
then with a code; an official who has no authenticator yet sets one up on first sign-in (a QR
code to scan, a code to confirm) and is shown RECOVERY_CODES recovery codes once. A recovery
code works once. An administrator who deletes an official's devices in the admin makes them
set up a new one at their next sign-in.

The sessions of such accounts are official sessions (official_sessions.py): they end when the
browser closes and after OFFICIAL_SESSION_HOURS.

In the demo every official's authenticator has one fixed, published secret (DEMO_TOTP_KEY), so
that anyone trying the demo can pass the step; with DEMO_MODE on, the code page shows the
current code for such accounts. Never load demo accounts into a real deployment.
"""

from __future__ import annotations

import re
import time
from base64 import b32encode
from binascii import unhexlify

import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
# The demo's published secret, hex (20 bytes): in an authenticator app it reads
# GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ, the base32 of "12345678901234567890".
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"
DEMO_TOTP_KEY_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
TOTP_NAME = "Ứng dụng xác thực"
RECOVERY_NAME = "Mã dự phòng"


def needs_second_factor(user) -> bool:
    """Whether `user` signs in with a second factor: an active official with a role, or an
    account that reaches the admin."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_staff or user.is_superuser or user.role_grants.exists()


def is_verified(user) -> bool:
    """Whether this request's user passed the second factor in this session (set by
    django-otp's middleware)."""
    check = getattr(user, "is_verified", None)
    return bool(check is not None and check())


def authenticator(user, *, confirmed: bool = True) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=confirmed).order_by("pk").first()


def start_enrolment(user) -> TOTPDevice:
    """The authenticator being set up: the same unconfirmed one until it is confirmed, so
    reloading the page does not change the QR code already scanned."""
    device = authenticator(user, confirmed=False)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def secret_for_typing(device: TOTPDevice) -> str:
    """The secret as an authenticator app asks for it when it cannot scan: base32, in groups."""
    text = b32encode(unhexlify(device.key)).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address of the device as an inline SVG QR code."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#000", light="#fff")


def _digits(code: str) -> str:
    return re.sub(r"\s", "", code or "")


def _recovery(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def confirm_enrolment(device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm `device` with a code it shows; returns the new recovery codes (to show once),
    or None when the code is wrong."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if not device.verify_token(_digits(code)):
            return None  # the throttle's count of the failure is kept: nothing was raised
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return new_recovery_codes(device.user)


def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with RECOVERY_CODES new ones."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return [f"{code[:4]}-{code[4:]}" for code in codes]


class Refusal(Exception):
    """A code refused, with the message to show."""


def verify(user, code: str, *, now=None):
    """The device that accepts `code` (a 6-digit code from the authenticator, or a recovery
    code, used up by this), or Refusal. Each device slows down after failures (django-otp's
    throttling: 1, 2, 4… seconds)."""
    typed = _digits(code)
    if re.fullmatch(r"\d{6}", typed):
        model, token = TOTPDevice, typed
    elif re.fullmatch(r"[a-z2-7]{8}", _recovery(code)):
        model, token = StaticDevice, _recovery(code)
    else:
        raise Refusal(_("Hãy nhập mã 6 chữ số trên ứng dụng xác thực, hoặc một mã dự phòng."))
    # The failure is counted inside the transaction (django-otp's throttle), so the refusal
    # is raised after it, never through it.
    with transaction.atomic():
        device = (
            model.objects.devices_for_user(user, confirmed=True)
            .select_for_update()
            .order_by("pk")
            .first()
        )
        allowed, info = device.verify_is_allowed() if device else (True, None)
        accepted = allowed and device is not None and device.verify_token(token)
    if not allowed:
        left = (info["locked_until"] - (now or timezone.now())).total_seconds()
        raise Refusal(
            _("Đã nhập sai mã nhiều lần. Hãy chờ %(seconds)d giây rồi thử lại.")
            % {"seconds": max(1, int(left + 0.999))}
        )
    if not accepted:
        raise Refusal(_("Mã không đúng."))
    return device


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def code_now(device: TOTPDevice, *, at: float | None = None) -> str | None:
    """The code `device` would accept now (the next time step when this one was used), or
    None if none until the next step. For the demo's code page and for tests."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    current = totp.t()
    for offset in range(device.tolerance + 1):
        if current + offset > device.last_t:
            totp.drift = device.drift + offset
            return f"{totp.token():0{device.digits}d}"
    return None


def demo_code(user) -> str | None:
    """The current code of a demo official (their authenticator has the published demo
    secret), only while the demo configuration is on."""
    if not settings.DEMO_MODE:
        return None
    device = authenticator(user)
    if device is None or device.key != DEMO_TOTP_KEY:
        return None
    return code_now(device)


def mark_verified(session, device) -> None:
    """Record in `session` that its user passed the second factor with `device` (what
    django_otp.login does, on the session alone so tests can use it too)."""
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
