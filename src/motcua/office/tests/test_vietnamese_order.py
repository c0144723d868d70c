"""The office lists names in Vietnamese alphabetical order ("Đống Đa" after "Ba Đình" and
before "Giảng Võ"), never in the order of code points, which puts every Đ after Z."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.choices import Role
from motcua.agencies.models import Commune
from motcua.agencies.tests.factories import AgencyFactory, RoleGrantFactory
from motcua.catalog.tests.factories import ProcedureAgencyFactory
from motcua.lib.text import person_sort_key, vi_sort_key
from motcua.office.load import agency_loads, official_loads
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db


def _select(page: str, name: str) -> list[str]:
    """The labels of the options of the select named `name`, without the empty choice."""
    match = re.search(rf'<select[^>]*name="{re.escape(name)}".*?</select>', page, re.S)
    assert match, f"no select {name} on the page"
    return [
        html.unescape(label)
        for value, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)<', match.group(0))
        if value
    ]


def _desk(client, world) -> str:
    sign_in_official(client, world.receptionist)
    url = reverse("office:reception") + (
        f"?co_quan={world.centre.pk}&thu_tuc={world.procedure.code}&truong_hop={world.case.code}"
    )
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_code_point_order_is_what_this_guards_against():
    names = ["Phường Yên Hòa", "Phường Đống Đa", "Phường Giảng Võ"]
    assert sorted(names)[-1] == "Phường Đống Đa"
    assert sorted(names, key=vi_sort_key) == ["Phường Đống Đa", "Phường Giảng Võ", "Phường Yên Hòa"]


def test_the_reception_desk_lists_the_communes_in_vietnamese_order(client, world):
    world.centre.commune = Commune.objects.get(name="Phường Ba Đình")
    world.centre.save()
    communes = _select(_desk(client, world), "commune_code")
    assert len(communes) > 100  # every commune of the centre's province
    assert (
        communes.index("Phường Ba Đình")
        < communes.index("Phường Đống Đa")
        < communes.index("Phường Giảng Võ")
        < communes.index("Phường Yên Hòa")
    )
    assert communes == sorted(communes, key=vi_sort_key)


def test_the_reception_desk_lists_the_responsible_agencies_in_vietnamese_order(client, world):
    for name in ["Sở Xây dựng Zeta", "Sở Đô thị", "Sở Dân cư"]:
        ProcedureAgencyFactory(procedure=world.procedure, agency=AgencyFactory(name=name))
    agencies = _select(_desk(client, world), "responsible_agency")
    assert agencies == ["Sở Dân cư", "Sở Đô thị", world.department.name, "Sở Xây dựng Zeta"]


def test_the_reception_desk_lists_the_officials_receiving_agencies_in_vietnamese_order(
    client, world
):
    # Made in this order, the tree (ids) and code points would both list Z first.
    for name in ["Trung tâm Zeta", "Trung tâm Đống Đa", "Trung tâm Ba Vì"]:
        agency = AgencyFactory(name=name, parent=world.centre.parent)
        RoleGrantFactory(user=world.receptionist, agency=agency, role=Role.RECEPTION)
    sign_in_official(client, world.receptionist)
    page = client.get(reverse("office:reception")).content.decode()
    agencies = _select(page, "co_quan")
    assert agencies.index("Trung tâm Ba Vì") < agencies.index("Trung tâm Đống Đa")
    assert agencies.index("Trung tâm Đống Đa") < agencies.index("Trung tâm Zeta")
    assert agencies == sorted(agencies, key=vi_sort_key)


def test_the_load_table_lists_officials_with_as_many_steps_by_given_name(world):
    names = ["Trần Văn Đức", "Lê Thị Zung", "Nguyễn Văn An", "Phạm Thị Dung"]
    for name in names:
        user = UserFactory(official=True, full_name=name)
        RoleGrantFactory(user=user, agency=world.unit, role=Role.SPECIALIST)
    rows = agency_loads(world.leader, now=timezone.now())
    idle = [load.user.full_name for load in official_loads(rows) if load.open_steps == 0]
    listed = [name for name in idle if name in names]
    assert listed == ["Nguyễn Văn An", "Phạm Thị Dung", "Trần Văn Đức", "Lê Thị Zung"]
    assert idle == sorted(idle, key=person_sort_key)
