from dataclasses import dataclass
from datetime import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

SMALL_DEMO = 40


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """`load_demo` without dossiers, run once per module, inside a transaction rolled back at
    the end so other modules find an empty database; each test's own changes roll back to a
    savepoint. Yields what the command printed."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("load_demo", "--dossiers", "0", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@dataclass
class LoadedDemo:
    output: str
    started: datetime  # just before load_demo took its own "now"
    finished: datetime


@pytest.fixture(scope="module")
def demo_with_dossiers(django_db_setup, django_db_blocker):
    """`load_demo --dossiers 40` at the real current time, once per module, rolled back at
    the end like `demo`."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        started = timezone.now()
        call_command("load_demo", "--dossiers", str(SMALL_DEMO), stdout=out)
        yield LoadedDemo(out.getvalue(), started, timezone.now())
        transaction.set_rollback(True)


def banner_blocks(out: str) -> dict[str, str]:
    """The banner's lines about each account, by username."""
    blocks: dict[str, str] = {}
    name = ""
    for line in out.splitlines():
        if line.startswith("  ") and not line.startswith("   "):
            name = line.split()[0]
            blocks[name] = line
        elif name and line.startswith(" " * 23):
            blocks[name] += "\n" + line
        else:
            name = ""
    return blocks
