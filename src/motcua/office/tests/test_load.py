"""The leaders' load table: figures per agency and per official, from grouped queries."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from motcua.dossiers import services
from motcua.dossiers.choices import Outcome
from motcua.dossiers.tests.fixtures import pdf, vn
from motcua.office.load import agency_loads, official_loads
from motcua.office.tests.helpers import assigned, decided, received

pytestmark = pytest.mark.django_db


def _decided_early(world):
    dossier = services.create_dossier(
        procedure=world.procedure,
        case=world.case,
        channel="online",
        applicant=world.applicant(personal_id="001190000020"),
        receiving_agency=world.centre,
        form_data={"dien_tich": "50"},
        uploads=[services.Upload("DON", pdf()), services.Upload("GCN", pdf())],
    ).dossier
    services.receive_dossier(dossier, actor=world.receptionist)
    services.decide_dossier(
        dossier, actor=world.leader, outcome=Outcome.REJECTED, reason="Không đủ điều kiện"
    )
    return dossier


@pytest.fixture
def unit_at_work(world):
    assigned(world)  # processing, overdue (due in March 2026), the specialist's
    received(world, personal_id="001190000021")  # processing, overdue, unassigned
    paused = assigned(world, personal_id="001190000022")
    services.pause_dossier(
        paused,
        actor=world.specialist,
        reason="financial",
        note="Chờ nộp tiền sử dụng đất",
        now=vn(2026, 3, 3, 9),
    )
    decided(world, personal_id="001190000023", now=timezone.now())  # late
    _decided_early(world)
    return world


def test_the_figures_per_agency_and_per_official(unit_at_work):
    world = unit_at_work
    rows = {row.agency.pk: row for row in agency_loads(world.leader, now=timezone.now())}
    assert set(rows) == {world.department.pk, world.unit.pk}
    unit = rows[world.unit.pk]
    assert (unit.processing, unit.paused, unit.overdue, unit.unassigned) == (2, 1, 2, 1)
    department = rows[world.department.pk]
    assert (department.early, department.on_time, department.late) == (1, 0, 1)
    officials = {load.user: load.open_steps for load in official_loads(list(rows.values()))}
    assert officials[world.specialist] == 2 and officials[world.leader] == 0
    assert world.receptionist not in officials


def test_the_page_shows_the_table_in_a_fixed_number_of_queries(
    client, unit_at_work, django_assert_num_queries
):
    world = unit_at_work
    client.force_login(world.leader)
    with django_assert_num_queries(9):
        response = client.get(reverse("office:load"))
    page = response.content.decode()
    assert response.status_code == 200
    assert world.unit.name in page and "Phạm Thu Hà" in page
    assert re.search(r"Phạm Thu Hà</th>\s*<td>[^<]*</td>\s*<td>2</td>", page)


def test_the_table_is_for_leaders_only(client, world):
    client.force_login(world.specialist)
    assert client.get(reverse("office:load")).status_code == 403


def test_an_outsider_leader_sees_only_their_own_agencies(client, unit_at_work):
    world = unit_at_work
    rows = agency_loads(world.outsider, now=timezone.now())
    assert [row.agency for row in rows] == [world.other]
    assert rows[0].processing == rows[0].late == 0
