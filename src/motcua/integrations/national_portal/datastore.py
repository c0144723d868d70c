"""The citizen's personal data store on the national portal (kho dữ liệu cá nhân) as a source
of reuse (docs/data-reuse.md): the documents shared for one personal ID, and one of them
fetched and checked against its announced hash. Only ever asked for the signed-in applicant's
own personal ID, taken from their account, never from the request."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from motcua.integrations.national_portal import client, inbound

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SharedDocument:
    code: str
    title: str
    file_name: str
    url: str
    sha256: str
    issued_on: str


def documents_of(user) -> list[SharedDocument] | None:
    """The user's documents; [] when none, when the integration is off or the user has no
    personal ID; None when the portal could not be asked (down, refusing)."""
    personal_id = getattr(user, "personal_id", None) or ""
    if not personal_id or not client.enabled():
        return []
    try:
        items = client.get_client().personal_documents(personal_id)
    except client.PortalError as exc:
        log.warning("national portal: personal data store not available: %s", exc)
        return None
    documents = []
    for item in items:
        code, url, digest = (
            str(item.get("MaGiayTo") or ""),
            str(item.get("DuongDan") or ""),
            str(item.get("HashTepTin") or ""),
        )
        if code and url.startswith(("http://", "https://")) and digest.startswith("sha256:"):
            documents.append(
                SharedDocument(
                    code=code[:60],
                    title=str(item.get("TenGiayTo") or code)[:300],
                    file_name=str(item.get("TenTep") or "giay-to.pdf")[:200],
                    url=url,
                    sha256=digest,
                    issued_on=str(item.get("NgayCap") or "")[:8],
                )
            )
    return documents


def fetch(document: SharedDocument) -> bytes | None:
    """The document's bytes, or None when they cannot be fetched (the hash is checked by the
    reuse service, against what the store announced)."""
    try:
        return inbound.fetch_file(document.url, field="DuongDan")
    except (inbound.Refused, inbound.NotReady) as exc:
        log.warning("national portal: personal document not fetched: %s", exc)
        return None
