"""Fixtures for the whole suite."""

import pytest

# The small province of dossier tests (`world`), shared by the dossiers and API tests.
pytest_plugins = ["motcua.dossiers.tests.fixtures"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Officials made by factories need passwords; PBKDF2 at full strength costs ~1 s each on
    this machine, and what the tests check does not depend on the hash's strength."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        # Still checks passwords hashed outside a test (module-scoped fixtures, demo data).
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
