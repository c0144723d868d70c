"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Never `playwright install`: it downloads a browser build, which an offline machine cannot.
Chromium comes from the distribution (`apt-get install chromium`). Without it the tests are
skipped with a reason, except in CI (CI=true), where a missing browser is a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse
# database access from it ("You cannot call this from an async context").
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} is missing: install Debian's chromium package to run browser tests"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    # Every browser test is also a test of the Content-Security-Policy: a script, style or eval
    # the policy blocks shows in the console and fails the test.
    blocked = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and blocked.append(message.text),
    )
    yield page
    context.close()
    assert not blocked, blocked


@pytest.fixture
def online(world):
    """The dossier tests' province with its procedure open for online submission."""
    from django.core.cache import cache

    from motcua.agencies.models import Commune, Province
    from motcua.agencies.places import load_places
    from motcua.portal.tests.submission_fixtures import open_online

    cache.clear()  # the guest rate limits start from zero
    # The communes come from a data migration; a transactional test that ran earlier in the
    # session may have flushed them, so the pickers' list is loaded again when it is missing.
    if not Commune.objects.filter(code="00070").exists():
        load_places(Province, Commune)
    return open_online(world)
