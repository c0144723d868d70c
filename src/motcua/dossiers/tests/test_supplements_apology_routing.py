"""Issue 9's one-stop rules of 2025 in the services: a second supplement request is justified
and counted, a supplement period has its unit and its end on the working calendar, the apology
is given once, and the responsible agency of a dossier received outside its commune."""

from __future__ import annotations

from datetime import timedelta

import pytest

from motcua.agencies.choices import AgencyKind
from motcua.agencies.models import Commune
from motcua.agencies.tests.factories import AgencyFactory
from motcua.catalog.choices import ImplementingLevel
from motcua.catalog.tests.factories import ProcedureAgencyFactory
from motcua.dossiers import deadlines, services
from motcua.dossiers.actions import available_actions
from motcua.dossiers.choices import Action, PauseReason
from motcua.dossiers.errors import TransitionRefused
from motcua.dossiers.models import Dossier
from motcua.dossiers.printouts import render_form_html
from motcua.dossiers.services.base import calendar
from motcua.dossiers.tests.fixtures import received, submit_online, vn

pytestmark = pytest.mark.django_db


def _supplement(world, dossier, *, now, period_days=None, justification=""):
    return services.pause_dossier(
        dossier,
        actor=world.specialist,
        reason=PauseReason.SUPPLEMENT,
        note="Thiếu bản vẽ",
        items=["Bản vẽ mặt bằng"],
        period_days=period_days,
        justification=justification,
        now=now,
    )


def test_a_second_supplement_request_is_justified_and_counted_for_the_figures(world):
    dossier = received(world)
    _supplement(world, dossier, now=vn(2026, 3, 3, 9))
    dossier.refresh_from_db()
    assert dossier.supplement_requests == 1
    services.resume_dossier(dossier, actor=world.specialist, now=vn(2026, 3, 4, 9))
    _supplement(world, dossier, now=vn(2026, 3, 5, 9), justification="Bản vẽ mới vẫn sai tỉ lệ")
    dossier.refresh_from_db()
    assert dossier.supplement_requests == 2
    assert Dossier.objects.filter(supplement_requests__gt=1).get() == dossier
    pause = dossier.audit_events.filter(action=Action.PAUSE).order_by("-pk").first()
    assert pause.data["second_request"] is True


def test_a_supplement_period_ends_on_the_working_calendar_and_is_stated_with_its_unit(world):
    dossier = received(world)
    # Thursday 3 December 2026: five working days are Fri 4, Mon 7, Tue 8, Wed 9, Thu 10.
    pause = _supplement(world, dossier, now=vn(2026, 12, 3, 15), period_days=5)
    pause.refresh_from_db()
    assert pause.period_end_at == vn(2026, 12, 10, 17)
    assert pause.period_text == "trong 5 ngày làm việc, đến 17:00 ngày 10/12/2026"
    form = dossier.issued_forms.get(form="02")
    assert "trong 5 ngày làm việc, đến 17:00 ngày 10/12/2026" in form.html
    assert "kể từ" not in form.html
    html = render_form_html(dossier, "02", now=vn(2026, 12, 3, 16))
    assert "đến 17:00 ngày 10/12/2026" in html


def test_the_period_skips_weekends_and_holidays():
    cal = calendar()
    # Requested Friday 24 April 2026: Monday 27/4 (Hùng Kings, moved), 30/4 and 1/5 are off.
    end = deadlines.supplement_period_end(cal, vn(2026, 4, 24, 10), 2)
    assert end == vn(2026, 4, 29, 17)
    end = deadlines.supplement_period_end(cal, vn(2026, 4, 24, 10), 3)
    assert end == vn(2026, 5, 4, 17)


def test_the_apology_is_offered_once_by_the_same_guard_the_service_checks(world):
    dossier = received(world)
    dossier = Dossier.objects.get(pk=dossier.pk)
    early = dossier.due_at - timedelta(days=10)
    assert Action.APOLOGISE in available_actions(dossier, world.leader)
    apology = services.apologise(
        dossier,
        actor=world.leader,
        reason="Chờ ý kiến cơ quan phối hợp",
        new_due_at=dossier.due_at + timedelta(days=5),
        now=early,
    )
    assert not apology.is_late
    dossier = Dossier.objects.get(pk=dossier.pk)
    assert Action.APOLOGISE not in available_actions(dossier, world.leader)
    with pytest.raises(TransitionRefused) as caught:
        services.apologise(
            dossier,
            actor=world.leader,
            reason="Lần nữa",
            new_due_at=dossier.due_at + timedelta(days=9),
            now=early + timedelta(days=1),
        )
    assert caught.value.field == "new_due_at"


def _commune_procedure(world):
    """The world's procedure made commune-level, implemented by two wards' People's Committees."""
    first, second = Commune.objects.order_by("code")[:2]
    wards = []
    for commune in (first, second):
        ward = AgencyFactory(
            name=f"UBND {commune.name}", kind=AgencyKind.COMMUNE, commune_id=commune.pk
        )
        ProcedureAgencyFactory(procedure=world.procedure, agency=ward)
        wards.append(ward)
    world.procedure.implementing_level = ImplementingLevel.COMMUNE
    world.procedure.save()
    return wards, (first, second)


def test_a_commune_procedure_received_anywhere_goes_to_the_applicants_commune(world):
    wards, communes = _commune_procedure(world)
    dossier = submit_online(world, commune_code=communes[1].code).dossier
    assert dossier.receiving_agency == world.centre
    assert dossier.responsible_agency == wards[1]
    assert communes[1].name in dossier.routing_reason
    assert "Thủ tục cấp xã" in dossier.routing_reason


def test_a_provincial_procedure_keeps_its_only_agency_and_says_so(world):
    dossier = submit_online(world).dossier
    assert dossier.responsible_agency == world.department
    assert dossier.routing_reason == "Cơ quan duy nhất thực hiện thủ tục này."
