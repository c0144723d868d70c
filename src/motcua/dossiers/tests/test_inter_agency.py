"""Work across agencies (liên thông): handing over, coordinating steps, returning to one, and
which step is the last of the process (DossierStep.is_last, set when a step opens)."""

from __future__ import annotations

import importlib
from decimal import Decimal

import pytest
from django.apps import apps

from motcua.agencies.choices import Role
from motcua.agencies.models import Agency
from motcua.agencies.tests.factories import AgencyFactory, RoleGrantFactory
from motcua.catalog.choices import StepUnit
from motcua.catalog.models import ProcessStep
from motcua.catalog.tests.factories import ProcessStepFactory
from motcua.dossiers import services
from motcua.dossiers.actions import available_actions
from motcua.dossiers.choices import Action, Outcome
from motcua.dossiers.errors import DossierError, TransitionRefused
from motcua.dossiers.models import Dossier, DossierStep
from motcua.dossiers.services.steps import current_step
from motcua.dossiers.tests.fixtures import received, vn

pytestmark = pytest.mark.django_db

COORDINATING = "Lấy ý kiến cơ quan phối hợp"


def _at_last_step(world, **applicant):
    dossier = received(world, **applicant)
    services.forward_dossier(dossier, actor=world.specialist, now=vn(2026, 3, 3, 9))
    return dossier


def with_a_coordinating_step(world):
    """Reception, appraisal, a coordinating agency's opinion, approval."""
    approval = ProcessStep.objects.get(procedure=world.procedure, order=3)
    approval.order = 4
    approval.save()
    ProcessStepFactory(
        procedure=world.procedure,
        order=3,
        name=COORDINATING,
        unit=StepUnit.COORDINATING,
        role=Role.SPECIALIST,
        share_percent=Decimal("10"),
    )


def _deactivate(agency):
    # Deactivated elsewhere (the admin): the caller still holds the instance read before.
    Agency.objects.filter(pk=agency.pk).update(is_active=False)


def _third_agency(world):
    finance = AgencyFactory(name="Sở Tài chính", parent=world.department.parent)
    grant = RoleGrantFactory(agency=finance, role=Role.UNIT_LEADER, includes_subtree=True)
    return finance, grant.user


def _steps(dossier):
    return list(dossier.steps.order_by("started_at", "pk"))


# --- refusing an inactive agency --------------------------------------------------------------


def test_handing_over_to_an_agency_no_longer_active_is_refused_on_the_agency_field(world):
    dossier = received(world)
    before = _steps(dossier)
    _deactivate(world.other)
    with pytest.raises(DossierError) as caught:
        services.hand_over(
            dossier,
            actor=world.specialist,
            to_agency=world.other,
            reason="Lấy ý kiến",
            now=vn(2026, 3, 3, 10),
        )
    assert caught.value.field == "to_agency"
    assert caught.value.errors == {
        "to_agency": ["Sở Tư pháp đã ngừng hoạt động: không thể chuyển hồ sơ đến cơ quan này."]
    }
    after = _steps(dossier)
    assert after == before and after[-1].finished_at is None


def test_forwarding_to_a_coordinating_agency_no_longer_active_is_refused(world):
    with_a_coordinating_step(world)
    dossier = received(world)
    _deactivate(world.other)
    with pytest.raises(DossierError) as caught:
        services.forward_dossier(
            dossier, actor=world.specialist, to_agency=world.other, now=vn(2026, 3, 3, 9)
        )
    assert caught.value.field == "to_agency"
    assert "ngừng hoạt động" in caught.value.message
    assert current_step(dossier).name == "Thẩm định hồ sơ"
    Agency.objects.filter(pk=world.other.pk).update(is_active=True)
    step = services.forward_dossier(
        dossier, actor=world.specialist, to_agency=world.other, now=vn(2026, 3, 3, 9)
    )
    assert (step.name, step.unit) == (COORDINATING, world.other)


# --- returning to a coordinating step ---------------------------------------------------------


def _past_the_coordinating_step(world):
    """At approval, after the coordinating step was held by Sở Tư pháp, then handed over by it
    to Sở Tài chính, which forwarded."""
    with_a_coordinating_step(world)
    finance, finance_leader = _third_agency(world)
    dossier = received(world)
    services.forward_dossier(
        dossier, actor=world.specialist, to_agency=world.other, now=vn(2026, 3, 3, 9)
    )
    services.hand_over(
        dossier,
        actor=world.outsider,
        to_agency=finance,
        reason="Thuộc thẩm quyền Sở Tài chính",
        now=vn(2026, 3, 4, 9),
    )
    step = services.forward_dossier(dossier, actor=finance_leader, now=vn(2026, 3, 5, 9))
    assert step.name == "Phê duyệt"
    return dossier, finance


def test_returning_to_a_coordinating_step_reopens_it_at_the_agency_that_last_held_it(world):
    dossier, finance = _past_the_coordinating_step(world)
    step = services.return_to_step(
        dossier,
        actor=world.leader,
        order=3,
        reason="Cần ý kiến rõ hơn về lệ phí",
        now=vn(2026, 3, 6, 9),
    )
    assert (step.order, step.unit, step.name) == (3, finance, COORDINATING)
    assert step.is_last is False
    assert dossier.audit_events.last().data["to_unit"] == "Sở Tài chính"


def test_returning_to_a_coordinating_step_may_name_another_agency_that_held_it(world):
    dossier, _finance = _past_the_coordinating_step(world)
    step = services.return_to_step(
        dossier,
        actor=world.leader,
        order=3,
        reason="Cần ý kiến của Sở Tư pháp",
        to_agency=world.other,
        now=vn(2026, 3, 6, 9),
    )
    assert step.unit == world.other


def test_returning_to_a_coordinating_step_refuses_an_agency_that_never_held_it(world):
    dossier, _finance = _past_the_coordinating_step(world)
    stranger = AgencyFactory(name="Sở Y tế")
    with pytest.raises(DossierError) as caught:
        services.return_to_step(
            dossier,
            actor=world.leader,
            order=3,
            reason="Lấy ý kiến",
            to_agency=stranger,
            now=vn(2026, 3, 6, 9),
        )
    assert caught.value.field == "to_agency"
    assert "Sở Y tế chưa thực hiện bước" in caught.value.message


def test_returning_to_a_coordinating_step_whose_agency_is_no_longer_active_is_refused(world):
    dossier, finance = _past_the_coordinating_step(world)
    _deactivate(finance)
    with pytest.raises(DossierError) as caught:
        services.return_to_step(
            dossier, actor=world.leader, order=3, reason="Lấy ý kiến", now=vn(2026, 3, 6, 9)
        )
    assert caught.value.field == "to_agency"
    assert current_step(dossier).name == "Phê duyệt"


def test_an_agency_is_not_chosen_when_returning_to_a_step_of_the_process_own_units(world):
    dossier = _at_last_step(world)
    with pytest.raises(DossierError) as caught:
        services.return_to_step(
            dossier,
            actor=world.leader,
            order=2,
            reason="Thẩm định lại",
            to_agency=world.other,
            now=vn(2026, 3, 4, 9),
        )
    assert caught.value.field == "to_agency"


# --- the last step ----------------------------------------------------------------------------


def test_only_the_step_with_none_after_it_in_the_snapshot_is_the_last(world):
    dossier = received(world)
    # The catalog then grows a step: the dossier keeps the process it was received under.
    ProcessStepFactory(procedure=world.procedure, order=4, name="Ký số kết quả")
    services.forward_dossier(dossier, actor=world.specialist, now=vn(2026, 3, 3, 9))
    services.return_to_step(
        dossier, actor=world.leader, order=2, reason="Thẩm định lại", now=vn(2026, 3, 4, 9)
    )
    services.forward_dossier(dossier, actor=world.specialist, now=vn(2026, 3, 5, 9))
    assert [(s.name, s.is_last) for s in _steps(dossier)] == [
        ("Tiếp nhận hồ sơ", False),
        ("Thẩm định hồ sơ", False),
        ("Phê duyệt", True),
        ("Thẩm định hồ sơ", False),
        ("Phê duyệt", True),
    ]


def test_a_process_without_steps_has_its_one_step_last(world):
    ProcessStep.objects.filter(procedure=world.procedure).delete()
    dossier = received(world)
    assert [(s.order, s.is_last) for s in _steps(dossier)] == [(1, True)]


def test_a_step_handed_over_from_the_middle_of_the_process_is_not_the_last(world):
    dossier = received(world)
    step = services.hand_over(
        dossier,
        actor=world.specialist,
        to_agency=world.other,
        reason="Lấy ý kiến",
        now=vn(2026, 3, 3, 10),
    )
    assert (step.order, step.is_last) == (2, False)
    assert Action.FORWARD in available_actions(dossier, world.outsider)


def test_a_step_handed_over_from_the_last_step_takes_its_place_as_the_last(world):
    dossier = _at_last_step(world)
    approval = current_step(dossier)
    step = services.hand_over(
        dossier,
        actor=world.leader,
        to_agency=world.other,
        reason="Đề nghị Sở Tư pháp cho ý kiến trước khi phê duyệt",
        now=vn(2026, 3, 4, 9),
    )
    assert (step.order, step.share_percent, step.is_last) == (3, approval.share_percent, True)
    # There is no step after it: the coordinating agency's leader decides, never forwards.
    actions = available_actions(dossier, world.outsider)
    assert Action.DECIDE in actions and Action.FORWARD not in actions
    with pytest.raises(TransitionRefused):
        services.forward_dossier(dossier, actor=world.outsider, now=vn(2026, 3, 5, 9))
    services.decide_dossier(
        dossier,
        actor=world.outsider,
        outcome=Outcome.REJECTED,
        reason="Không đủ điều kiện",
        now=vn(2026, 3, 5, 9),
    )


# --- the migration that filled the column for existing steps ----------------------------------


def test_the_migration_fills_the_column_as_opening_the_steps_did(world):
    with_a_coordinating_step(world)
    received(world)  # at appraisal
    middle = received(world, personal_id="001190000021")
    services.hand_over(
        middle, actor=world.specialist, to_agency=world.other, reason="Ý kiến", now=vn(2026, 3, 3)
    )
    last = received(world, personal_id="001190000022")
    services.forward_dossier(
        last, actor=world.specialist, to_agency=world.other, now=vn(2026, 3, 3, 9)
    )
    services.forward_dossier(last, actor=world.outsider, now=vn(2026, 3, 4, 9))
    services.hand_over(
        last, actor=world.leader, to_agency=world.other, reason="Ý kiến", now=vn(2026, 3, 5, 9)
    )
    ProcessStep.objects.filter(procedure=world.procedure).delete()
    without_steps = received(world, personal_id="001190000023")
    assert without_steps.snapshot["steps"] == []
    opened = dict(DossierStep.objects.values_list("pk", "is_last"))
    assert sorted(opened.values()) == [False] * 8 + [True] * 3

    DossierStep.objects.update(is_last=False)
    migration = importlib.import_module("motcua.dossiers.migrations.0002_dossierstep_is_last")
    migration.backfill(apps, schema_editor=None)
    assert dict(DossierStep.objects.values_list("pk", "is_last")) == opened
    assert Dossier.objects.count() == 4
