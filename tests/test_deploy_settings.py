"""Production settings: `check --deploy` is clean with the settings docs/deployment.md lists, a
short key or several workers without Redis stop the start, a web process refuses to start when
Redis does not answer, and the security headers are on."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from motcua.lib.startup import check_redis

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "deployment.md"


def documented_settings() -> dict[str, str]:
    """The variables of the sh block under "## Production settings", placeholders in angle
    brackets filled with fresh random values."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Production settings", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    values = {}
    for line in block.splitlines():
        name, _, value = line.partition("=")
        values[name.strip()] = re.sub(r"<[^>]*>", lambda _m: secrets.token_urlsafe(48), value)
    return values


def run(args: list[str], **overrides) -> subprocess.CompletedProcess:
    """A fresh Python process with only the documented settings (and `overrides`): nothing of
    the test run's own environment (motcua.testing's) leaks into it."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", str(ROOT)),
        "DJANGO_SETTINGS_MODULE": "motcua.settings",
        **documented_settings(),
        **overrides,
    }
    return subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_with_the_documented_production_settings():
    assert documented_settings()["DEBUG"] == "0"
    result = run(["manage.py", "check", "--deploy", "--fail-level", "DEBUG"])
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_without_the_documented_hsts_preload_check_deploy_warns():
    """The check is not clean by accident: drop one documented setting and it speaks."""
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], SECURE_HSTS_PRELOAD="0"
    )
    assert result.returncode != 0 and "security.W021" in result.stderr + result.stdout


@pytest.mark.parametrize(
    ("name", "minimum"), [("SECRET_KEY", 50), ("AUDIT_HMAC_KEY", 32), ("LOOKUP_SECRET_KEY", 32)]
)
def test_a_short_key_stops_the_start(name, minimum):
    result = run(["manage.py", "check"], **{name: "k" * (minimum - 1)})
    assert result.returncode != 0
    assert f"{name} must be at least {minimum} characters long" in result.stderr


def test_several_workers_need_redis():
    result = run(["manage.py", "check"], REDIS_URL="", WEB_CONCURRENCY="3")
    assert result.returncode != 0
    assert "REDIS_URL must be set with more than one worker" in result.stderr
    assert run(["manage.py", "check"], REDIS_URL="", WEB_CONCURRENCY="1").returncode == 0


def test_a_web_process_refuses_to_start_when_redis_does_not_answer():
    result = run(["-c", "import motcua.wsgi"], REDIS_URL="redis://:hunter2@127.0.0.1:1/0")
    assert result.returncode != 0
    assert "REDIS_URL=redis://***@127.0.0.1:1/0 does not answer" in result.stderr
    assert "hunter2" not in result.stderr


def test_the_start_up_check_passes_when_redis_answers(settings):
    settings.REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/6")
    try:
        check_redis()
    except ImproperlyConfigured:
        pytest.skip("no Redis server to check against")
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    with pytest.raises(ImproperlyConfigured):
        check_redis()


@pytest.mark.django_db
def test_http_is_redirected_and_https_answers_carry_hsts(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get(reverse("portal:home"))
    assert response.status_code == 301 and response["Location"].startswith("https://")
    assert client.get("/healthz").status_code == 200  # load balancers probe over HTTP
    secure = client.get(reverse("portal:home"), secure=True)
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_check_deploy_warns_without_a_shared_cache():
    result = run(["manage.py", "check", "--deploy"], REDIS_URL="", WEB_CONCURRENCY="1")
    assert "motcua.W004" in result.stderr + result.stdout
