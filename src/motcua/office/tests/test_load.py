"""The leaders' load table: figures per agency and per official, from grouped queries."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.choices import Role
from motcua.agencies.tests.factories import RoleGrantFactory
from motcua.dossiers import services
from motcua.dossiers.choices import Outcome
from motcua.dossiers.tests.fixtures import vn
from motcua.office.load import agency_loads, official_loads
from motcua.office.tests.helpers import assigned, at_last_step, decided, received, submit_online
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db


def _official(agency, role, *, subtree=False):
    user = UserFactory(official=True)
    RoleGrantFactory(user=user, agency=agency, role=role, includes_subtree=subtree)
    return user


def _decided_early(world):
    dossier = submit_online(world, now=timezone.now(), personal_id="001190000020").dossier
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
    sign_in_official(client, world.leader)
    with django_assert_num_queries(QUERIES_LOAD_PAGE):
        response = client.get(reverse("office:load"))
    page = response.content.decode()
    assert response.status_code == 200
    assert world.unit.name in page and "Phạm Thu Hà" in page
    assert re.search(r"Phạm Thu Hà</th>\s*<td>[^<]*</td>\s*<td>2</td>", page)


# Session, user and the device that passed the second factor, the official's grants, the
# agencies led and read (one grant query each), the open steps by unit, the decisions by agency,
# the officials, their grants, the leaders' own steps by unit.
QUERIES_LOAD_PAGE = 12


def test_the_table_is_for_leaders_and_report_readers_only(client, world):
    sign_in_official(client, world.specialist)
    assert client.get(reverse("office:load")).status_code == 403


def test_a_leaders_own_step_counts_as_the_leaders_not_as_unassigned(world):
    at_last_step(world)  # at "Phê duyệt": the department leader's own step, nobody assigned
    received(world, personal_id="001190000024")  # at "Thẩm định" in the unit, to be assigned
    unit_leader = _official(world.unit, Role.UNIT_LEADER)  # leads the unit only
    rows = {row.agency.pk: row for row in agency_loads(world.leader, now=timezone.now())}
    department, unit = rows[world.department.pk], rows[world.unit.pk]
    assert (department.processing, department.unassigned) == (1, 0)
    assert (unit.processing, unit.unassigned) == (1, 1)
    officials = {load.user: load.open_steps for load in official_loads(list(rows.values()))}
    assert officials[world.leader] == 1  # the department's step, through the subtree grant
    assert officials[unit_leader] == 0 and officials[world.specialist] == 0


def test_a_report_reader_reads_the_table_of_their_scope(client, unit_at_work):
    world = unit_at_work
    reader = _official(world.department, Role.REPORT_READER, subtree=True)
    sign_in_official(client, reader)
    home = client.get(reverse("office:home")).content.decode()
    assert reverse("office:load") in home
    response = client.get(reverse("office:load"))
    assert response.status_code == 200
    page = response.content.decode()
    assert world.unit.name in page and "Phạm Thu Hà" in page
    assert world.other.name not in page and "<form" not in page.split("<main")[1]
    rows = {row.agency.pk: row for row in agency_loads(reader, now=timezone.now())}
    assert set(rows) == {world.department.pk, world.unit.pk}
    assert rows[world.unit.pk].processing == 2


def test_quiet_agencies_are_hidden_until_every_agency_is_asked_for(client, unit_at_work):
    world = unit_at_work
    admin = UserFactory(official=True, is_superuser=True)
    sign_in_official(client, admin)
    page = client.get(reverse("office:load")).content.decode()
    # The centre and the other department have nothing now and decided nothing; the city has
    # nothing either, but stays as the agency above the busy ones.
    assert world.unit.name in page and world.department.name in page
    assert "UBND Thành phố Hà Nội" in page
    assert "Đang ẩn 2 cơ quan, đơn vị" in page
    assert world.other.name not in page and "Hoàng Văn Khác" not in page
    assert "Phạm Thu Hà" in page  # holds steps
    page = client.get(reverse("office:load"), {"tat-ca": "1"}).content.decode()
    assert world.other.name in page and "Hoàng Văn Khác" in page
    assert "Đang ẩn" not in page and "Chỉ hiện cơ quan, đơn vị có hồ sơ" in page


def test_an_outsider_leader_sees_only_their_own_agencies(client, unit_at_work):
    world = unit_at_work
    rows = agency_loads(world.outsider, now=timezone.now())
    assert [row.agency for row in rows] == [world.other]
    assert rows[0].processing == rows[0].late == 0
