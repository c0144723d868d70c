"""A pytest plugin loaded early (`-p motcua.testing` in pyproject.toml) so that the environment
is set before pytest-django imports the settings."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-" + "x" * 40)
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ.setdefault("DEMO_MODE", "1")
os.environ.setdefault("AUDIT_HMAC_KEY", "test-only-audit-key-" + "x" * 20)
os.environ.setdefault("LOOKUP_SECRET_KEY", "test-only-lookup-key-" + "x" * 20)
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("STATIC_MANIFEST", "0")
# Uploaded files of the test run go to a scratch folder, never into the working tree nor into
# a MEDIA_ROOT exported in the shell: tests write files, and the orphan sweep's test deletes
# files that no row of the test database points at.
os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="motcua-test-media-")
os.environ["STATIC_ROOT"] = tempfile.mkdtemp(prefix="motcua-test-static-")
