"""Reads that may be served by a read replica.

Reports read a lot and write nothing of the business data; with `REPLICA_DATABASE_URL` set they
read from a streaming replica of PostgreSQL instead of the primary (docs/deployment.md). The
choice is the caller's, not the model's: the same Dossier table is read from the primary by the
office's queue (which must see its own writes) and from the replica by the dashboard. So the
switch is a context: code that may read stale-by-a-moment data wraps itself in
`replica_reads()` (or decorates a function with `@replica_reader`), and `ReplicaRouter` sends
the reads made inside it to the `replica` alias when that alias is configured. Writes always go
to the primary, and nothing is ever migrated on the replica (it follows the primary).
"""

from __future__ import annotations

import functools
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA_ALIAS = "replica"

_reading_replica: ContextVar[bool] = ContextVar("motcua_reading_replica", default=False)


def replica_configured() -> bool:
    return REPLICA_ALIAS in settings.DATABASES


@contextmanager
def replica_reads():
    """Reads made inside go to the replica when one is configured (else to the primary)."""
    token = _reading_replica.set(True)
    try:
        yield
    finally:
        _reading_replica.reset(token)


def replica_reader(function):
    """Decorator: the function's reads go to the replica when one is configured."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with replica_reads():
            return function(*args, **kwargs)

    return wrapper


def reading_replica() -> bool:
    """True inside `replica_reads()` with a replica configured: where reads now go."""
    return _reading_replica.get() and replica_configured()


class ReplicaRouter:
    """Listed in DATABASE_ROUTERS when REPLICA_DATABASE_URL is set (settings.py)."""

    def db_for_read(self, model, **hints):
        return REPLICA_ALIAS if reading_replica() else None

    def db_for_write(self, model, **hints):
        return None

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA_ALIAS
