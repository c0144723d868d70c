"""Writing many rows at once, for the dossier generator (demo/generation.py).

On PostgreSQL rows go in with COPY (psycopg's `cursor.copy`), measured about four times faster
than `bulk_create` for the generator's tables; elsewhere (SQLite, the tests' default) with one
`executemany` per table. Rows are dicts keyed by field name; a field left out takes its
model default, as the ORM would give it. Ids of the tables other rows point at are taken
beforehand (`IdBlock`), so a batch is written in one pass without reading anything back.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from operator import itemgetter

from django.db import connection, models

NOT_PROVIDED = object()


class Table:
    """How one model's rows are written: its columns in order, each with its default."""

    def __init__(self, model: type[models.Model], *, with_pk: bool):
        self.model = model
        self.name = model._meta.db_table
        self.fields = [
            field for field in model._meta.concrete_fields if with_pk or not field.primary_key
        ]
        self.columns = [field.column for field in self.fields]
        self.attnames = [field.attname for field in self.fields]
        self.defaults = [
            field.get_default()
            if field.has_default() or field.null or field.blank
            else NOT_PROVIDED
            for field in self.fields
        ]
        self.json = [isinstance(field, models.JSONField) for field in self.fields]

        self._defaults = {
            attname: default
            for attname, default in zip(self.attnames, self.defaults, strict=True)
            if default is not NOT_PROVIDED
        }
        self._required = [
            attname
            for attname, default in zip(self.attnames, self.defaults, strict=True)
            if default is NOT_PROVIDED
        ]
        self._pick = itemgetter(*self.attnames)
        self._json_at = [index for index, is_json in enumerate(self.json) if is_json]
        self._checked = False

    def row(self, values: dict) -> list:
        if not self._checked:  # the first row of a run says whether a column was forgotten
            missing = [attname for attname in self._required if attname not in values]
            if missing:
                raise KeyError(f"{self.name}: {', '.join(missing)} need a value")
            self._checked = True
        out = list(self._pick({**self._defaults, **values}))
        for index in self._json_at:
            value = out[index]
            if value is not None and not isinstance(value, str):
                out[index] = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        return out


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def write(table: Table, rows: Iterable[dict]) -> int:
    """Insert `rows` into `table` in the current transaction; returns how many."""
    rows = list(rows)
    if not rows:
        return 0
    if is_postgresql():
        quoted = ", ".join(connection.ops.quote_name(column) for column in table.columns)
        raw = connection.connection  # the psycopg connection under Django's wrapper
        with raw.cursor() as cursor:
            with cursor.copy(f"COPY {table.name} ({quoted}) FROM STDIN") as copy:  # noqa: S608 - names from model meta
                for values in rows:
                    copy.write_row(table.row(values))
        return len(rows)
    ops = connection.ops
    adapted = []
    for values in rows:
        row = table.row(values)
        for index, value in enumerate(row):
            if isinstance(value, datetime):
                row[index] = ops.adapt_datetimefield_value(value)
            elif isinstance(value, date):
                row[index] = ops.adapt_datefield_value(value)
        adapted.append(row)
    columns = ", ".join(connection.ops.quote_name(column) for column in table.columns)
    marks = ", ".join(["%s"] * len(table.columns))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table.name} ({columns}) VALUES ({marks})", adapted)  # noqa: S608
    return len(rows)


class IdBlock:
    """Ids for new rows of one table, taken ahead: from the table's sequence on PostgreSQL (a
    block at a time; numbers a rolled-back batch took are skipped, as any insert skips them),
    above the table's largest id elsewhere (one writer at a time, as SQLite allows)."""

    def __init__(self, model: type[models.Model], block: int = 5000):
        self.model = model
        self.block = block
        self.free: list[int] = []
        self.next_local: int | None = None

    def take(self) -> int:
        if is_postgresql():
            if not self.free:
                table = self.model._meta.db_table
                column = self.model._meta.pk.column
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT nextval(pg_get_serial_sequence(%s, %s)) "
                        "FROM generate_series(1, %s)",
                        [table, column, self.block],
                    )
                    self.free = [row[0] for row in cursor.fetchall()][::-1]
            return self.free.pop()
        if self.next_local is None:
            top = self.model.objects.aggregate(top=models.Max("pk"))["top"] or 0
            self.next_local = top + 1
        value = self.next_local
        self.next_local += 1
        return value
