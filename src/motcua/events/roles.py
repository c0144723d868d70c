"""Database roles on PostgreSQL: the owner runs migrations, the application may not rewrite
history.

Two roles (docs/deployment.md, "Database roles"):
- the owner (DATABASE_OWNER_URL) owns the tables and their triggers and runs `migrate`;
- the application's role (DATABASE_URL) reads and writes the tables it needs, but on the audit
  trails (dossiers and reference data) and the personal-data access log it may only SELECT and
  INSERT: no UPDATE, DELETE or
  TRUNCATE, and, not being the owner, no ALTER TABLE … DISABLE TRIGGER and no DROP TRIGGER.

`grant_application_role` gives the application's role exactly that, and is safe to run again
(after every migration, the post_migrate hook in apps.py does). `role_problems` says what the
connected role could still do to those tables; the system check and `check_database_roles`
report it.
"""

from __future__ import annotations

from contextlib import contextmanager

import dj_database_url
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import gettext as _

# The append-only tables and the triggers that keep them so (events 0002, 0003, 0005, 0006;
# payments 0002).
APPEND_ONLY = {
    "events_auditevent": ("events_auditevent_append_only", "events_auditevent_no_truncate"),
    "events_personaldataaccess": (
        "events_personaldataaccess_append_only",
        "events_personaldataaccess_no_truncate",
    ),
    "events_referenceauditevent": (
        "events_referenceauditevent_append_only",
        "events_referenceauditevent_no_truncate",
    ),
    # Electronic receipts and their cancellations (payments 0002): never edited or deleted.
    "payments_receipt": ("payments_receipt_append_only", "payments_receipt_no_truncate"),
    "payments_receiptcancellation": (
        "payments_receiptcancellation_append_only",
        "payments_receiptcancellation_no_truncate",
    ),
}
FORBIDDEN = ("UPDATE", "DELETE", "TRUNCATE", "TRIGGER", "REFERENCES")


@contextmanager
def connected_as_owner(alias: str = DEFAULT_DB_ALIAS):
    """The connection `alias`, logged in as the owner (DATABASE_OWNER_URL) while the block runs,
    then as the application again. Without an owner configured, the connection as it is.

    One connection changing its user, rather than a second connection: every query of the
    block, including data migrations that use the default manager, runs as the owner."""
    connection = connections[alias]
    owner = settings.DATABASE_OWNER
    if not owner or connection.vendor != "postgresql" or is_owner_connection(connection):
        yield connection
        return
    saved = {name: connection.settings_dict.get(name) for name in owner}
    connection.close()
    connection.settings_dict.update(owner)
    try:
        yield connection
    finally:
        connection.close()
        connection.settings_dict.update(saved)


def is_owner_connection(connection) -> bool:
    owner = settings.DATABASE_OWNER
    return bool(owner) and connection.settings_dict.get("USER") == owner["USER"]


def application_role() -> str:
    """The role the application connects as (the user of DATABASE_URL; read from the setting,
    as the connection may be logged in as the owner just now)."""
    return dj_database_url.parse(settings.DATABASE_URL).get("USER") or ""


class RoleError(Exception):
    pass


def grant_application_role(connection, role: str, *, password: str | None = None) -> list[str]:
    """Create `role` if it does not exist (with LOGIN and `password`), then grant it what the
    application needs, and only SELECT and INSERT on the append-only tables. Runs on the owner's
    `connection`; returns the statements run."""
    if connection.vendor != "postgresql":
        raise RoleError(_("Vai trò cơ sở dữ liệu chỉ có trên PostgreSQL."))
    quote = connection.ops.quote_name
    name = quote(role)
    run: list[str] = []
    with connection.cursor() as cursor:

        def execute(sql: str, params=None) -> None:
            cursor.execute(sql, params)
            run.append(sql)

        cursor.execute("SELECT current_user, current_database(), current_schema()")
        owner, database, schema = cursor.fetchone()
        if role == owner:
            raise RoleError(
                _("Vai trò của ứng dụng (%(role)s) không được là vai trò sở hữu bảng.")
                % {"role": role}
            )
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        if cursor.fetchone() is None:
            if password:
                execute(f"CREATE ROLE {name} LOGIN PASSWORD %s", [password])
            else:
                execute(f"CREATE ROLE {name} LOGIN")
        cursor.execute(
            "SELECT rolsuper OR pg_has_role(%s, %s, 'MEMBER') FROM pg_roles WHERE rolname = %s",
            [role, owner, role],
        )
        if cursor.fetchone()[0]:
            raise RoleError(
                _(
                    "Vai trò %(role)s là superuser hoặc thành viên của vai trò sở hữu %(owner)s: "
                    "nó có thể sửa nhật ký. Hãy dùng một vai trò riêng."
                )
                % {"role": role, "owner": owner}
            )
        execute(f"GRANT CONNECT ON DATABASE {quote(database)} TO {name}")
        execute(f"GRANT USAGE ON SCHEMA {quote(schema)} TO {name}")
        execute(
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {quote(schema)} "
            f"TO {name}"
        )
        execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {quote(schema)} TO {name}")
        # Tables that later migrations create (as the owner) are usable at once; the grant
        # below is applied again after each migration.
        execute(
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {quote(schema)} "
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {name}"
        )
        execute(
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {quote(schema)} "
            f"GRANT USAGE, SELECT ON SEQUENCES TO {name}"
        )
        execute(
            f"REVOKE TRUNCATE, TRIGGER, REFERENCES ON ALL TABLES IN SCHEMA {quote(schema)} "
            f"FROM {name}"
        )
        for table in APPEND_ONLY:
            cursor.execute("SELECT to_regclass(%s)", [table])
            if cursor.fetchone()[0] is None:
                continue  # before the first migration; the post-migrate grant comes back here
            execute(f"REVOKE ALL ON {quote(table)} FROM {name}")
            execute(f"GRANT SELECT, INSERT ON {quote(table)} TO {name}")
    return run


def role_problems(connection) -> list[str]:
    """What the role `connection` is connected as could do to the append-only tables beyond
    SELECT and INSERT, and any trigger missing or disabled. Empty when the trail is sealed (and
    always on SQLite, which has no roles: docs/deployment.md)."""
    if connection.vendor != "postgresql":
        return []
    problems: list[str] = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user")
        role, superuser = cursor.fetchone()
        if superuser:
            problems.append(
                _("Ứng dụng kết nối bằng superuser %(role)s: nó có thể sửa và xóa nhật ký.")
                % {"role": role}
            )
        for table, triggers in APPEND_ONLY.items():
            cursor.execute(
                "SELECT c.oid, pg_get_userbyid(c.relowner) FROM pg_class c "
                "WHERE c.oid = to_regclass(%s)",
                [table],
            )
            row = cursor.fetchone()
            if row is None:
                problems.append(_("Chưa có bảng %(table)s.") % {"table": table})
                continue
            oid, owner = row
            cursor.execute("SELECT pg_has_role(current_user, %s, 'MEMBER')", [owner])
            if cursor.fetchone()[0] and not superuser:
                problems.append(
                    _(
                        "Ứng dụng kết nối bằng vai trò sở hữu bảng %(table)s (%(owner)s): nó có "
                        "thể tắt hoặc xóa trigger (ALTER/DROP TRIGGER) rồi sửa nhật ký."
                    )
                    % {"table": table, "owner": owner}
                )
            for privilege in FORBIDDEN:
                cursor.execute(
                    "SELECT has_table_privilege(current_user, %s::oid, %s)", [oid, privilege]
                )
                if cursor.fetchone()[0] and not superuser:
                    problems.append(
                        _("Vai trò %(role)s có quyền %(privilege)s trên bảng %(table)s.")
                        % {"role": role, "privilege": privilege, "table": table}
                    )
            cursor.execute(
                "SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = %s AND NOT tgisinternal",
                [oid],
            )
            present = dict(cursor.fetchall())
            for trigger in triggers:
                if trigger not in present:
                    problems.append(
                        _("Thiếu trigger %(trigger)s trên bảng %(table)s.")
                        % {"trigger": trigger, "table": table}
                    )
                elif present[trigger] == "D":
                    problems.append(
                        _("Trigger %(trigger)s trên bảng %(table)s đang bị tắt.")
                        % {"trigger": trigger, "table": table}
                    )
    return problems
