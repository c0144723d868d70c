from __future__ import annotations

import pytest

from motcua.events.services import run_deliveries
from motcua.reports.tests.scenario import NOW, build


def drain() -> None:
    """Run the outbox worker until nothing is due (the reports' consumer among the others)."""
    for _round in range(100):
        if run_deliveries(limit=500, now=NOW) == (0, 0):
            return
    raise AssertionError("the outbox does not drain")


@pytest.fixture(autouse=True)
def _aggregates_on(settings):
    """The suite turns the reports' consumer off (conftest.py at the root); these tests need it."""
    settings.REPORTS_LIVE_AGGREGATES = True


@pytest.fixture
def month(world, settings):
    """The scenario's month, its outbox delivered: the aggregates kept by the consumer."""
    built = build(world, settings)
    drain()
    return built
