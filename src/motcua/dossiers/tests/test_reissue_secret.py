"""Reissuing a lost lookup secret at the counter: only reception at the receiving agency, any
dossier with a code (a closed one too), the old secret dead at once, and the new secret in no
row but the applicant's hands (its HMAC on the dossier, nothing in the audit or the outbox)."""

from __future__ import annotations

import json

import pytest

from motcua.dossiers import services
from motcua.dossiers.choices import Action, DossierStatus
from motcua.dossiers.errors import NotAllowed, NotFound, StaleVersion, TransitionRefused
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import lookup
from motcua.dossiers.tests.fixtures import submit_online, vn
from motcua.events.models import AuditEvent, OutboxEvent
from motcua.events.verify import verify_dossier

S = DossierStatus
AT = vn(2026, 3, 3, 9)


def test_the_new_secret_works_and_the_old_one_no_longer_does(world):
    submission = submit_online(world)
    code, old = submission.dossier.code, submission.lookup_secret

    new = services.reissue_lookup_secret(submission.dossier, actor=world.receptionist, now=AT)

    assert len(new) == 10 and new != old
    assert lookup(code, new).pk == submission.dossier.pk
    assert lookup(code, new.lower()).pk == submission.dossier.pk
    with pytest.raises(NotFound):
        lookup(code, old)


def test_the_reissue_is_audited_without_the_secret_and_keeps_the_chain_sound(world):
    submission = submit_online(world)
    before = Dossier.objects.get(pk=submission.dossier.pk)

    new = services.reissue_lookup_secret(before, actor=world.receptionist, now=AT)

    dossier = Dossier.objects.get(pk=before.pk)
    assert dossier.version == before.version + 1
    assert dossier.status == S.SUBMITTED  # the status does not change
    event = AuditEvent.objects.filter(dossier=dossier).order_by("-seq").first()
    assert event.action == Action.REISSUE_SECRET
    assert event.actor == world.receptionist
    assert (event.from_status, event.to_status) == (S.SUBMITTED, S.SUBMITTED)
    assert event.at == AT
    assert verify_dossier(dossier) == []
    # The secret is nowhere but in the applicant's hands: not in any audit or outbox row, and
    # the dossier keeps its HMAC only.
    for row in AuditEvent.objects.filter(dossier=dossier):
        assert new not in json.dumps(row.data) and new not in row.hmac
    for row in OutboxEvent.objects.filter(dossier=dossier):
        assert new not in json.dumps(row.payload)
    assert OutboxEvent.objects.filter(dossier=dossier, type="dossier.reissue_secret").exists()
    assert new not in dossier.lookup_secret_hash
    assert Action(Action.REISSUE_SECRET).label == "Cấp lại mã tra cứu"


@pytest.mark.parametrize("who", ["specialist", "leader", "returner", "outsider"])
def test_only_reception_at_the_receiving_agency_may_reissue(world, who):
    submission = submit_online(world)
    with pytest.raises(NotAllowed) as refused:
        services.reissue_lookup_secret(submission.dossier, actor=getattr(world, who), now=AT)
    assert "cấp lại mã tra cứu cho hồ sơ này" in refused.value.message
    # Nothing changed: the applicant's secret still works.
    assert lookup(submission.dossier.code, submission.lookup_secret)
    assert not AuditEvent.objects.filter(action=Action.REISSUE_SECRET).exists()


def test_nobody_signed_in_may_reissue(world):
    submission = submit_online(world)
    with pytest.raises(NotAllowed):
        services.reissue_lookup_secret(submission.dossier, actor=None, now=AT)


def test_a_closed_dossier_can_still_get_a_new_secret(world):
    submission = submit_online(world)
    services.refuse_dossier(
        submission.dossier, actor=world.receptionist, reasons="Không thuộc thẩm quyền", now=AT
    )
    new = services.reissue_lookup_secret(
        submission.dossier, actor=world.receptionist, now=vn(2026, 3, 4, 9)
    )
    found = lookup(submission.dossier.code, new)
    assert found.status == S.REFUSED


def test_a_draft_has_no_secret_to_reissue(world):
    draft = services.create_dossier(
        procedure=world.procedure,
        case=world.case,
        channel="online",
        applicant=world.applicant(),
        receiving_agency=world.centre,
        submit=False,
        now=AT,
    ).dossier
    with pytest.raises(TransitionRefused):
        services.reissue_lookup_secret(draft, actor=world.receptionist, now=AT)
    # Withdrawn before submission: a closed status, still without a code.
    services.withdraw_dossier(draft, reason="Không nộp nữa", actor=world.receptionist, now=AT)
    with pytest.raises(TransitionRefused) as refused:
        services.reissue_lookup_secret(draft, actor=world.receptionist, now=AT)
    assert refused.value.message == "Hồ sơ chưa nộp nên chưa có mã hồ sơ và mã tra cứu."


def test_a_stale_version_is_refused(world):
    submission = submit_online(world)
    dossier = submission.dossier
    with pytest.raises(StaleVersion):
        services.reissue_lookup_secret(
            dossier, actor=world.receptionist, expected_version=dossier.version - 1, now=AT
        )
    assert lookup(dossier.code, submission.lookup_secret)
