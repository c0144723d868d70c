"""The audit chain and the outbox, through the services and the commands that check them."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from motcua.dossiers import services
from motcua.dossiers.tests.fixtures import submit_online, vn
from motcua.events import consumers
from motcua.events.models import AuditEvent, Delivery, OutboxEvent
from motcua.events.services import run_deliveries
from motcua.events.verify import verify_dossier


@pytest.fixture
def lived(world):
    dossier = submit_online(world).dossier
    services.receive_dossier(dossier, actor=world.receptionist, now=vn(2026, 3, 2, 10))
    services.assign_step(
        dossier, actor=world.leader, assignee=world.specialist, now=vn(2026, 3, 2, 11)
    )
    services.forward_dossier(dossier, actor=world.specialist, now=vn(2026, 3, 3, 11))
    dossier.refresh_from_db()
    return dossier


def tamper(sql: str, params) -> None:
    """Change audit rows behind the application's back; on PostgreSQL the append-only trigger
    must be bypassed first, as only a database superuser could."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = DEFAULT")


def test_an_untouched_chain_verifies(lived):
    assert verify_dossier(lived) == []
    call_command("verify_audit")


def test_verify_audit_finds_an_edited_event(lived):
    event = lived.audit_events.get(seq=2)
    tamper("UPDATE events_auditevent SET actor_name = %s WHERE id = %s", ["Người khác", event.pk])
    problems = verify_dossier(lived)
    assert [p.seq for p in problems] == [2]
    with pytest.raises(CommandError):
        call_command("verify_audit")


def test_verify_audit_finds_a_deleted_event(lived):
    tamper("DELETE FROM events_auditevent WHERE dossier_id = %s AND seq = %s", [lived.pk, 3])
    problems = verify_dossier(lived)
    assert problems and problems[0].seq == 4


def test_verify_audit_finds_a_deleted_last_event(lived):
    tamper(
        "DELETE FROM events_auditevent WHERE dossier_id = %s AND seq = %s",
        [lived.pk, lived.audit_head_seq],
    )
    assert verify_dossier(lived)


def test_verify_audit_finds_reordered_events(lived):
    tamper(
        "UPDATE events_auditevent SET seq = seq + 100 WHERE dossier_id = %s AND seq IN (2, 3)",
        [lived.pk],
    )
    tamper("UPDATE events_auditevent SET seq = 2 WHERE dossier_id = %s AND seq = 103", [lived.pk])
    tamper("UPDATE events_auditevent SET seq = 3 WHERE dossier_id = %s AND seq = 102", [lived.pk])
    assert {p.seq for p in verify_dossier(lived)} >= {2, 3}


def test_postgresql_refuses_to_update_or_delete_audit_rows(lived):
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger exists on PostgreSQL only")
    from django.db import DatabaseError, transaction

    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(dossier=lived).update(actor_name="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(dossier=lived).delete()


def test_every_change_writes_an_outbox_event_with_a_delivery_per_consumer_and_deliveries_are_claimed(
    world,
):
    seen = []
    consumers.register(
        "test-consumer",
        {"dossier.submit", "dossier.receive"},
        lambda event: seen.append(event.type),
    )
    try:
        dossier = submit_online(world).dossier
        services.receive_dossier(dossier, actor=world.receptionist, now=vn(2026, 3, 2, 10))
        assert OutboxEvent.objects.filter(dossier=dossier).count() == 2
        assert Delivery.objects.filter(consumer="test-consumer", status="pending").count() == 2
        assert run_deliveries() == (2, 0)
        assert seen == ["dossier.submit", "dossier.receive"]
        assert run_deliveries() == (0, 0)
        assert Delivery.objects.filter(status="done").count() == 2
    finally:
        consumers.unregister("test-consumer")


def test_a_failing_consumer_is_retried_later_with_backoff(world):
    def broken(event):
        raise ConnectionError("cổng quốc gia không phản hồi")

    consumers.register("flaky", {"dossier.submit"}, broken)
    try:
        submit_online(world)
        assert run_deliveries() == (0, 1)
        delivery = Delivery.objects.get(consumer="flaky")
        assert delivery.attempts == 1 and "không phản hồi" in delivery.last_error
        assert run_deliveries() == (0, 0)  # not due again yet
    finally:
        consumers.unregister("flaky")
