"""The read replica (REPLICA_DATABASE_URL, motcua.lib.replica): reads made inside
`replica_reads()` are served by the replica, every write and every other read by the primary,
and the replica is never migrated. The replica here is a genuinely second database, made as a
copy of the test database at one moment (as `pg_basebackup` makes a standby) and then left
behind by it, as a lagging standby is: a row only the copy holds tells where a read went.

On PostgreSQL the copy is a second database (CREATE DATABASE ... TEMPLATE); on SQLite, a second
file (the settings accept only PostgreSQL for REPLICA_DATABASE_URL, the routing itself does not
depend on the engine). The settings' side runs in fresh processes, as in
tests/test_deploy_settings.py."""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections

from motcua.agencies.models import Province
from motcua.lib.replica import REPLICA_ALIAS, reading_replica, replica_reader, replica_reads
from tests.sim_process import free_port
from tests.test_deploy_settings import run


class SecondDatabase:
    """A second database registered as the `replica` alias for one test."""

    def __init__(self, tmp_path):
        self.primary = connections["default"]
        self.vendor = self.primary.vendor
        if self.vendor == "postgresql":
            self.name = f"{self.primary.settings_dict['NAME']}_replica"
        else:
            self.name = str(tmp_path / "replica.sqlite3")
        self.config = {**self.primary.settings_dict, "NAME": self.name, "TEST": {"MIRROR": None}}

    def _disconnect(self):
        if REPLICA_ALIAS in connections:
            connections[REPLICA_ALIAS].close()

    def _connect(self):
        # Opened here, not on first use: the test case lets no connection open by itself to an
        # alias that was not there when it started (Django's isolation of test databases).
        if REPLICA_ALIAS in connections:
            connections[REPLICA_ALIAS].connect()

    def _drop(self):
        self._disconnect()
        if self.vendor == "postgresql":
            with self.primary._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.name}"')

    def make_empty(self):
        self._drop()
        if self.vendor == "postgresql":
            with self.primary._nodb_cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{self.name}"')
        else:
            sqlite3.connect(self.name).close()
        self._connect()

    def copy_primary(self):
        """The replica becomes a copy of the primary as it is now (a base backup)."""
        self._drop()
        if self.vendor == "postgresql":
            self.primary.close()  # a template database may have no other session
            with self.primary._nodb_cursor() as cursor:
                cursor.execute(
                    f'CREATE DATABASE "{self.name}" TEMPLATE "{self.primary.settings_dict["NAME"]}"'
                )
        else:
            source = sqlite3.connect(self.primary.settings_dict["NAME"])
            target = sqlite3.connect(self.name)
            try:
                source.backup(target)
            finally:
                source.close()
                target.close()
        self._connect()

    def tables(self) -> list[str]:
        with connections[REPLICA_ALIAS].cursor() as cursor:
            return connections[REPLICA_ALIAS].introspection.table_names(cursor)

    def remove(self):
        self._drop()
        if self.vendor == "postgresql":
            return
        for suffix in ("", "-wal", "-shm"):
            try:
                os.remove(self.name + suffix)
            except FileNotFoundError:
                pass


@pytest.fixture
def replica(transactional_db, settings, tmp_path):
    database = SecondDatabase(tmp_path)
    with registered(database.config):
        database.make_empty()
        settings.DATABASE_ROUTERS = ["motcua.lib.replica.ReplicaRouter"]
        try:
            yield database
        finally:
            database.remove()


@contextmanager
def registered(config: dict):
    """The `replica` alias (DATABASES, which Django's connections read) for a while. Removed
    before the test's own teardown, which would otherwise open it again for the next test."""
    django_settings.DATABASES[REPLICA_ALIAS] = config
    try:
        yield
    finally:
        if hasattr(connections._connections, REPLICA_ALIAS):
            connections[REPLICA_ALIAS].close()
            del connections[REPLICA_ALIAS]
        del django_settings.DATABASES[REPLICA_ALIAS]


def _codes(queryset) -> set[str]:
    return set(queryset.filter(code__in=["P1", "R1", "W1", "W2"]).values_list("code", flat=True))


def test_reads_inside_replica_reads_go_to_the_replica_and_writes_to_the_primary(replica):
    replica.copy_primary()
    # The primary moves on after the copy (the replica has not replayed it yet) ...
    Province.objects.create(code="P1", name="Chỉ có trên máy chính")
    # ... and the copy holds a row the primary never had: where a read went is plain to see.
    Province.objects.using(REPLICA_ALIAS).create(code="R1", name="Chỉ có trên bản sao")

    assert _codes(Province.objects.all()) == {"P1"}
    assert not reading_replica()
    with replica_reads():
        assert reading_replica()
        assert _codes(Province.objects.all()) == {"R1"}
        assert Province.objects.filter(code="R1").count() == 1
        # A write made inside goes to the primary all the same.
        Province.objects.create(code="W1", name="Ghi trong khối đọc bản sao")
        written = Province.objects.filter(code="W1").exists()  # read back: the replica lags
    assert written is False
    assert _codes(Province.objects.all()) == {"P1", "W1"}
    assert _codes(Province.objects.using(REPLICA_ALIAS)) == {"R1"}
    # After the block, reads are the primary's again.
    assert not reading_replica()


def test_a_replica_reader_function_reads_the_replica_and_nested_blocks_unwind(replica):
    replica.copy_primary()
    Province.objects.using(REPLICA_ALIAS).create(code="R1", name="Chỉ có trên bản sao")

    @replica_reader
    def figures():
        return _codes(Province.objects.all())

    assert figures() == {"R1"}
    with replica_reads():
        assert figures() == {"R1"}
        assert _codes(Province.objects.all()) == {"R1"}
    assert _codes(Province.objects.all()) == set()


def test_the_replica_is_never_migrated(replica):
    with pytest.raises(CommandError, match="never migrated"):
        call_command("migrate", database=REPLICA_ALIAS, verbosity=0)
    assert replica.tables() == []
    # Migrating the primary leaves the replica alone too.
    call_command("migrate", verbosity=0)
    assert replica.tables() == []


def test_without_a_replica_replica_reads_read_the_primary(transactional_db, settings):
    settings.DATABASE_ROUTERS = ["motcua.lib.replica.ReplicaRouter"]
    Province.objects.create(code="P1", name="Chỉ có trên máy chính")
    with replica_reads():
        assert not reading_replica()
        assert _codes(Province.objects.all()) == {"P1"}


def test_check_database_replica_reports_a_replica_that_does_not_answer():
    closed = free_port()  # nothing listens there
    result = run(
        ["manage.py", "check", "--database", "replica"],
        DATABASE_URL=f"postgres://motcua@127.0.0.1:{free_port()}/motcua",
        REPLICA_DATABASE_URL=f"postgres://motcua@127.0.0.1:{closed}/motcua",
    )
    assert result.returncode != 0
    assert "motcua.E002" in result.stderr and "does not answer" in result.stderr
    # A plain `check` leaves the databases alone.
    assert (
        "motcua.E002"
        not in run(
            ["manage.py", "check"],
            DATABASE_URL=f"postgres://motcua@127.0.0.1:{free_port()}/motcua",
            REPLICA_DATABASE_URL=f"postgres://motcua@127.0.0.1:{closed}/motcua",
        ).stderr
    )


def test_check_database_replica_warns_of_a_database_that_is_not_a_standby(replica):
    if replica.vendor != "postgresql":
        pytest.skip("REPLICA_DATABASE_URL is PostgreSQL only")
    primary = replica.primary.settings_dict
    replica.copy_primary()

    def url(name):
        password = f":{primary['PASSWORD']}" if primary["PASSWORD"] else ""
        return (
            f"postgres://{primary['USER']}{password}@{primary['HOST'] or '127.0.0.1'}:"
            f"{primary['PORT'] or 5432}/{name}"
        )

    result = run(
        ["manage.py", "check", "--database", "replica", "--fail-level", "WARNING"],
        DATABASE_URL=url(primary["NAME"]),
        REPLICA_DATABASE_URL=url(replica.name),
    )
    assert result.returncode != 0
    assert "motcua.W002" in result.stderr and "not a standby" in result.stderr
    assert "motcua.E002" not in result.stderr


# --- The settings ------------------------------------------------------------------------


def _print_databases(**env):
    code = (
        "import json; from django.conf import settings; "
        "print(json.dumps({'aliases': sorted(settings.DATABASES), "
        "'replica': settings.DATABASES.get('replica', {}).get('NAME'), "
        "'mirror': settings.DATABASES.get('replica', {}).get('TEST', {}).get('MIRROR'), "
        "'routers': settings.DATABASE_ROUTERS}))"
    )
    return run(["-c", f"import django; django.setup(); {code}"], **env)


def test_the_settings_add_the_replica_alias_and_its_router():
    result = _print_databases(
        DATABASE_URL="postgres://motcua@db.internal:5432/motcua",
        REPLICA_DATABASE_URL="postgres://motcua@replica.internal:5432/motcua",
    )
    assert result.returncode == 0, result.stderr
    assert (
        '{"aliases": ["default", "replica"], "replica": "motcua", "mirror": "default", '
        '"routers": ["motcua.lib.replica.ReplicaRouter"]}'
    ) in result.stdout
    plain = _print_databases(DATABASE_URL="postgres://motcua@db.internal:5432/motcua")
    assert '"aliases": ["default"]' in plain.stdout and '"routers": []' in plain.stdout


@pytest.mark.parametrize(
    ("primary", "replica_url", "message"),
    [
        (
            "sqlite:///tmp/motcua.sqlite3",
            "sqlite:///tmp/replica.sqlite3",
            "REPLICA_DATABASE_URL needs PostgreSQL",
        ),
        (
            "postgres://motcua@db.internal:5432/motcua",
            "sqlite:///tmp/replica.sqlite3",
            "REPLICA_DATABASE_URL needs PostgreSQL",
        ),
        (
            "postgres://motcua@db.internal:5432/motcua",
            "postgres://other@db.internal:5432/motcua",
            "names DATABASE_URL's own database",
        ),
    ],
)
def test_the_settings_refuse_a_replica_that_is_not_a_postgresql_standby(
    primary, replica_url, message
):
    result = _print_databases(DATABASE_URL=primary, REPLICA_DATABASE_URL=replica_url)
    assert result.returncode != 0
    assert message in result.stderr
