"""Subscriptions' secrets are sealed under WEBHOOK_SECRET_KEY and opened after a rotation by
the fallbacks, and by nothing else."""

from __future__ import annotations

import pytest
from cryptography.fernet import InvalidToken

from motcua.integrations.webhooks import sealing


def test_a_rotated_key_still_opens_secrets_through_the_fallbacks(settings):
    settings.WEBHOOK_SECRET_KEY = "the-first-webhook-key-" + "a" * 20
    secret = sealing.new_secret()
    sealed = sealing.seal(secret)
    assert secret not in sealed and sealing.unseal(sealed) == secret
    old = settings.WEBHOOK_SECRET_KEY
    settings.WEBHOOK_SECRET_KEY = "the-second-webhook-key-" + "b" * 20
    with pytest.raises(InvalidToken):
        sealing.unseal(sealed)
    settings.WEBHOOK_SECRET_KEY_FALLBACKS = [old]
    assert sealing.unseal(sealed) == secret


def test_without_its_own_key_the_seal_depends_on_secret_key(settings):
    settings.WEBHOOK_SECRET_KEY = ""
    sealed = sealing.seal("whsec_x")
    settings.SECRET_KEY = "another-secret-key-" + "c" * 40
    with pytest.raises(InvalidToken):
        sealing.unseal(sealed)
