"""The population database's protocol (docs/data-reuse.md, "The population database"),
behind one function. Its address and token come from settings; nothing else opens a connection.

    POST {POPULATION_URL}/v1/residents/check
         {"personal_id", "name", "birth_date": "YYYY-MM-DD"}
      -> {"result": "match" | "mismatch" | "not_found", "fields": [...], "ma_csdl",
          "resident": {"name", "birth_date", "sex", "address", "commune_code", ...} | null}

Whatever happens, `check` answers: a database that cannot be reached, refuses us or answers
nonsense is the answer "unavailable", which the dossier records like any other.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

import httpx
from django.conf import settings

log = logging.getLogger(__name__)

MATCH, MISMATCH, NOT_FOUND, UNAVAILABLE = "match", "mismatch", "not_found", "unavailable"
KNOWN_FIELDS = ("name", "birth_date")


@dataclass(frozen=True)
class Answer:
    result: str
    fields: list[str] = field(default_factory=list)
    ma_csdl: str = ""
    resident: dict = field(default_factory=dict)
    detail: str = ""


def configured() -> bool:
    return bool(settings.POPULATION_URL)


def check(personal_id: str, name: str, birth_date: date) -> Answer:
    """Ask whether this personal ID, name and date of birth belong together."""
    if not configured():
        return Answer(UNAVAILABLE, detail="not configured")
    url = settings.POPULATION_URL.rstrip("/") + "/v1/residents/check"
    body = {"personal_id": personal_id, "name": name, "birth_date": birth_date.isoformat()}
    try:
        with httpx.Client(timeout=settings.POPULATION_TIMEOUT_SECONDS) as http:
            response = http.post(
                url, json=body, headers={"Authorization": f"Bearer {settings.POPULATION_TOKEN}"}
            )
    except httpx.HTTPError as exc:
        log.warning("population database unreachable: %s", exc)
        return Answer(UNAVAILABLE, detail=type(exc).__name__)
    if response.status_code != 200:
        log.warning("population database answered %s", response.status_code)
        return Answer(UNAVAILABLE, detail=f"HTTP {response.status_code}")
    try:
        data = response.json()
        result = data["result"]
        if result not in (MATCH, MISMATCH, NOT_FOUND):
            raise ValueError(result)
        fields = [str(f) for f in data.get("fields") or [] if str(f) in KNOWN_FIELDS]
        resident = data.get("resident") or {}
        if not isinstance(resident, dict):
            raise ValueError("resident")
        ma_csdl = str(data.get("ma_csdl") or "")[:40]
        if result == MATCH and not ma_csdl:
            raise ValueError("match without ma_csdl")
    except (ValueError, KeyError, TypeError) as exc:
        log.warning("population database answered nonsense: %s", exc)
        return Answer(UNAVAILABLE, detail="bad answer")
    if result != MATCH:
        resident, ma_csdl = {}, ""
    return Answer(result, fields=fields, ma_csdl=ma_csdl, resident=resident)
