"""The poll of new dossiers (docs/integration.md, "Inbound dossiers"): what a push missed.

The portal lists every dossier submitted for the province since a cursor (LayDanhSachHoSoMoi,
oldest first, at most 100 a page), whether or not its push reached us. Each goes through the
same path as a push (inbound.accept): one already delivered is found again, one we cannot take
is refused with its reason. Each is then answered (PhanHoiTiepNhanHoSo). The cursor is stored
after a whole page is taken and answered; a failure part-way stops the run and the next run
starts again from the stored cursor, which repeats nothing harmful since a dossier delivered
twice is one dossier.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.utils import timezone

from motcua.integrations.national_portal import client as portal
from motcua.integrations.national_portal import inbound
from motcua.integrations.national_portal.inbound_models import InboundDossier, PollCursor

logger = logging.getLogger(__name__)

CURSOR_NAME = "new_dossiers"
# A run stops after this many pages, so that one run never holds the process for long.
MAX_PAGES = 20


@dataclass
class PollResult:
    created: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    postponed: list[str] = field(default_factory=list)
    cursor: str = ""


def stored_cursor() -> str:
    row = PollCursor.objects.filter(name=CURSOR_NAME).first()
    return row.cursor if row else ""


def _store_cursor(cursor: str) -> None:
    PollCursor.objects.update_or_create(
        name=CURSOR_NAME, defaults={"cursor": cursor, "updated_at": timezone.now()}
    )


def poll_once(*, client: portal.Client | None = None) -> PollResult:
    """Fetch and take every new dossier the portal lists after the stored cursor. Raises the
    client's PortalError when the portal cannot be reached (the cursor stays)."""
    client = client or portal.get_client()
    result = PollResult(cursor=stored_cursor())
    for _page in range(MAX_PAGES):
        bodies, next_cursor = client.list_new_dossiers(result.cursor)
        for body in bodies:
            if not _take(client, body, result):
                return result  # postponed: the cursor stays before this dossier
        if next_cursor:
            _store_cursor(next_cursor)
            result.cursor = next_cursor
        if not bodies or not next_cursor:
            break
    return result


def _take(client: portal.Client, body, result: PollResult) -> bool:
    national_code = str(body.get("MaHoSoQG", "")) if isinstance(body, dict) else ""
    try:
        accepted = inbound.accept(body, arrived_by="poll")
    except inbound.Refused as exc:
        client.answer_reception(national_code, accepted=False, reason=exc.message)
        result.refused.append(national_code)
        return True
    except inbound.NotReady as exc:
        logger.warning("national portal dossier %s postponed: %s", national_code, exc)
        result.postponed.append(national_code)
        return False
    unanswered = InboundDossier.objects.filter(
        national_code=national_code, answered_at__isnull=True
    )
    if unanswered.exists():  # a pushed dossier was answered in the push's own response
        client.answer_reception(national_code, accepted=True, our_code=accepted.dossier_code)
        unanswered.update(answered_at=timezone.now())
    (result.created if accepted.created else result.already).append(national_code)
    return True
