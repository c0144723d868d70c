"""A pytest plugin loaded early (`-p motcua.testing` in pyproject.toml) so that the environment
is set before pytest-django imports the settings."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ.setdefault("DEMO_MODE", "1")
