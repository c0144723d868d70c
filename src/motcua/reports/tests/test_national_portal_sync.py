"""The national portal's synchronisation figures, against the portal simulator's process: the
dossiers whose events reached it, and the lags from an event to its delivery."""

from __future__ import annotations

import pytest

from motcua.dossiers.tests.fixtures import received, vn
from motcua.events.models import Delivery
from motcua.integrations.national_portal import mapping
from motcua.integrations.national_portal.tests.conftest import (  # noqa: F401 - fixtures
    drain,
    outbound,
    portal,
)
from motcua.reports import figures
from motcua.reports.figures import NATIONAL_PORTAL_CONSUMER
from motcua.reports.scope import Scope
from motcua.reports.tests.scenario import END, NOW, START
from motcua.reports.tests.test_figures import _nearest_rank

pytestmark = pytest.mark.django_db


def test_synced_dossiers_and_their_lags(world, portal):  # noqa: F811 - the fixture
    from motcua.integrations.national_portal.sync import CONSUMER_NAME

    assert CONSUMER_NAME == NATIONAL_PORTAL_CONSUMER
    mapping.load_defaults()
    first, second = received(world), received(world)
    drain()
    done = Delivery.objects.filter(consumer=CONSUMER_NAME, status="done").select_related("event")
    assert {d.dossier_id for d in done} == {first.pk, second.pk}
    lags = [(d.delivered_at - d.event.created_at).total_seconds() for d in done]
    got = figures.dossier_figures(Scope(START, END), now=NOW)
    assert got.synced == 2
    assert got.sync_lag_p50_seconds == _nearest_rank(lags, 0.5)
    assert got.sync_lag_p95_seconds == _nearest_rank(lags, 0.95)
    assert set(figures.dossiers(Scope(START, END), "synced", now=NOW)) == {first, second}
    # Events of March only: April has nothing synced.
    april = Scope(vn(2026, 4, 1).date(), vn(2026, 4, 30).date())
    assert figures.dossier_figures(april, now=NOW).synced == 0
    assert figures.dossier_figures(Scope(START, END, agency=world.other), now=NOW).synced == 0
