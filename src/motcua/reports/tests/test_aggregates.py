"""The aggregates: kept by the outbox consumer equal to a rebuild from the raw tables after a
sequence of actions; a retried or repeated delivery counts nothing twice; the command."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from motcua.dossiers import services
from motcua.dossiers.tests.fixtures import vn
from motcua.events.deliveries import requeue
from motcua.events.models import Delivery
from motcua.events.services import deliver, run_deliveries
from motcua.reports import facts, figures, maintenance
from motcua.reports.consumer import CONSUMER_NAME
from motcua.reports.models import DailyRollup, DossierFact
from motcua.reports.scope import Scope
from motcua.reports.tests.conftest import drain
from motcua.reports.tests.scenario import END, NOW, START, received_at

pytestmark = pytest.mark.django_db


def snapshot():
    fact_rows = sorted(
        tuple(row.values()) for row in DossierFact.objects.values(*facts.FACT_FIELDS, "dossier_id")
    )
    rollup_rows = {}
    for row in DailyRollup.objects.values():
        row.pop("id")
        key = (row.pop("day"), row.pop("agency_id"), row.pop("procedure_id"), row.pop("channel"))
        counts = {name: value for name, value in row.items() if value}
        if counts:  # a row whose counters all went back to zero counts nothing
            rollup_rows[key] = counts
    return fact_rows, rollup_rows


def test_the_consumer_keeps_what_a_rebuild_makes(month):
    kept = snapshot()
    assert kept[0] and kept[1]
    assert maintenance.rebuild() == len(kept[0])
    assert snapshot() == kept
    # A rebuild of some dossiers changes nothing either.
    assert maintenance.rebuild(dossier_ids=[month["early"].pk, month["overdue"].pk]) == 0
    assert snapshot() == kept


def test_after_more_actions_the_consumer_still_equals_a_rebuild(month):
    world = month.world
    overdue = month["overdue"]
    services.forward_dossier(overdue, actor=world.specialist, now=vn(2026, 3, 30, 9))
    services.decide_dossier(
        overdue,
        actor=world.leader,
        outcome="rejected",
        reason="Không đủ điều kiện",
        now=vn(2026, 3, 30, 10),
    )
    fresh = received_at(world, vn(2026, 3, 30, 10))
    services.stop_dossier(
        fresh,
        actor=world.leader,
        reason_kind="legal_reason",
        reason="Thuộc thẩm quyền cơ quan khác",
        now=vn(2026, 3, 30, 15),
    )
    drain()
    kept = snapshot()
    got = figures.dossier_figures(Scope(START, END), now=NOW)
    assert (got.received, got.finished, got.finished_late, got.stopped) == (14, 8, 3, 2)
    maintenance.rebuild()
    assert snapshot() == kept


def test_a_retried_delivery_counts_nothing_twice(month):
    before = snapshot()
    totals = figures.dossier_figures(Scope(START, END), now=NOW)
    ours = Delivery.objects.filter(consumer=CONSUMER_NAME, status="done")
    assert ours.count() > 20
    for delivery in ours[:10]:
        requeue(delivery, now=NOW)
    assert run_deliveries(limit=500, now=NOW) == (10, 0)
    delivery = ours.first()
    assert deliver(delivery, now=NOW)  # and once more, straight
    assert snapshot() == before
    assert figures.dossier_figures(Scope(START, END), now=NOW) == totals


def test_an_undelivered_event_is_caught_up_when_it_is_delivered(world, settings):
    dossier = received_at(world, vn(2026, 3, 2, 10))
    assert not DossierFact.objects.filter(pk=dossier.pk).exists()  # nothing delivered yet
    drain()
    fact = DossierFact.objects.get(pk=dossier.pk)
    assert fact.received_on == vn(2026, 3, 2).date() and fact.status == "processing"
    assert Delivery.objects.filter(consumer=CONSUMER_NAME, status="done").count() == 2


def test_the_command_rebuilds(month):
    kept = snapshot()
    DailyRollup.objects.all().delete()
    DossierFact.objects.all().delete()
    call_command("rebuild_reports", verbosity=0)
    assert snapshot() == kept
    DossierFact.objects.filter(pk=month["early"].pk).delete()
    call_command("rebuild_reports", "--dossier", str(month["early"].pk), verbosity=0)
    fact_rows, _rollups = snapshot()
    assert fact_rows == kept[0]
