"""A lookup secret an official has just obtained for an applicant (a dossier received at the
counter, or a secret reissued), kept so the counter can show it and print the applicant's slip
(phiếu mã tra cứu), and nowhere else.

The service returns the secret once; the dossier keeps only its HMAC. The secret itself waits
in the cache (`lib/ephemeral`), and the official's session holds only a handle to it, for one
dossier at a time: receiving or reissuing for another dossier replaces it, signing out loses
the handle, and the secret lapses after KEEP_MINUTES in any case, long enough to print the
slip again if the printer jams. It is never written to the database (a dossier's row, the
session table, an issued form, the audit trail), a message or a log.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from motcua.dossiers.printouts.formatting import qr_data_uri
from motcua.lib import ephemeral

KEY = "office.lookup_secret"
KEEP_MINUTES = 30


def keep(request, code: str, secret: str, *, now: datetime | None = None) -> None:
    """Keep `secret` for the dossier `code`, replacing any other dossier's."""
    previous = request.session.get(KEY)
    if isinstance(previous, dict):
        ephemeral.drop(previous.get("handle"))
    until = (now or timezone.now()) + timedelta(minutes=KEEP_MINUTES)
    handle = ephemeral.stash(secret, seconds=KEEP_MINUTES * 60)
    request.session[KEY] = {"code": code, "handle": handle, "until": until.timestamp()}


def kept(request, code: str, *, now: datetime | None = None) -> str | None:
    """The secret kept for the dossier `code`, or None (another dossier's, or too old: an old
    one is dropped here)."""
    entry = request.session.get(KEY)
    if not isinstance(entry, dict):
        return None
    if entry.get("until", 0) <= (now or timezone.now()).timestamp():
        ephemeral.drop(entry.get("handle"))
        del request.session[KEY]
        return None
    return ephemeral.peek(entry.get("handle")) if entry.get("code") == code else None


def tracking_url() -> str:
    """The portal's lookup page, as printed for the applicant to type."""
    return settings.SITE_URL.rstrip("/") + reverse("portal:track")


def tracking_link(code: str, secret: str) -> str:
    """The lookup page with the code filled in (the query) and the secret in the fragment,
    which the browser never sends: the secret stays out of every server's access log, and the
    page's script copies it into the form. The applicant still presses the button: a lookup
    is a rate-limited POST, never a GET."""
    return f"{tracking_url()}?{urlencode({'ma': code})}#ma-tra-cuu={secret}"


def slip_qr(code: str, secret: str) -> str:
    return qr_data_uri(tracking_link(code, secret))
