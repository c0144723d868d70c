"""The guards of dossiers/policies.py, exercised through the services that call them and through
the forms the office's dossier page offers (dossiers/actions.py asks the same guards).

For every state of a dossier and every official of the small province, each service is called
(and rolled back) with good input: when it refuses the official, its refusal is the guard's
own; and the dossier page offers an action's form exactly when the service accepted it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import transaction
from django.urls import reverse

from motcua.catalog.choices import StepUnit
from motcua.catalog.models import ProcessStep
from motcua.dossiers import policies, services
from motcua.dossiers.actions import (
    DOSSIER_GUARDS,
    ORDER,
    PROVIDE_SUPPLEMENT,
    STEP_GUARDS,
    available_actions,
)
from motcua.dossiers.choices import Action, Outcome, PauseReason, StopReasonKind
from motcua.dossiers.errors import NotAllowed, TransitionRefused
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.fixtures import pdf, received, submit_online, vn
from motcua.testing import sign_in_official

ACT_AT = vn(2026, 3, 12, 9, 0)
OFFICIALS = ("receptionist", "specialist", "leader", "returner", "outsider")


class _RolledBack(Exception):
    pass


def _submitted(world):
    return submit_online(world).dossier


def _assigned(world):
    dossier = received(world)
    services.assign_step(
        dossier, actor=world.leader, assignee=world.specialist, now=vn(2026, 3, 2, 11)
    )
    return dossier


def _paused(world):
    dossier = _assigned(world)
    services.pause_dossier(
        dossier,
        actor=world.specialist,
        reason=PauseReason.SUPPLEMENT,
        note="Thiếu bản vẽ",
        items=["Bản vẽ mặt bằng"],
        now=vn(2026, 3, 3, 9),
    )
    return dossier


def _last_step(world):
    dossier = _assigned(world)
    services.forward_dossier(dossier, actor=world.specialist, now=vn(2026, 3, 4, 9))
    return dossier


def _decided(world):
    dossier = _last_step(world)
    services.decide_dossier(
        dossier,
        actor=world.leader,
        outcome=Outcome.REJECTED,
        reason="Không phù hợp quy hoạch",
        now=vn(2026, 3, 5, 9),
    )
    return dossier


def _returned(world):
    dossier = _decided(world)
    services.return_result(dossier, actor=world.returner, channel="online", now=vn(2026, 3, 6, 9))
    return dossier


def _leaders_step_at_the_specialists_unit(world):
    """The leader's step is done at the unit the specialist works in (a department's own
    licensing unit signs): the specialist holds a role on the step's unit, not the step."""
    step = ProcessStep.objects.get(procedure=world.procedure, order=3)
    step.unit = StepUnit.RESPONSIBLE_UNIT
    step.save()
    return _last_step(world)


STATES = {
    "submitted": _submitted,
    "received": received,
    "assigned": _assigned,
    "paused": _paused,
    "last_step": _last_step,
    "leaders_step_at_the_unit": _leaders_step_at_the_specialists_unit,
    "decided": _decided,
    "returned": _returned,
}


def _calls(world, dossier):
    """Each action with input its service accepts."""
    new_due = (dossier.due_at or ACT_AT) + timedelta(days=60)
    common = {"now": ACT_AT}
    return {
        Action.RECEIVE: lambda actor: services.receive_dossier(dossier, actor=actor, **common),
        Action.RETURN_FOR_COMPLETION: lambda actor: services.return_for_completion(
            dossier, actor=actor, missing=["Bản vẽ"], **common
        ),
        Action.REFUSE: lambda actor: services.refuse_dossier(
            dossier, actor=actor, reasons="Không thuộc thẩm quyền", **common
        ),
        Action.ASSIGN: lambda actor: services.assign_step(
            dossier, actor=actor, assignee=world.leader, **common
        ),
        Action.FORWARD: lambda actor: services.forward_dossier(dossier, actor=actor, **common),
        Action.RETURN_TO_STEP: lambda actor: services.return_to_step(
            dossier,
            actor=actor,
            order=1,
            reason="Cần thẩm định lại",
            **common,
        ),
        Action.PAUSE: lambda actor: services.pause_dossier(
            dossier,
            actor=actor,
            reason=PauseReason.APPLICANT_REQUEST,
            note="Theo đề nghị của người nộp",
            **common,
        ),
        Action.RESUME: lambda actor: services.resume_dossier(dossier, actor=actor, **common),
        PROVIDE_SUPPLEMENT: lambda actor: services.provide_supplement(
            dossier, actor=actor, files=[pdf("bo-sung.pdf")], **common
        ),
        Action.HAND_OVER: lambda actor: services.hand_over(
            dossier, actor=actor, to_agency=world.other, reason="Liên thông", **common
        ),
        Action.DECIDE: lambda actor: services.decide_dossier(
            dossier,
            actor=actor,
            outcome=Outcome.APPROVED,
            documents=[services.ResultDocumentData("Giấy phép", "1/GP", date(2026, 3, 12), "Minh")],
            **common,
        ),
        Action.APOLOGISE: lambda actor: services.apologise(
            dossier, actor=actor, reason="Cần xác minh thực địa", new_due_at=new_due, **common
        ),
        Action.STOP: lambda actor: services.stop_dossier(
            dossier,
            actor=actor,
            reason_kind=StopReasonKind.APPLICANT_REQUEST,
            reason="Người nộp đề nghị dừng giải quyết",
            **common,
        ),
        Action.RETURN_RESULT: lambda actor: services.return_result(
            dossier, actor=actor, channel="online", **common
        ),
        Action.WITHDRAW: lambda actor: services.withdraw_dossier(
            dossier, actor=actor, reason="Người nộp xin rút", **common
        ),
        Action.REISSUE_SECRET: lambda actor: services.reissue_lookup_secret(
            dossier, actor=actor, **common
        ),
    }


def _outcome(call, actor):
    """True when the service accepted (then rolled back), else the refusal it raised."""
    try:
        with transaction.atomic():
            call(actor)
            raise _RolledBack
    except _RolledBack:
        return True
    except (NotAllowed, TransitionRefused) as refusal:
        return refusal


def _guard(action, actor, dossier):
    """The refusal the action's guard gives `actor` now (None: allowed)."""
    from motcua.dossiers.services.steps import current_step

    if action == PROVIDE_SUPPLEMENT:
        return policies.can_provide_supplement(actor, dossier)
    if action in DOSSIER_GUARDS:
        return DOSSIER_GUARDS[action](actor, dossier)
    step = current_step(dossier)
    return None if step is None else STEP_GUARDS[action](actor, dossier, step)


def _offered_on_the_page(client, dossier, official) -> set[str]:
    """The actions whose forms the dossier page shows `official` (none when they may not see
    the dossier: the page is not found)."""
    sign_in_official(client, official)
    response = client.get(reverse("office:dossier", args=[dossier.code]))
    if response.status_code == 404:
        return set()
    assert response.status_code == 200
    page = response.content.decode()
    return {
        action for action in ORDER if reverse("office:action", args=[dossier.code, action]) in page
    }


@pytest.mark.parametrize("state", list(STATES))
def test_services_refuse_with_their_guard_and_the_office_offers_what_they_accept(
    client, world, state
):
    dossier = STATES[state](world)
    calls = _calls(world, Dossier.objects.get(pk=dossier.pk))
    assert set(calls) == set(ORDER)
    for name in OFFICIALS:
        official = getattr(world, name)
        fresh = Dossier.objects.get(pk=dossier.pk)
        accepted = []
        for action in ORDER:
            outcome = _outcome(calls[action], official)
            if outcome is True:
                accepted.append(action)
            elif isinstance(outcome, NotAllowed):
                refusal = _guard(action, official, fresh)
                assert refusal is not None and refusal.message == outcome.message, (
                    state,
                    name,
                    action,
                )
        assert available_actions(fresh, official) == accepted, (state, name)
        assert _offered_on_the_page(client, fresh, official) == set(accepted), (state, name)


def test_an_official_of_another_agency_is_offered_nothing(world):
    dossier = _assigned(world)
    assert available_actions(dossier, world.outsider) == []


def test_reception_is_offered_the_reception_desk_choices_for_a_submitted_dossier(world):
    dossier = _submitted(world)
    assert available_actions(dossier, world.receptionist) == [
        Action.RECEIVE,
        Action.RETURN_FOR_COMPLETION,
        Action.REFUSE,
        Action.WITHDRAW,
        Action.REISSUE_SECRET,
    ]


def test_an_apology_is_offered_once(world):
    dossier = _assigned(world)
    assert Action.APOLOGISE in available_actions(dossier, world.leader)
    services.apologise(
        dossier,
        actor=world.leader,
        reason="Cần xác minh",
        new_due_at=dossier.due_at + timedelta(days=10),
        now=ACT_AT,
    )
    assert Action.APOLOGISE not in available_actions(dossier, world.leader)


def test_a_specialist_hands_over_their_own_step_but_not_the_leaders(world):
    dossier = _assigned(world)
    assert Action.HAND_OVER in available_actions(dossier, world.specialist)
    dossier = _leaders_step_at_the_specialists_unit(world)
    step = dossier.steps.get(finished_at__isnull=True)
    assert (step.role, step.unit) == ("unit_leader", world.unit)
    assert Action.HAND_OVER not in available_actions(dossier, world.specialist)
    with pytest.raises(NotAllowed):
        services.hand_over(
            dossier, actor=world.specialist, to_agency=world.other, reason="Liên thông", now=ACT_AT
        )
    assert Action.HAND_OVER in available_actions(dossier, world.leader)
    services.hand_over(
        dossier, actor=world.leader, to_agency=world.other, reason="Liên thông", now=ACT_AT
    )
