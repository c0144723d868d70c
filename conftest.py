"""Fixtures for the whole suite."""

import uuid

import pytest


def pytest_configure(config):
    """On PostgreSQL the audit trail and the access log refuse TRUNCATE (a trigger), and a
    transactional test's reset truncates every table. The test database's superuser resets it
    with triggers off, as only a superuser could (session_replication_role)."""
    try:
        from django.db.backends.postgresql.operations import DatabaseOperations
    except ImportError:
        return
    execute_sql_flush = DatabaseOperations.execute_sql_flush

    def flush_past_triggers(self, sql_list):
        execute_sql_flush(
            self,
            [
                "SET LOCAL session_replication_role = replica",
                *sql_list,
            ],
        )

    DatabaseOperations.execute_sql_flush = flush_past_triggers


# The small province of dossier tests (`world`), shared by the dossiers and API tests; the
# simulators as subprocesses (`national_portal_sim`, tests/sim_process.py).
pytest_plugins = [
    "motcua.dossiers.tests.fixtures",
    "tests.sim_process",
    "tests.population_sim",
]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Officials made by factories need passwords; PBKDF2 at full strength costs ~1 s each on
    this machine, and what the tests check does not depend on the hash's strength."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        # Still checks passwords hashed outside a test (module-scoped fixtures, demo data).
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]


@pytest.fixture(autouse=True)
def _fresh_process_caches():
    """Per-process caches of reference data are keyed by ids and moments that two tests'
    databases may share (rolled back ids, the same microsecond), so each test starts empty."""
    from motcua.agencies.selectors import forget_communes
    from motcua.catalog.parts import forget_parts
    from motcua.lib.ratelimit import forget_failures

    forget_communes()
    forget_parts()
    forget_failures()


DEMO_TESTS = "src/motcua/demo/tests/"


def pytest_collection_modifyitems(config, items):
    """The demo's tests load the demo data, the slowest part of the suite: they carry the
    `demo` marker, so `make test-fast` (-m "not browser and not demo") leaves them out."""
    for item in items:
        if DEMO_TESTS in item.path.as_posix():
            item.add_marker(pytest.mark.demo)


@pytest.fixture(autouse=True)
def _own_audit_checkpoints(settings, tmp_path_factory):
    """Audit checkpoints describe one database: each test writes its own (the directory is
    made only when a checkpoint is written), never the demo's in var/."""
    settings.AUDIT_CHECKPOINT_DIR = (
        tmp_path_factory.getbasetemp() / f"checkpoints-{uuid.uuid4().hex}"
    )


@pytest.fixture(autouse=True)
def _our_own_online_channel(settings):
    """The suite exercises our own online submission pages, which the production default
    (NATIONAL_PORTAL_ONLINE_CHANNEL on: the national portal is the online channel) closes; the
    tests of that setting turn it on themselves."""
    settings.NATIONAL_PORTAL_ONLINE_CHANNEL = False


@pytest.fixture(autouse=True)
def _reports_aggregates_off(settings):
    """The reports' outbox consumer writes a Delivery row for every dossier event; tests that
    count or claim the outbox's deliveries expect only the consumers they register. The reports'
    tests turn it back on (src/motcua/reports/tests/conftest.py); a test reading figures from
    data made otherwise calls reports.maintenance.rebuild()."""
    settings.REPORTS_LIVE_AGGREGATES = False
