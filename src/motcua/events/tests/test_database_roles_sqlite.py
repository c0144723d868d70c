"""Without PostgreSQL there are no roles to check: the command says so instead of passing
silently."""

import pytest
from django.core.management import call_command
from django.db import connection


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="about SQLite, which has no roles")
def test_check_database_roles_says_sqlite_has_no_roles(capsys):
    call_command("check_database_roles")
    assert "SQLite has no database roles" in capsys.readouterr().out
