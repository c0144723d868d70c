"""A pytest plugin loaded early (`-p motcua.testing` in pyproject.toml) so that the environment
is set before pytest-django imports the settings."""

import os
import tempfile
import time

import pytest

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-" + "x" * 40)
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ.setdefault("DEMO_MODE", "1")
os.environ.setdefault("AUDIT_HMAC_KEY", "test-only-audit-key-" + "x" * 20)
os.environ.setdefault("LOOKUP_SECRET_KEY", "test-only-lookup-key-" + "x" * 20)
os.environ.setdefault("PAYMENT_NATIONAL_SECRET", "test-only-national-payment-" + "x" * 20)
os.environ.setdefault("PAYMENT_PROVINCIAL_SECRET", "test-only-provincial-payment-" + "x" * 20)
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("STATIC_MANIFEST", "0")
# Uploaded files of the test run go to a scratch folder, never into the working tree nor into
# a MEDIA_ROOT exported in the shell: tests write files, and the orphan sweep's test deletes
# files that no row of the test database points at.
os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="motcua-test-media-")
os.environ["STATIC_ROOT"] = tempfile.mkdtemp(prefix="motcua-test-static-")
# Nor a read replica exported in the shell: the tests' databases are made by the test run, and
# the replica's tests (tests/test_replica.py) make a second database of their own.
os.environ.pop("REPLICA_DATABASE_URL", None)


def authenticator_for(user):
    """The user's confirmed authenticator (a TOTP device), made on first use with the demo's
    published secret, so a test can type `second_factor.code_now(device)` as a person would."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from motcua.accounts import second_factor

    device = second_factor.authenticator(user)
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=second_factor.TOTP_NAME, key=second_factor.DEMO_TOTP_KEY
        )
    return device


def sign_in_official(client, user):
    """Sign `user` in on a test client as after both sign-in steps: the password (Django's
    force_login) and the second factor (the session records the device that passed it, as the
    code page does). Officials' tests use this instead of `client.force_login`, which leaves
    an official's session waiting for its code. Returns the client."""
    from motcua.accounts import second_factor

    client.force_login(user)
    session = client.session
    second_factor.mark_verified(session, authenticator_for(user))
    session.save()
    return client


def give_code(client, user, next_url: str | None = None):
    """The second sign-in step through its page, as a person gives it: the code `user`'s
    authenticator shows now. Returns the page's answer."""
    from django.urls import reverse

    from motcua.accounts.second_factor import code_now

    data = {"code": code_now(authenticator_for(user))}
    if next_url is not None:
        data["next"] = next_url
    return client.post(reverse("office:second_factor"), data)


@pytest.fixture
def pinned_rate_windows(monkeypatch):
    """Fixed-window rate limits (lib/ratelimit.py) cut their windows from the wall clock, so a
    test that runs across a minute's or an hour's boundary sees its counts start again. Pin
    the clock they are cut from in the middle of the hour."""
    from motcua.lib import ratelimit

    pinned = time.time() // 3600 * 3600 + 1800
    monkeypatch.setattr(ratelimit, "_now", lambda: pinned)
    return pinned
