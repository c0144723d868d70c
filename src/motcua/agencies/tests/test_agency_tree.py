import pytest
from django.core.exceptions import ValidationError

from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.choices import Role
from motcua.agencies.models import Agency
from motcua.agencies.selectors import agencies_for, may_act_for
from motcua.agencies.tests.factories import AgencyFactory, RoleGrantFactory


@pytest.fixture
def tree(db):
    city = AgencyFactory(name="UBND Thành phố", kind="peoples_committee")
    dept = AgencyFactory(name="Sở Xây dựng", parent=city)
    unit = AgencyFactory(name="Phòng Quản lý xây dựng", parent=dept, kind="unit")
    team = AgencyFactory(name="Tổ cấp phép", parent=unit, kind="unit")
    other = AgencyFactory(name="Sở Tư pháp", parent=city)
    return city, dept, unit, team, other


def test_the_tree_has_any_depth_and_subtree_is_a_prefix_query(tree):
    city, dept, unit, team, other = tree
    assert team.depth == 3
    assert set(dept.subtree()) == {dept, unit, team}
    assert list(team.ancestors()) == [city, dept, unit, team]


def test_moving_an_agency_moves_its_descendants(tree):
    city, dept, unit, team, other = tree
    unit.parent = other
    unit.save()
    team.refresh_from_db()
    assert team.path.startswith(other.path)
    assert set(other.subtree()) == {other, unit, team}
    assert set(dept.subtree()) == {dept}


def test_an_agency_cannot_be_placed_under_its_own_descendant(tree):
    city, dept, unit, team, other = tree
    dept.parent = team
    with pytest.raises(ValidationError) as caught:
        dept.full_clean()
    assert "parent" in caught.value.message_dict


@pytest.mark.parametrize(
    "code", ["H26", "000.00.00", "000.00.00.h26", "00.00.00.H26", "000.00.00.H2"]
)
def test_agency_codes_are_checked_for_shape(db, code):
    agency = AgencyFactory.build(code=code)
    with pytest.raises(ValidationError) as caught:
        agency.full_clean()
    assert "000.00.00.H26" in caught.value.message_dict["code"][0]


def test_a_grant_covers_only_its_agency_unless_it_includes_the_subtree(tree):
    city, dept, unit, team, other = tree
    official = UserFactory(official=True)
    RoleGrantFactory(user=official, agency=dept, role=Role.SPECIALIST)
    RoleGrantFactory(user=official, agency=other, role=Role.UNIT_LEADER, includes_subtree=True)
    assert set(agencies_for(official, Role.SPECIALIST)) == {dept}
    assert set(agencies_for(official, Role.UNIT_LEADER)) == {other}
    assert not may_act_for(official, Role.SPECIALIST, unit)
    assert not may_act_for(official, Role.RECEPTION, dept)


def test_a_subtree_grant_covers_every_level_below(tree):
    city, dept, unit, team, other = tree
    leader = UserFactory(official=True)
    RoleGrantFactory(user=leader, agency=dept, role=Role.UNIT_LEADER, includes_subtree=True)
    assert set(agencies_for(leader, Role.UNIT_LEADER)) == {dept, unit, team}
    assert may_act_for(leader, Role.UNIT_LEADER, team)
    assert not may_act_for(leader, Role.UNIT_LEADER, city)


def test_inactive_and_anonymous_users_act_for_nothing(tree):
    from django.contrib.auth.models import AnonymousUser

    official = UserFactory(official=True, is_active=False)
    RoleGrantFactory(user=official, agency=tree[0], role=Role.RECEPTION)
    assert not agencies_for(official, Role.RECEPTION).exists()
    assert not agencies_for(AnonymousUser(), Role.RECEPTION).exists()
    assert Agency.objects.count() == 5
