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


def normalise_code(code: str | None) -> str:
    """A dossier code as typed by a person, in the form it is stored: upper case, without the
    spaces copied around it or typed inside it ("h26 - 261203-0001 " → "H26-261203-0001").
    Codes are made of capital letters, digits, dots and hyphens, so nothing is lost."""
    return "".join((code or "").split()).upper()


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


def hash_lookup_secret(secret: str, key: str | None = None) -> str:
    """The HMAC kept of a lookup secret, under LOOKUP_SECRET_KEY (a key of its own: rotating
    SECRET_KEY leaves every secret already given out valid)."""
    normalised = secret.strip().upper().replace("-", "").replace(" ", "")
    key = settings.LOOKUP_SECRET_KEY if key is None else key
    return hmac.new(key.encode(), normalised.encode(), hashlib.sha256).hexdigest()


def check_lookup_secret(secret: str, stored_hash: str) -> bool:
    """Whether `secret` is the one whose HMAC is `stored_hash`, under the current key or one
    of LOOKUP_SECRET_KEY_FALLBACKS (secrets issued before a rotation)."""
    if not stored_hash:
        return False
    keys = [settings.LOOKUP_SECRET_KEY, *settings.LOOKUP_SECRET_KEY_FALLBACKS]
    return any(hmac.compare_digest(hash_lookup_secret(secret, key), stored_hash) for key in keys)
