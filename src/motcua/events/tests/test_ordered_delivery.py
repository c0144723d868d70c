"""An ordered consumer gets a dossier's events one at a time, in order, whatever fails."""

from datetime import timedelta

import pytest
from django.utils import timezone

from motcua.dossiers.tests.fixtures import received
from motcua.events import consumers
from motcua.events.models import Delivery
from motcua.events.services import claim_deliveries, emit, release_held, run_deliveries


@pytest.fixture
def recorder():
    seen, failing, holding = [], set(), set()

    def handler(event):
        if event.payload["n"] in holding:
            raise consumers.Hold("chờ ánh xạ")
        if event.payload["n"] in failing:
            raise RuntimeError("cổng không trả lời")
        seen.append(event.payload["n"])

    consumers.register(
        "ordered-test",
        ["test.step"],
        handler,
        ordered=True,
        backoff=lambda attempts: timedelta(0),
        dead_after=lambda: timedelta(hours=1),
    )
    yield seen, failing, holding
    consumers.unregister("ordered-test")


def test_a_later_event_waits_for_an_earlier_undelivered_one_of_the_same_dossier(world, recorder):
    seen, failing, holding = recorder
    first, second = received(world), received(world)
    now = timezone.now()
    for n, dossier in [(1, first), (2, first), (3, second), (4, first), (5, second)]:
        emit("test.step", subject=dossier.code, payload={"n": n}, dossier=dossier, now=now)
    # Only the first event of each dossier can be claimed.
    claimed = claim_deliveries(now=now, lease=timedelta(seconds=0))
    assert sorted(d.event.payload["n"] for d in claimed) == [1, 3]

    failing.add(1)
    holding.add(3)
    run_deliveries(now=now)
    run_deliveries(now=now)
    assert seen == []  # 1 failed (retried later), 3 held: 2, 4 and 5 wait behind them
    assert Delivery.objects.get(event__payload__n=3).status == "held"

    failing.clear()
    holding.clear()
    release_held("ordered-test", now=now)
    for _round in range(5):
        run_deliveries(now=now)
    assert seen in ([1, 3, 2, 5, 4], [1, 3, 2, 4, 5], [3, 1, 5, 2, 4], [3, 1, 2, 5, 4])
    assert [n for n in seen if n in (1, 2, 4)] == [1, 2, 4]
    assert [n for n in seen if n in (3, 5)] == [3, 5]
    assert not Delivery.objects.filter(consumer="ordered-test").exclude(status="done").exists()


def test_a_delivery_failing_longer_than_dead_after_is_dead_and_blocks_the_later_ones(
    world, recorder
):
    seen, failing, _holding = recorder
    dossier = received(world)
    now = timezone.now()
    for n in (1, 2):
        emit("test.step", subject=dossier.code, payload={"n": n}, dossier=dossier, now=now)
    failing.add(1)
    run_deliveries(now=now)
    run_deliveries(now=now + timedelta(hours=2))
    first = Delivery.objects.get(event__payload__n=1)
    assert first.status == "dead" and first.attempts == 2
    run_deliveries(now=now + timedelta(hours=3))
    assert seen == []
