"""System check: the application's database role must not be able to rewrite the audit trail or
the personal-data access log. A database check, so it runs with `manage.py check --database
default` (and `check --deploy --database default` before a release), not on every command."""

from __future__ import annotations

from django.core.checks import Tags, Warning, register
from django.db import DEFAULT_DB_ALIAS, connections

from motcua.events.roles import is_owner_connection, role_problems


@register(Tags.database)
def check_application_role(app_configs=None, databases=None, **kwargs):
    if not databases or DEFAULT_DB_ALIAS not in databases:
        return []
    if is_owner_connection(connections[DEFAULT_DB_ALIAS]):
        return []  # `migrate` runs its checks logged in as the owner, on purpose
    return [
        Warning(
            problem,
            hint="manage.py setup_database_roles (docs/deployment.md, Database roles)",
            id="motcua.W001",
        )
        for problem in role_problems(connections[DEFAULT_DB_ALIAS])
    ]
