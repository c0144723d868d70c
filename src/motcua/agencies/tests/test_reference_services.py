"""Roles, the agency tree and the working calendar change through audited services, and the
admin's pages call them."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.agencies import services
from motcua.agencies.choices import Role
from motcua.agencies.models import Agency, RoleGrant
from motcua.agencies.tests.factories import AgencyFactory, RoleGrantFactory
from motcua.agencies.working_calendar import remove_override, save_override
from motcua.dossiers.tests.fixtures import received, vn
from motcua.events.models import OutboxEvent, ReferenceAuditEvent
from motcua.events.reference import verify_reference_chain
from motcua.testing import sign_in_official
from motcua.workdays.choices import OverrideKind
from motcua.workdays.models import CalendarOverride
from motcua.workdays.services import get_calendar

pytestmark = pytest.mark.django_db

NOW = vn(2026, 3, 2, 9, 30)


@pytest.fixture
def tree():
    """A city with two departments, one with a unit, and a system administrator of one
    department's subtree."""
    city = AgencyFactory(name="UBND Thành phố")
    construction = AgencyFactory(name="Sở Xây dựng", parent=city)
    unit = AgencyFactory(name="Phòng Cấp phép", parent=construction)
    justice = AgencyFactory(name="Sở Tư pháp", parent=city)
    admin = RoleGrantFactory(
        agency=construction, role=Role.SYSTEM_ADMIN, includes_subtree=True
    ).user
    return city, construction, unit, justice, admin


def official():
    return UserFactory(official=True)


def last_audit() -> ReferenceAuditEvent:
    return ReferenceAuditEvent.objects.order_by("-seq").first()


# --- roles ------------------------------------------------------------------------------


def test_granting_a_role_writes_the_grant_its_audit_and_its_outbox_event(tree):
    _city, construction, unit, _justice, admin = tree
    user = official()

    grant = services.grant_role(
        user=user, agency=unit, role=Role.SPECIALIST, title="Chuyên viên", actor=admin, now=NOW
    )

    assert RoleGrant.objects.get(pk=grant.pk).role == Role.SPECIALIST
    audit = last_audit()
    assert (audit.action, audit.actor, audit.at) == ("role_granted", admin, NOW)
    assert audit.subject_key == f"{user.username}@{unit.code}:specialist"
    assert audit.data["after"]["title"] == "Chuyên viên"
    event = OutboxEvent.objects.get(type="agency.role_granted")
    assert event.payload["user"] == user.username
    assert event.payload["audit_seq"] == audit.seq
    assert verify_reference_chain() == []


def test_granting_the_same_role_again_changes_nothing_and_records_nothing(tree):
    _city, _construction, unit, _justice, admin = tree
    user = official()
    services.grant_role(user=user, agency=unit, role=Role.SPECIALIST, actor=admin, now=NOW)
    services.grant_role(user=user, agency=unit, role=Role.SPECIALIST, actor=admin, now=NOW)
    assert ReferenceAuditEvent.objects.count() == 1
    services.grant_role(
        user=user, agency=unit, role=Role.SPECIALIST, title="Tổ trưởng", actor=admin, now=NOW
    )
    assert last_audit().action == "role_changed"
    assert RoleGrant.objects.filter(user=user).count() == 1


def test_a_system_administrator_grants_only_inside_their_subtree(tree):
    city, construction, _unit, justice, admin = tree
    with pytest.raises(PermissionDenied):
        services.grant_role(user=official(), agency=justice, role=Role.RECEPTION, actor=admin)
    with pytest.raises(PermissionDenied):
        services.grant_role(user=official(), agency=city, role=Role.RECEPTION, actor=admin)
    # A system administrator of one agency alone may not grant on its whole subtree.
    narrow = RoleGrantFactory(agency=justice, role=Role.SYSTEM_ADMIN).user
    services.grant_role(user=official(), agency=justice, role=Role.RECEPTION, actor=narrow)
    with pytest.raises(PermissionDenied):
        services.grant_role(
            user=official(),
            agency=justice,
            role=Role.UNIT_LEADER,
            includes_subtree=True,
            actor=narrow,
        )
    # Other roles, even over the whole city, do not grant roles.
    leader = RoleGrantFactory(agency=city, role=Role.UNIT_LEADER, includes_subtree=True).user
    with pytest.raises(PermissionDenied):
        services.grant_role(user=official(), agency=construction, role=Role.RECEPTION, actor=leader)
    assert ReferenceAuditEvent.objects.count() == 1


def test_only_officials_are_granted_roles(tree):
    _city, construction, _unit, _justice, admin = tree
    with pytest.raises(ValidationError) as caught:
        services.grant_role(
            user=UserFactory(), agency=construction, role=Role.RECEPTION, actor=admin
        )
    assert "user" in caught.value.message_dict


def test_revoking_a_role_deletes_it_and_keeps_its_history(tree):
    _city, construction, _unit, _justice, admin = tree
    grant = RoleGrantFactory(agency=construction, role=Role.RECEPTION)
    services.revoke_role(grant, actor=admin, now=NOW)
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()
    audit = last_audit()
    assert audit.action == "role_revoked"
    assert audit.data["before"]["role"] == Role.RECEPTION
    assert OutboxEvent.objects.filter(type="agency.role_revoked").count() == 1


def test_revoking_is_refused_outside_the_administrators_subtree(tree):
    _city, _construction, _unit, justice, admin = tree
    grant = RoleGrantFactory(agency=justice, role=Role.RECEPTION)
    with pytest.raises(PermissionDenied):
        services.revoke_role(grant, actor=admin)
    assert RoleGrant.objects.filter(pk=grant.pk).exists()


# --- the tree ---------------------------------------------------------------------------


def test_moving_an_agency_moves_its_subtree_and_is_audited(tree):
    city, construction, unit, justice, _admin = tree
    root_admin = RoleGrantFactory(agency=city, role=Role.SYSTEM_ADMIN, includes_subtree=True).user
    below_unit = AgencyFactory(parent=unit)

    services.move_agency(construction, justice, actor=root_admin, now=NOW)

    construction.refresh_from_db()
    unit.refresh_from_db()
    below_unit.refresh_from_db()
    assert construction.parent == justice
    assert unit.path.startswith(justice.path) and below_unit.path.startswith(unit.path)
    assert (construction.depth, unit.depth, below_unit.depth) == (2, 3, 4)
    assert list(justice.subtree().order_by("depth")) == [justice, construction, unit, below_unit]
    audit = last_audit()
    assert audit.action == "agency_moved"
    assert audit.data["from_parent"] == city.code and audit.data["to_parent"] == justice.code
    assert audit.data["agencies_moved"] == 3
    assert OutboxEvent.objects.get(type="agency.moved").subject == construction.code


def test_a_move_into_its_own_subtree_is_refused(tree):
    city, construction, unit, _justice, _admin = tree
    root_admin = RoleGrantFactory(agency=city, role=Role.SYSTEM_ADMIN, includes_subtree=True).user
    for target in (construction, unit):
        with pytest.raises(ValidationError) as caught:
            services.move_agency(construction, target, actor=root_admin)
        assert "parent" in caught.value.message_dict
    assert Agency.objects.get(pk=construction.pk).parent == city
    assert not ReferenceAuditEvent.objects.exists()


def test_a_move_needs_the_agency_and_the_new_parent_in_the_administrators_care(tree):
    city, construction, unit, justice, admin = tree
    with pytest.raises(PermissionDenied):
        services.move_agency(unit, justice, actor=admin)  # justice is not theirs
    with pytest.raises(PermissionDenied):
        services.move_agency(justice, construction, actor=admin)  # justice is not theirs
    with pytest.raises(PermissionDenied):
        services.move_agency(construction, None, actor=admin)  # only a superuser makes a top
    other_unit = AgencyFactory(parent=construction)
    services.move_agency(unit, other_unit, actor=admin)
    assert Agency.objects.get(pk=unit.pk).parent == other_unit


# --- the calendar -----------------------------------------------------------------------


@pytest.fixture
def calendar_admin(world):
    city = world.centre.parent
    return RoleGrantFactory(agency=city, role=Role.CATALOG_ADMIN, includes_subtree=True).user


def test_a_calendar_override_is_audited_and_leaves_due_moments_already_set(world, calendar_admin):
    dossier = received(world)
    due_before = dossier.due_at
    assert due_before is not None
    # A day off before the due moment would push it later, if due moments moved silently.
    day_off = date(2026, 3, 4)
    assert get_calendar().is_working_day(day_off)

    override = save_override(
        day=day_off,
        kind=OverrideKind.DAY_OFF,
        reason="Nghỉ theo quyết định của UBND Thành phố",
        actor=calendar_admin,
        now=NOW,
    )

    assert not get_calendar().is_working_day(day_off)
    dossier.refresh_from_db()
    assert dossier.due_at == due_before
    audit = last_audit()
    assert (audit.action, audit.subject_key) == ("calendar_override_saved", "2026-03-04")
    assert audit.data["open_dossiers_due_from"] == 1
    event = OutboxEvent.objects.get(type="calendar.override_saved")
    assert event.payload["after"]["kind"] == OverrideKind.DAY_OFF

    remove_override(override, actor=calendar_admin, now=NOW)
    assert not CalendarOverride.objects.exists()
    assert last_audit().action == "calendar_override_removed"
    assert verify_reference_chain() == []


def test_the_calendar_is_changed_only_by_a_catalog_administrator_of_the_whole_province(world):
    department_admin = RoleGrantFactory(
        agency=world.department, role=Role.CATALOG_ADMIN, includes_subtree=True
    ).user
    system_admin = RoleGrantFactory(
        agency=world.centre.parent, role=Role.SYSTEM_ADMIN, includes_subtree=True
    ).user
    for actor in (department_admin, system_admin, world.receptionist):
        with pytest.raises(PermissionDenied):
            save_override(
                day=date(2026, 3, 4), kind=OverrideKind.DAY_OFF, reason="Thử", actor=actor
            )
    assert not CalendarOverride.objects.exists()


def test_a_useless_override_is_refused_by_the_service(calendar_admin):
    with pytest.raises(ValidationError) as caught:
        save_override(
            day=date(2026, 3, 7),  # a Saturday
            kind=OverrideKind.DAY_OFF,
            reason="Thứ Bảy",
            actor=calendar_admin,
        )
    assert "kind" in caught.value.message_dict
    assert not ReferenceAuditEvent.objects.exists()


# --- the admin calls the services --------------------------------------------------------


@pytest.fixture
def superuser_client(client):
    user = UserFactory(official=True, is_superuser=True)
    sign_in_official(client, user)
    return client, user


def test_the_admin_grants_changes_and_revokes_roles_through_the_services(tree, superuser_client):
    client, user = superuser_client
    _city, construction, unit, _justice, _admin = tree
    grantee = official()
    response = client.post(
        reverse("admin:agencies_rolegrant_add"),
        {"user": grantee.pk, "agency": unit.pk, "role": Role.SPECIALIST, "title": "Chuyên viên"},
    )
    assert response.status_code == 302
    grant = RoleGrant.objects.get(user=grantee)
    assert (last_audit().action, last_audit().actor) == ("role_granted", user)

    # Changing the agency of a grant is the old one revoked and a new one granted.
    response = client.post(
        reverse("admin:agencies_rolegrant_change", args=[grant.pk]),
        {"user": grantee.pk, "agency": construction.pk, "role": Role.SPECIALIST, "title": ""},
    )
    assert response.status_code == 302
    assert list(RoleGrant.objects.filter(user=grantee).values_list("agency", flat=True)) == [
        construction.pk
    ]
    actions = list(ReferenceAuditEvent.objects.order_by("seq").values_list("action", flat=True))
    assert actions == ["role_granted", "role_revoked", "role_granted"]

    grant = RoleGrant.objects.get(user=grantee)
    response = client.post(
        reverse("admin:agencies_rolegrant_delete", args=[grant.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not RoleGrant.objects.filter(user=grantee).exists()
    assert last_audit().action == "role_revoked"
    assert verify_reference_chain() == []


def test_the_role_admin_refuses_a_grant_outside_the_administrators_subtree(tree, client):
    _city, _construction, _unit, justice, admin = tree
    sign_in_official(client, admin)
    admin.user_permissions.add(*_permissions("agencies", "rolegrant"))
    response = client.post(
        reverse("admin:agencies_rolegrant_add"),
        {"user": official().pk, "agency": justice.pk, "role": Role.RECEPTION, "title": ""},
    )
    assert response.status_code == 200
    assert "Chỉ quản trị hệ thống" in " ".join(
        response.context["adminform"].form.non_field_errors()
    )
    assert not RoleGrant.objects.filter(agency=justice).exists()
    assert not ReferenceAuditEvent.objects.exists()


def _permissions(app_label: str, model: str):
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label=app_label, codename__endswith=model)


def _agency_data(agency: Agency, **changes) -> dict:
    data = {
        "code": agency.code,
        "code_is_official": "",
        "name": agency.name,
        "short_name": agency.short_name,
        "kind": agency.kind,
        "parent": agency.parent_id or "",
        "commune": "",
        "unit_type": "",
        "address": "",
        "phone": "",
        "email": "",
        "receives_dossiers": "on",
        "counter_hours": "",
        "is_active": "on",
        "role_grants-TOTAL_FORMS": "0",
        "role_grants-INITIAL_FORMS": "0",
        "role_grants-MIN_NUM_FORMS": "0",
        "role_grants-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_changing_the_parent_in_the_admin_is_an_audited_move(tree, superuser_client):
    client, user = superuser_client
    _city, construction, unit, justice, _admin = tree
    url = reverse("admin:agencies_agency_change", args=[construction.pk])

    response = client.post(url, _agency_data(construction, parent=unit.pk))
    assert response.status_code == 200
    assert "parent" in response.context["adminform"].form.errors

    response = client.post(url, _agency_data(construction, parent=justice.pk, name="Sở Xây dựng"))
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.path.startswith(justice.path)
    audit = last_audit()
    assert (audit.action, audit.actor, audit.subject_key) == (
        "agency_moved",
        user,
        construction.code,
    )


def test_role_grants_in_the_agency_page_go_through_the_services(tree, superuser_client):
    client, _user = superuser_client
    _city, construction, _unit, _justice, _admin = tree
    grantee = official()
    data = _agency_data(
        construction,
        **{
            "role_grants-TOTAL_FORMS": "1",
            "role_grants-0-user": grantee.pk,
            "role_grants-0-role": Role.RECEPTION,
            "role_grants-0-title": "",
        },
    )
    response = client.post(reverse("admin:agencies_agency_change", args=[construction.pk]), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert RoleGrant.objects.filter(user=grantee, agency=construction).exists()
    assert last_audit().action == "role_granted"


def test_the_calendar_admin_saves_and_deletes_through_the_services(world, client):
    dossier = received(world)
    catalog_admin = RoleGrantFactory(
        agency=world.centre.parent, role=Role.CATALOG_ADMIN, includes_subtree=True
    ).user
    catalog_admin.user_permissions.add(*_permissions("workdays", "calendaroverride"))
    sign_in_official(client, catalog_admin)

    response = client.post(
        reverse("admin:workdays_calendaroverride_add"),
        {"date": "04/03/2026", "kind": OverrideKind.DAY_OFF, "reason": "Nghỉ bù"},
        follow=True,
    )
    assert response.status_code == 200
    assert "hạn đã đặt của hồ sơ này không tự thay đổi" in response.content.decode()
    due_before = dossier.due_at
    assert due_at_of(dossier) == due_before
    override = CalendarOverride.objects.get()
    assert (last_audit().action, last_audit().actor) == ("calendar_override_saved", catalog_admin)

    response = client.post(
        reverse("admin:workdays_calendaroverride_delete", args=[override.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not CalendarOverride.objects.exists()
    assert last_audit().action == "calendar_override_removed"


def due_at_of(dossier):
    dossier.refresh_from_db()
    return dossier.due_at


def test_the_calendar_admin_is_read_only_without_the_province_wide_catalog_role(world, client):
    staff = UserFactory(official=True)
    staff.user_permissions.add(*_permissions("workdays", "calendaroverride"))
    sign_in_official(client, staff)
    response = client.post(
        reverse("admin:workdays_calendaroverride_add"),
        {"date": "04/03/2026", "kind": OverrideKind.DAY_OFF, "reason": "Nghỉ bù"},
    )
    assert response.status_code == 403
    assert not CalendarOverride.objects.exists()


def test_deleting_an_agency_in_the_admin_revokes_its_roles_through_the_service(
    tree, superuser_client
):
    client, _user = superuser_client
    _city, _construction, unit, _justice, _admin = tree
    grant = RoleGrantFactory(agency=unit, role=Role.SPECIALIST)
    response = client.post(reverse("admin:agencies_agency_delete", args=[unit.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Agency.objects.filter(pk=unit.pk).exists()
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()
    audit = last_audit()
    assert (audit.action, audit.data["before"]["agency"]) == ("role_revoked", unit.code)
