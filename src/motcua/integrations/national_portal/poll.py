"""The poll of new dossiers (docs/integration.md, "Inbound dossiers"): what a push missed.

The portal lists every dossier submitted for the province since a cursor (LayDanhSachHoSoMoi,
oldest first, at most 100 a page), whether or not its push reached us. Each goes through the
same path as a push (inbound.accept): one already delivered is found again, one we cannot take
is refused with its reason. Each is then answered (PhanHoiTiepNhanHoSo) — one already known
too, since the push's HTTP answer may have been lost on the way back: answering again is
harmless (the portal keeps the last answer) and the portal always learns our code.

A dossier that cannot be taken now (a file link down, our own transient failure) does not hold
up those behind it: it is kept in PollRetry with the body the portal listed, and every poll
tries the kept ones again first, until each is taken or refused. The cursor is stored after a
whole page is taken, answered or kept; a failure of the portal itself part-way stops the run
and the next run starts again from the stored cursor, which repeats nothing harmful since a
dossier delivered twice is one dossier.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.utils import timezone

from motcua.integrations.national_portal import client as portal
from motcua.integrations.national_portal import inbound
from motcua.integrations.national_portal.inbound_models import (
    InboundDossier,
    PollCursor,
    PollRetry,
)

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
    """Try the kept dossiers again, then fetch and take every new dossier the portal lists
    after the stored cursor. Raises the client's PortalError when the portal cannot be reached
    (the cursor stays, and so do the kept dossiers)."""
    client = client or portal.get_client()
    result = PollResult(cursor=stored_cursor())
    for retry in PollRetry.objects.order_by("first_seen_at", "pk"):
        _take(client, retry.body, result)
    for _page in range(MAX_PAGES):
        bodies, next_cursor = client.list_new_dossiers(result.cursor)
        for body in bodies:
            _take(client, body, result)
        if next_cursor:
            _store_cursor(next_cursor)
            result.cursor = next_cursor
        if not bodies or not next_cursor:
            break
    return result


def _take(client: portal.Client, body, result: PollResult) -> None:
    national_code = str(body.get("MaHoSoQG", "")) if isinstance(body, dict) else ""
    try:
        accepted = inbound.accept(body, arrived_by="poll")
    except inbound.Refused as exc:
        client.answer_reception(national_code, accepted=False, reason=exc.message)
        PollRetry.objects.filter(national_code=national_code).delete()
        result.refused.append(national_code)
        return
    except inbound.NotReady as exc:
        logger.warning("national portal dossier %s kept for the next poll: %s", national_code, exc)
        _keep(national_code, body, str(exc))
        result.postponed.append(national_code)
        return
    # Answered even when the push was answered in its own HTTP response: the portal may have
    # lost that answer, and a repeated answer changes nothing there.
    client.answer_reception(national_code, accepted=True, our_code=accepted.dossier_code)
    InboundDossier.objects.filter(national_code=national_code).update(answered_at=timezone.now())
    PollRetry.objects.filter(national_code=national_code).delete()
    (result.created if accepted.created else result.already).append(national_code)


def _keep(national_code: str, body, error: str) -> None:
    now = timezone.now()
    retry, created = PollRetry.objects.get_or_create(
        national_code=national_code,
        defaults={
            "body": body if isinstance(body, dict) else {},
            "last_error": error[:2000],
            "first_seen_at": now,
            "last_tried_at": now,
        },
    )
    if not created:
        retry.attempts += 1
        retry.last_error = error[:2000]
        retry.last_tried_at = now
        retry.save(update_fields=["attempts", "last_error", "last_tried_at"])
