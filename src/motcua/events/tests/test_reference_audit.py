"""The reference-data audit chain: sealed, checked by verify_audit, append-only on PostgreSQL,
read-only in the admin."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import override_settings
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.agencies import services
from motcua.agencies.choices import Role
from motcua.agencies.tests.factories import AgencyFactory, RoleGrantFactory
from motcua.dossiers.tests.fixtures import vn
from motcua.events.checkpoints import read_checkpoints, write_checkpoint
from motcua.events.models import ReferenceAuditEvent, ReferenceAuditHead
from motcua.events.reference import verify_reference_chain
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain():
    """Three changes made through the services: two grants and a revocation."""
    city = AgencyFactory()
    admin = RoleGrantFactory(agency=city, role=Role.SYSTEM_ADMIN, includes_subtree=True).user
    first = services.grant_role(
        user=UserFactory(official=True),
        agency=city,
        role=Role.RECEPTION,
        actor=admin,
        now=vn(2026, 3, 2, 9),
    )
    services.grant_role(
        user=UserFactory(official=True),
        agency=city,
        role=Role.SPECIALIST,
        actor=admin,
        now=vn(2026, 3, 2, 10),
    )
    services.revoke_role(first, actor=admin, now=vn(2026, 3, 2, 11))
    return list(ReferenceAuditEvent.objects.order_by("seq"))


def tamper(sql: str, params=()) -> None:
    """Change audit rows behind the application's back; on PostgreSQL the append-only trigger
    must be bypassed first, as only a database superuser could."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = DEFAULT")


def problems() -> list[str]:
    return [str(problem) for problem in verify_reference_chain()]


def test_the_chain_is_numbered_linked_and_verifies(chain):
    assert [event.seq for event in chain] == [1, 2, 3]
    assert [event.prev_hmac for event in chain[1:]] == [event.hmac for event in chain[:-1]]
    assert chain[0].prev_hmac == ""
    head = ReferenceAuditHead.objects.get()
    assert (head.seq, head.hmac) == (3, chain[-1].hmac)
    assert problems() == []
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert "reference-data chain verified, no broken link" in out.getvalue()


def test_an_edited_event_is_found(chain):
    tamper(
        "UPDATE events_referenceauditevent SET subject_key = %s WHERE seq = 2",
        ["someone-else@000.00.00.H26:specialist"],
    )
    assert problems() == ["reference data #2: nội dung đã bị sửa (sai mã HMAC)"]
    with pytest.raises(CommandError, match="reference-data chain"):
        call_command("verify_audit", stdout=StringIO())


def test_a_deleted_event_is_found(chain):
    tamper("DELETE FROM events_referenceauditevent WHERE seq = 2")
    found = problems()
    assert "reference data #3: thiếu sự kiện số 2" in found
    assert "reference data #3: liên kết tới sự kiện trước bị đứt" in found


def test_a_deleted_last_event_is_found_by_the_head(chain):
    tamper("DELETE FROM events_referenceauditevent WHERE seq = 3")
    assert problems() == [
        "reference data #3: sự kiện cuối cùng không khớp với đầu chuỗi (có sự kiện bị xóa hoặc thêm)"
    ]


def test_a_head_moved_back_without_the_key_is_found(chain):
    tamper("DELETE FROM events_referenceauditevent WHERE seq = 3")
    tamper(
        "UPDATE events_referenceaudithead SET seq = 2, hmac = %s",
        [chain[1].hmac],
    )
    assert problems() == ["reference data #2: đầu chuỗi đã bị sửa (sai mã HMAC)"]


def test_a_chain_sealed_with_another_key_does_not_verify(chain):
    with override_settings(AUDIT_HMAC_KEY="another-key-of-the-same-length"):
        found = problems()
    assert "reference data #1: nội dung đã bị sửa (sai mã HMAC)" in found


def test_the_next_change_continues_the_chain(chain):
    city = AgencyFactory()
    admin = RoleGrantFactory(agency=city, role=Role.SYSTEM_ADMIN, includes_subtree=True).user
    services.grant_role(user=UserFactory(official=True), agency=city, role="reception", actor=admin)
    latest = ReferenceAuditEvent.objects.order_by("-seq").first()
    assert (latest.seq, latest.prev_hmac) == (4, chain[-1].hmac)
    assert problems() == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgresql_refuses_update_and_delete(chain):
    for sql in (
        "UPDATE events_referenceauditevent SET action = 'x' WHERE seq = 1",
        "DELETE FROM events_referenceauditevent WHERE seq = 1",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql)
    assert problems() == []


def test_the_admin_shows_the_events_and_changes_none(chain, client):
    sign_in_official(client, UserFactory(official=True, is_superuser=True))
    listing = client.get(reverse("admin:events_referenceauditevent_changelist"))
    assert listing.status_code == 200
    assert "role_revoked" in listing.content.decode()
    assert client.get(reverse("admin:events_referenceauditevent_add")).status_code == 403
    url = reverse("admin:events_referenceauditevent_delete", args=[chain[0].pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert ReferenceAuditEvent.objects.count() == 3


def test_an_earlier_genuine_head_put_back_is_caught_by_the_checkpoint(chain):
    """Deleting the last event and putting back the head as it was before it, with its genuine
    seal, leaves a chain that holds together; only the checkpoint shows the rollback."""
    city = AgencyFactory()
    admin = RoleGrantFactory(agency=city, role=Role.SYSTEM_ADMIN, includes_subtree=True).user
    before = ReferenceAuditHead.objects.get(pk=1)
    services.grant_role(user=UserFactory(official=True), agency=city, role="reception", actor=admin)
    written = write_checkpoint()
    assert written.checkpoint["reference"][0] == 4 and written.refused == []
    assert read_checkpoints().reference == (4, ReferenceAuditHead.objects.get(pk=1).hmac)

    tamper("DELETE FROM events_referenceauditevent WHERE seq = 4")
    tamper(
        "UPDATE events_referenceaudithead SET seq = %s, hmac = %s, seal = %s",
        [before.seq, before.hmac, before.seal],
    )
    assert problems() == []  # the chain alone looks whole
    found = [str(p) for p in verify_reference_chain(read_checkpoints().reference)]
    assert found == [
        "reference data #3: đầu chuỗi thấp hơn mốc kiểm tra (sự kiện 4): nhật ký đã bị quay lui"
    ]
    with pytest.raises(CommandError):
        call_command("verify_audit", stdout=StringIO())
    # The next checkpoint refuses to record the head that went back.
    assert "lùi từ sự kiện 4 về 3" in " ".join(write_checkpoint().refused)
