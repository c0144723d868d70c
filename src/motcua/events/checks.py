"""System checks of the databases: the application's database role must not be able to rewrite
the audit trail or the personal-data access log, and the read replica, when there is one, must
answer and follow the primary closely. Database checks, so they run with `manage.py check
--database default` / `--database replica` (and with `--deploy` before a release), not on every
command."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

from motcua.events.roles import is_owner_connection, role_problems
from motcua.lib.replica import REPLICA_ALIAS, replica_configured


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


# The replica's state, as the replica itself sees it: whether it is a standby (in recovery), and
# how far behind the primary its replay is: 0 when it has replayed all the WAL it received,
# else the age of the last transaction it replayed.
_REPLICA_STATE = """
    SELECT pg_is_in_recovery(),
           CASE WHEN NOT pg_is_in_recovery()
                  OR pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn()
                THEN 0
                ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())
           END
"""


@register(Tags.database)
def check_read_replica(app_configs=None, databases=None, **kwargs):
    """`manage.py check --database replica`: the read replica answers, is a standby of the
    primary, and is not further behind it than REPLICA_MAX_LAG_SECONDS. /healthz stays a
    liveness probe that touches no database: a replica down must not take the web processes
    out of the load balancer, only the figures that read from it."""
    if not databases or REPLICA_ALIAS not in databases or not replica_configured():
        return []
    connection = connections[REPLICA_ALIAS]
    if connection.vendor != "postgresql":
        return []  # the settings take only PostgreSQL; a test may point the alias elsewhere
    try:
        with connection.cursor() as cursor:
            cursor.execute(_REPLICA_STATE)
            standby, lag = cursor.fetchone()
    except DatabaseError as exc:
        connection.close()
        return [
            Error(
                f"The read replica (REPLICA_DATABASE_URL) does not answer: {exc}".strip(),
                hint="Reports read from it and fail while it is down: bring it back, or unset "
                "REPLICA_DATABASE_URL to read from the primary (docs/deployment.md).",
                id="motcua.E002",
            )
        ]
    if not standby:
        return [
            Warning(
                "The read replica (REPLICA_DATABASE_URL) is not a standby: it does not follow "
                "the primary, so reports read data the primary no longer has, or never had.",
                hint="Point REPLICA_DATABASE_URL at a streaming standby (docs/deployment.md).",
                id="motcua.W002",
            )
        ]
    if lag is not None and float(lag) > settings.REPLICA_MAX_LAG_SECONDS:
        return [
            Warning(
                f"The read replica is {float(lag):.0f} s behind the primary "
                f"(more than REPLICA_MAX_LAG_SECONDS={settings.REPLICA_MAX_LAG_SECONDS}).",
                hint="Reports show figures this old. See pg_stat_replication on the primary.",
                id="motcua.W003",
            )
        ]
    return []


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs=None, **kwargs):
    """`check --deploy`: a deployment shares its cache (rate limits, sign-in delays, the secrets
    waiting to be shown once) through Redis; an in-process cache is right for the demo only."""
    if settings.REDIS_URL:
        return []
    return [
        Warning(
            "REDIS_URL is empty: each process keeps its own rate limits and the secrets waiting "
            "to be shown once, so another process or another server does not see them.",
            hint="Set REDIS_URL (docs/deployment.md, Several app servers).",
            id="motcua.W004",
        )
    ]
