"""The audit trail cannot be cut short without `verify_audit` seeing it: a deleted last event with
the head set back, a truncated table, a status that no event explains, and a rollback to a head
that was valid once, caught by the signed checkpoints."""

from __future__ import annotations

import json
import stat
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.fixtures import submit_online, vn
from motcua.events.checkpoints import (
    CheckpointError,
    checkpoint_path,
    read_checkpoints,
    write_checkpoint,
)
from motcua.events.models import AuditEvent
from motcua.events.verify import verify_dossier

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def checkpoint_dir(settings, tmp_path):
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "checkpoints"
    return settings.AUDIT_CHECKPOINT_DIR


@pytest.fixture
def lived(world):
    dossier = submit_online(world).dossier
    services.receive_dossier(dossier, actor=world.receptionist, now=vn(2026, 3, 2, 10))
    services.assign_step(
        dossier, actor=world.leader, assignee=world.specialist, now=vn(2026, 3, 2, 11)
    )
    dossier.refresh_from_db()
    return dossier


def behind_the_back(sql: str, params=None) -> None:
    """Change rows as an attacker with the database would; on PostgreSQL the append-only
    triggers are bypassed first, as only a superuser could."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
        try:
            cursor.execute(sql, params)
        finally:
            if connection.vendor == "postgresql":
                cursor.execute("SET session_replication_role = DEFAULT")


def delete_last_event_and_reset_head(dossier) -> None:
    previous = dossier.audit_events.get(seq=dossier.audit_head_seq - 1)
    behind_the_back(
        "DELETE FROM events_auditevent WHERE dossier_id = %s AND seq = %s",
        [dossier.pk, dossier.audit_head_seq],
    )
    Dossier.objects.filter(pk=dossier.pk).update(
        audit_head_seq=previous.seq, audit_head_hmac=previous.hmac, status=previous.to_status
    )


def test_a_lived_chain_verifies_with_its_checkpoint(lived):
    assert write_checkpoint().checkpoint is not None
    call_command("verify_audit")


def test_verify_audit_detects_a_deleted_last_event_with_a_reset_head(lived):
    delete_last_event_and_reset_head(lived)
    lived.refresh_from_db()
    problems = verify_dossier(lived)
    assert any("niêm phong" in p.problem for p in problems)
    with pytest.raises(CommandError):
        call_command("verify_audit")


def test_verify_audit_detects_a_truncated_audit_table(lived, world):
    other = submit_online(world, name="Lê Văn Bình").dossier
    write_checkpoint()
    if connection.vendor == "postgresql":
        # (the test's own inserts leave deferred foreign-key checks that TRUNCATE waits for)
        behind_the_back("SET CONSTRAINTS ALL IMMEDIATE; TRUNCATE events_auditevent")
    else:
        behind_the_back("DELETE FROM events_auditevent")
    assert not AuditEvent.objects.exists()
    with pytest.raises(CommandError):
        call_command("verify_audit")
    # Heads set back to "no event" too: the dossiers have left draft, and the checkpoint
    # remembers where their chains had reached.
    Dossier.objects.update(audit_head_seq=0, audit_head_hmac="", audit_head_seal="")
    checkpointed = read_checkpoints().heads
    assert checkpointed[lived.pk][0] == 3 and checkpointed[other.pk][0] == 1
    for dossier in (lived, other):
        dossier.refresh_from_db()
        problems = {p.problem for p in verify_dossier(dossier, checkpointed[dossier.pk])}
        assert problems == {
            "hồ sơ đã qua bản nháp nhưng không có sự kiện",
            f"chuỗi bị lùi: mốc kiểm tra đã ghi tới sự kiện {checkpointed[dossier.pk][0]}",
        }
    with pytest.raises(CommandError):
        call_command("verify_audit")


def test_a_head_that_was_valid_once_is_caught_by_the_checkpoint(lived, world):
    """The full rollback: the last event deleted and the dossier row put back as it was, seal
    included (copied before). Only a checkpoint taken in between can tell."""
    before = Dossier.objects.get(pk=lived.pk)
    services.forward_dossier(lived, actor=world.specialist, now=vn(2026, 3, 3, 11))
    write_checkpoint()
    behind_the_back(
        "DELETE FROM events_auditevent WHERE dossier_id = %s AND seq = %s", [lived.pk, 4]
    )
    Dossier.objects.filter(pk=lived.pk).update(
        status=before.status,
        version=before.version,
        audit_head_seq=before.audit_head_seq,
        audit_head_hmac=before.audit_head_hmac,
        audit_head_seal=before.audit_head_seal,
    )
    lived.refresh_from_db()
    assert verify_dossier(lived) == []  # the chain and its sealed head alone look whole
    problems = verify_dossier(lived, read_checkpoints().heads[lived.pk])
    assert [p.problem for p in problems] == ["chuỗi bị lùi: mốc kiểm tra đã ghi tới sự kiện 4"]
    with pytest.raises(CommandError):
        call_command("verify_audit")
    # and the next checkpoint refuses to record the lower head
    with pytest.raises(CommandError):
        call_command("audit_checkpoint")


def test_a_forged_head_seal_is_detected(lived):
    Dossier.objects.filter(pk=lived.pk).update(audit_head_seal="0" * 64)
    lived.refresh_from_db()
    assert [p.problem for p in verify_dossier(lived)] == [
        "đầu chuỗi của hồ sơ bị đặt lại (sai mã niêm phong)"
    ]


def test_a_status_no_event_explains_is_detected(lived):
    Dossier.objects.filter(pk=lived.pk).update(status="approved")
    lived.refresh_from_db()
    problems = verify_dossier(lived)
    assert [p.seq for p in problems] == [lived.audit_head_seq]
    assert "approved" in problems[0].problem


def test_a_dossier_out_of_draft_without_events_is_detected(world):
    dossier = submit_online(world).dossier
    behind_the_back("DELETE FROM events_auditevent WHERE dossier_id = %s", [dossier.pk])
    Dossier.objects.filter(pk=dossier.pk).update(
        audit_head_seq=0, audit_head_hmac="", audit_head_seal=""
    )
    dossier.refresh_from_db()
    assert [p.problem for p in verify_dossier(dossier)] == [
        "hồ sơ đã qua bản nháp nhưng không có sự kiện"
    ]


def test_checkpoints_record_only_changed_heads_and_chain_their_signatures(lived, world):
    first = write_checkpoint(now=vn(2026, 3, 2, 12)).checkpoint
    assert first["n"] == 1 and first["prev"] == ""
    assert first["heads"] == {str(lived.pk): [3, lived.audit_head_hmac]}
    assert write_checkpoint().checkpoint is None  # nothing changed, nothing written
    other = submit_online(world, name="Lê Văn Bình").dossier
    second = write_checkpoint().checkpoint
    assert second["n"] == 2 and second["prev"] == first["sig"]
    assert list(second["heads"]) == [str(other.pk)]
    assert read_checkpoints().heads == {
        lived.pk: (3, lived.audit_head_hmac),
        other.pk: (1, Dossier.objects.get(pk=other.pk).audit_head_hmac),
    }
    mode = checkpoint_path().stat().st_mode
    assert not mode & stat.S_IRWXO  # not readable by others


def test_an_edited_checkpoint_file_fails_verification_and_is_not_extended(lived, world):
    write_checkpoint()
    submit_online(world, name="Lê Văn Bình")
    write_checkpoint()
    path = checkpoint_path()
    lines = path.read_text().splitlines()
    entry = json.loads(lines[0])
    entry["heads"][str(lived.pk)][0] = 1  # pretend the chain was shorter then
    path.write_text("\n".join([json.dumps(entry), *lines[1:]]) + "\n")
    assert read_checkpoints().problems == ["mốc kiểm tra dòng 1 bị sửa (sai chữ ký)"]
    with pytest.raises(CommandError):
        call_command("verify_audit")
    with pytest.raises(CheckpointError):
        write_checkpoint()
    path.write_text(lines[1] + "\n")  # the first line removed: the second no longer follows
    assert read_checkpoints().problems == ["mốc kiểm tra dòng 1 không nối tiếp mốc trước"]


def test_the_checkpoint_command_writes_and_verify_reports_it(lived, capsys):
    call_command("audit_checkpoint")
    call_command("verify_audit")
    assert "checkpoint 1 of" in capsys.readouterr().out


def test_the_migration_seals_the_heads_of_existing_dossiers(lived, world):
    """Dossiers written before heads were sealed get their seal from the migration."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("motcua.dossiers.migrations.0007_audit_head_seal")
    draft_like = submit_online(world, name="Lê Văn Bình").dossier
    Dossier.objects.update(audit_head_seal="")
    lived.refresh_from_db()
    assert verify_dossier(lived)  # unsealed: reported
    # (the migration reads only the schema editor's connection)
    migration.seal_heads(apps, SimpleNamespace(connection=connection))
    for dossier in (lived, draft_like):
        dossier.refresh_from_db()
        assert verify_dossier(dossier) == []
