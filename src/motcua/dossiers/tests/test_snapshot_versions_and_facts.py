"""The procedure snapshot's version key and its readers; the facts of reception and decision
moved out of the audit payloads, and the data migration that fills them for old dossiers."""

from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps
from django.urls import reverse

from motcua.dossiers import services
from motcua.dossiers.choices import Outcome
from motcua.dossiers.models import CompletionRequest, Dossier
from motcua.dossiers.snapshots import SNAPSHOT_VERSION, read_snapshot, snapshot_version
from motcua.dossiers.tests.fixtures import received, submit_online, vn
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db

facts_migration = importlib.import_module(
    "motcua.dossiers.migrations.0005_reception_facts_from_audit"
)


def _version_1(snapshot: dict) -> dict:
    """A snapshot as written before snapshots had a version: no key, and (as older imports
    left them) a document without a code and a step without a unit type."""
    old = {key: value for key, value in snapshot.items() if key != "version"}
    old["documents"] = [{**old["documents"][0], "code": ""}, *old["documents"][1:]]
    old["steps"] = [
        {key: value for key, value in step.items() if key != "unit_type"} for step in old["steps"]
    ]
    return old


def test_a_new_snapshot_carries_the_current_version(world):
    dossier = received(world)
    assert dossier.snapshot["version"] == SNAPSHOT_VERSION
    assert snapshot_version(dossier.snapshot) == SNAPSHOT_VERSION


def test_an_old_snapshot_is_read_in_the_current_shape(world):
    snapshot = _version_1(received(world).snapshot)
    assert snapshot_version(snapshot) == 1
    current = read_snapshot(snapshot)
    assert current["version"] == 1
    assert current["documents"][0]["code"] == "GT1"
    assert all(step["unit_type"] == "" for step in current["steps"])
    assert read_snapshot(None)["steps"] == [] and read_snapshot({})["case"]["name"] == ""


def test_a_dossier_with_an_old_snapshot_goes_on_being_processed_and_shown(client, world):
    dossier = received(world)
    Dossier.objects.filter(pk=dossier.pk).update(snapshot=_version_1(dossier.snapshot))
    dossier = Dossier.objects.get(pk=dossier.pk)
    services.assign_step(dossier, actor=world.leader, assignee=world.specialist)
    services.forward_dossier(dossier, actor=world.specialist)
    dossier.refresh_from_db()
    assert dossier.steps.get(finished_at__isnull=True).name == "Phê duyệt"
    sign_in_official(client, world.leader)
    page = client.get(reverse("office:dossier", args=[dossier.code]))
    assert page.status_code == 200
    assert world.case.name in page.content.decode()


def test_the_data_migration_fills_the_facts_from_the_audit_trail(world):
    refused = submit_online(world).dossier
    services.refuse_dossier(refused, actor=world.receptionist, reasons="Sai thẩm quyền")
    returned = submit_online(world).dossier
    services.return_for_completion(
        returned,
        actor=world.receptionist,
        missing=["Tờ khai có chữ ký"],
        note="Bổ sung một lần",
        now=vn(2026, 3, 3, 15),
    )
    decided = received(world)
    services.assign_step(decided, actor=world.leader, assignee=world.specialist)
    services.forward_dossier(decided, actor=world.specialist)
    services.decide_dossier(
        decided, actor=world.leader, outcome=Outcome.REJECTED, reason="Không đủ điều kiện"
    )
    expected = {
        pk: values
        for pk, *values in Dossier.objects.values_list(
            "pk", "refusal_reasons", "decision_reason", "receipt_due_at", "receipt_answered_at"
        )
    }
    assert expected[returned.pk][3] == vn(2026, 3, 3, 15)  # answered when returned
    # As before the migration: the columns empty, no completion rows.
    CompletionRequest.objects.all().delete()
    Dossier.objects.update(
        refusal_reasons="", decision_reason="", receipt_due_at=None, receipt_answered_at=None
    )

    facts_migration.forwards(apps, None)

    restored = {
        pk: values
        for pk, *values in Dossier.objects.values_list(
            "pk", "refusal_reasons", "decision_reason", "receipt_due_at", "receipt_answered_at"
        )
    }
    assert restored == expected
    request = CompletionRequest.objects.get()
    assert (request.dossier_id, request.items, request.note, request.requested_by) == (
        returned.pk,
        ["Tờ khai có chữ ký"],
        "Bổ sung một lần",
        world.receptionist,
    )


def test_a_whole_life_acted_in_english_stores_no_english_text(world):
    """Every action taken while English is active: no English translation of any of our
    messages ends up in a step, a pause, the audit trail or the outbox."""
    from django.utils import translation

    from motcua.dossiers.tests.fixtures import approve_with_permit
    from motcua.events.models import AuditEvent, OutboxEvent

    with translation.override("en"):
        catalog = translation.trans_real.translation("en")._catalog
        english = set()  # the longest literal part of each English translation
        for msgid, text in catalog.items():
            if isinstance(text, str) and text != msgid:
                part = max(re.split(r"%\(\w+\)\w|%\w", text), key=len).strip()
                if len(part) >= 12:
                    english.add(part)
        dossier = received(world)
        services.assign_step(dossier, actor=world.leader, assignee=world.specialist)
        services.pause_dossier(
            dossier, actor=world.specialist, reason="applicant_request", note="Theo đề nghị"
        )
        services.resume_dossier(dossier, actor=world.specialist, note="Tiếp tục")
        services.hand_over(dossier, actor=world.leader, to_agency=world.other, reason="Ý kiến")
        handed = received(world)
        services.assign_step(handed, actor=world.leader, assignee=world.specialist)
        services.forward_dossier(handed, actor=world.specialist)
        handed.refresh_from_db()
        approve_with_permit(world, handed, number="1/GP", signed_on=vn(2026, 3, 4).date())
    stored = [
        *dossier.steps.values_list("name", flat=True),
        *handed.steps.values_list("name", flat=True),
        *(str(data) for data in AuditEvent.objects.values_list("data", flat=True)),
        *(str(payload) for payload in OutboxEvent.objects.values_list("payload", flat=True)),
    ]
    assert english and not [(s, e) for s in stored for e in english if e in s]
