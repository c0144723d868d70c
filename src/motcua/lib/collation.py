"""Ordering names in Vietnamese alphabetical order in the database, on PostgreSQL and SQLite.

`order_by(vietnamese("name"))` lists "Đất đai" after "Dân cư" and before "Giao thông", where
plain `order_by("name")` compares code points and puts every Đ after Z. Each database needs its
own collation, and this module hides which:

- PostgreSQL uses ICU's Vietnamese collation, "vi-x-icu", which initdb creates when the
  server is built with ICU (Debian's and the official images' are).
- SQLite has none, so every new SQLite connection gets a collation named "vi" that compares
  with motcua.lib.text.vi_sort_key, which follows the same rules as ICU's.

Search does not use this: it compares the folded `search_text` columns.
"""

from __future__ import annotations

import functools

from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models.functions import Collate

from motcua.lib.text import vi_sort_key

POSTGRESQL_COLLATION = "vi-x-icu"
SQLITE_COLLATION = "vi"


class VietnameseCollate(Collate):
    """An expression (usually a field) compared in Vietnamese alphabetical order."""

    def __init__(self, expression):
        super().__init__(expression, SQLITE_COLLATION)

    def as_postgresql(self, compiler, connection, **extra_context):
        extra_context["collation"] = connection.ops.quote_name(POSTGRESQL_COLLATION)
        return self.as_sql(compiler, connection, **extra_context)


def vietnamese(field: str) -> VietnameseCollate:
    """`field` for `order_by` (or Meta.ordering) in Vietnamese order; `.desc()` reverses it."""
    return VietnameseCollate(field)


@functools.lru_cache(maxsize=8192)
def _key(text: str) -> tuple:
    return vi_sort_key(text)


def _compare(left: str, right: str) -> int:
    left_key, right_key = _key(left), _key(right)
    return (left_key > right_key) - (left_key < right_key)


def _register(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, _compare)


def connect() -> None:
    """Give every SQLite connection the "vi" collation, including any already open. Called
    once from AgenciesConfig.ready, before the first query."""
    connection_created.connect(_register, dispatch_uid="motcua.lib.collation")
    for connection in connections.all(initialized_only=True):
        if connection.connection is not None:
            _register(None, connection)
