"""Dossier codes (Circular 01/2018/TT-VPCP) and lookup secrets.

`<receiving agency identifier>-<YYMMDD in Vietnam time>-<NNNN>`: the number is the dossier's
sequence among those the agency received that local day, four digits, widening past 9,999
rather than wrapping. The number comes from a counter row per agency and day, incremented by an
upsert that returns the new value, taken as the last write of the dossier's transaction so the
row lock is held as briefly as possible; a rolled-back transaction rolls the number back too, so
codes are gapless.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import date, datetime

from django.conf import settings
from django.db import connection

from motcua.workdays.zone import VIETNAM

LOOKUP_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone


def format_code(agency_code: str, day: date, number: int) -> str:
    return f"{agency_code}-{day:%y%m%d}-{number:04d}"


def local_day(moment: datetime) -> date:
    return moment.astimezone(VIETNAM).date()


def next_number(agency_id: int, day: date) -> int:
    """Increment and return the agency's counter for `day` in one statement (PostgreSQL and
    SQLite 3.35+ both speak INSERT ... ON CONFLICT ... RETURNING)."""
    from motcua.dossiers.models import DossierCounter

    table = connection.ops.quote_name(DossierCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (agency_id, day, last_number) VALUES (%s, %s, 1) "  # noqa: S608 - table name from model meta
            "ON CONFLICT (agency_id, day) DO UPDATE SET last_number = "
            f"{table}.last_number + 1 RETURNING last_number",
            [agency_id, day],
        )
        return cursor.fetchone()[0]


def new_lookup_secret() -> str:
    """Ten characters from a 32-letter alphabet: 50 bits, unguessable within the rate limit."""
    return "".join(secrets.choice(LOOKUP_ALPHABET) for _ in range(10))


def hash_lookup_secret(secret: str) -> str:
    normalised = secret.strip().upper().replace("-", "").replace(" ", "")
    return hmac.new(settings.SECRET_KEY.encode(), normalised.encode(), hashlib.sha256).hexdigest()


def check_lookup_secret(secret: str, stored_hash: str) -> bool:
    return bool(stored_hash) and hmac.compare_digest(hash_lookup_secret(secret), stored_hash)
