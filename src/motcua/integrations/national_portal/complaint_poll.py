"""Complaints and petitions citizens send on the national portal, fetched by poll
(docs/integration.md, "Inbound complaints and petitions").

The portal may push one to `POST /api/v1/feedback/national-portal/complaints`; the poll
(mapping.LIST_NEW_COMPLAINTS, a "-like" call) fetches every complaint sent since a stored cursor
whether or not its push came, so a lost push is taken later. Both end in
feedback.services.receive_from_national_portal, idempotent on the portal's id (MaPAKN): a
complaint fetched again, or pushed and then polled, is the one already received.

A complaint we cannot take (no such dossier or procedure, outside the province, incomplete) is
logged and skipped: the portal keeps it and its sender; nothing is written. The cursor is
stored after each page; a failure of the portal stops the run, the next starts from the cursor.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.utils import timezone

from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier
from motcua.feedback import services as feedback
from motcua.integrations.national_portal import client as portal
from motcua.integrations.national_portal import inbound, mapping
from motcua.integrations.national_portal.inbound_models import PollCursor

logger = logging.getLogger(__name__)

CURSOR_NAME = "new_complaints"
MAX_PAGES = 20
KINDS = {code: kind for kind, code in mapping.COMPLAINT_KIND_CODES.items()}


@dataclass
class ComplaintPollResult:
    created: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    cursor: str = ""


def stored_cursor() -> str:
    row = PollCursor.objects.filter(name=CURSOR_NAME).first()
    return row.cursor if row else ""


def _store_cursor(cursor: str) -> None:
    PollCursor.objects.update_or_create(
        name=CURSOR_NAME, defaults={"cursor": cursor, "updated_at": timezone.now()}
    )


def poll_complaints(*, client: portal.Client | None = None) -> ComplaintPollResult:
    """Take every complaint the portal lists after the stored cursor. Raises the client's
    PortalError when the portal cannot be reached, and inbound.NotReady when the integration's
    API client is missing (the cursor stays)."""
    client = client or portal.get_client()
    api_client = inbound.integration_client()
    result = ComplaintPollResult(cursor=stored_cursor())
    for _page in range(MAX_PAGES):
        items, next_cursor = client.list_new_complaints(mapping.LIST_NEW_COMPLAINTS, result.cursor)
        for item in items:
            take(item, api_client, result)
        if next_cursor:
            _store_cursor(next_cursor)
            result.cursor = next_cursor
        if not items or not next_cursor:
            break
    return result


def _text(item: dict, name: str) -> str:
    value = item.get(mapping.INBOUND_COMPLAINT_FIELDS[name])
    return str(value).strip() if isinstance(value, str | int) else ""


def take(item: dict, api_client, result: ComplaintPollResult) -> None:
    external_id = _text(item, "external_id")
    try:
        dossier, procedure = _subject(item)
        data = feedback.ComplaintData(
            kind=KINDS.get(item.get(mapping.INBOUND_COMPLAINT_FIELDS["kind"]), ""),
            title=_text(item, "title")[:300],
            content=_text(item, "content")[:10000],
            contact_name=_text(item, "contact_name")[:200],
            contact_phone=_text(item, "contact_phone")[:20],
            contact_email=_text(item, "contact_email")[:254],
        )
        complaint, created = feedback.receive_from_national_portal(
            data,
            external_id=external_id,
            actor=api_client.user,
            client=api_client,
            dossier=dossier,
            procedure=procedure,
        )
    except (DossierError, inbound.Refused) as exc:
        logger.warning("national portal complaint %s not taken: %s", external_id, exc)
        result.refused.append(external_id)
        return
    (result.created if created else result.already).append(complaint.code)


def _subject(item: dict):
    """(dossier, procedure) the complaint is about: our dossier by its code, else our procedure
    for the national procedure code."""
    dossier_code = _text(item, "dossier")
    if dossier_code:
        dossier = Dossier.objects.filter(code=dossier_code).first()
        if dossier is None:
            raise DossierError(f"no dossier {dossier_code}", field="dossier")
        return dossier, None
    national = _text(item, "procedure")
    procedure = inbound.resolve_procedure(national, _text(item, "service")) if national else None
    if procedure is None:
        raise DossierError(f"no procedure {national!r}", field="procedure")
    return None, procedure
