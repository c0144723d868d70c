"""On PostgreSQL the application's role may only read and append to the audit trail and the
personal-data access log: TRUNCATE, UPDATE, DELETE and touching the triggers are refused, and
the check says when the role could do more. (Roles are created inside the test's transaction,
so they vanish with it.)"""

from __future__ import annotations

import pytest
from django.core.checks import run_checks
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from motcua.dossiers.tests.fixtures import submit_online
from motcua.events.models import AuditEvent, PersonalDataAccess
from motcua.events.roles import role_problems

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="database roles and the append-only triggers exist on PostgreSQL only",
    ),
]

REFUSED = [
    "TRUNCATE events_auditevent",
    "UPDATE events_auditevent SET actor_name = 'x'",
    "DELETE FROM events_auditevent",
    "ALTER TABLE events_auditevent DISABLE TRIGGER events_auditevent_append_only",
    "DROP TRIGGER events_auditevent_append_only ON events_auditevent",
    "DROP TRIGGER events_auditevent_no_truncate ON events_auditevent",
    "TRUNCATE events_personaldataaccess",
    "UPDATE events_personaldataaccess SET context = 'x'",
    "DELETE FROM events_personaldataaccess",
    "DROP TRIGGER events_personaldataaccess_append_only ON events_personaldataaccess",
    "TRUNCATE events_referenceauditevent",
    "UPDATE events_referenceauditevent SET actor_name = 'x'",
    "DELETE FROM events_referenceauditevent",
    "DROP TRIGGER events_referenceauditevent_no_truncate ON events_referenceauditevent",
]


@pytest.fixture
def app_role():
    """The application's role, made by the command the deployment runs, unique to this test
    database (roles are shared by the whole server)."""
    name = f"{connection.settings_dict['NAME']}_app"[:63]
    call_command("setup_database_roles", app_role=name, verbosity=0)
    call_command("setup_database_roles", app_role=name, verbosity=0)  # idempotent
    return name


def as_role(role: str, sql: str, params=None):
    with transaction.atomic(), connection.cursor() as cursor:
        # The test's own inserts leave deferred foreign-key checks pending, which TRUNCATE
        # would trip on first; check them now so that what is refused is the statement itself.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"SET LOCAL ROLE {connection.ops.quote_name(role)}")
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else None


@pytest.mark.parametrize("sql", REFUSED)
def test_the_application_role_cannot_rewrite_the_trail(world, app_role, sql):
    submit_online(world)
    with pytest.raises(DatabaseError, match="permission denied|must be owner|append-only"):
        as_role(app_role, sql)
    assert AuditEvent.objects.count() == 1


def test_the_application_role_reads_and_appends_and_works_elsewhere(world, app_role):
    dossier = submit_online(world).dossier
    assert as_role(app_role, "SELECT count(*) FROM events_auditevent") == [(1,)]
    as_role(
        app_role,
        "INSERT INTO events_personaldataaccess (user_id, dossier_id, at, context, query) "
        "VALUES (%s, %s, now(), 'test', '')",
        [world.receptionist.pk, dossier.pk],
    )
    assert PersonalDataAccess.objects.filter(context="test").count() == 1
    as_role(
        app_role, "UPDATE dossiers_dossier SET version = version + 1 WHERE id = %s", [dossier.pk]
    )


def test_even_the_owner_cannot_truncate_the_trail_without_removing_a_trigger(world):
    submit_online(world)
    for table in ("events_auditevent", "events_personaldataaccess", "events_referenceauditevent"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(f"TRUNCATE {table}")


def test_the_check_warns_about_a_role_that_can_change_the_trail(app_role):
    # The test suite connects as a superuser: everything is possible, and said.
    problems = role_problems(connection)
    assert problems and "superuser" in problems[0]
    warnings = run_checks(databases=["default"])
    assert any(w.id == "motcua.W001" for w in warnings)
    with pytest.raises(CommandError):
        call_command("check_database_roles")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {connection.ops.quote_name(app_role)}")
        assert role_problems(connection) == []
        call_command("check_database_roles")
        # a grant added by hand is noticed
        cursor.execute("RESET ROLE")
        cursor.execute(
            f"GRANT DELETE ON events_auditevent TO {connection.ops.quote_name(app_role)}"
        )
        cursor.execute(f"SET LOCAL ROLE {connection.ops.quote_name(app_role)}")
        assert role_problems(connection) == [
            f"Vai trò {app_role} có quyền DELETE trên bảng events_auditevent."
        ]


def test_the_check_warns_about_a_disabled_trigger(app_role):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "ALTER TABLE events_auditevent DISABLE TRIGGER events_auditevent_no_truncate"
        )
        cursor.execute(f"SET LOCAL ROLE {connection.ops.quote_name(app_role)}")
        assert role_problems(connection) == [
            "Trigger events_auditevent_no_truncate trên bảng events_auditevent đang bị tắt."
        ]
