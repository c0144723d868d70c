"""What a visitor's session holds about their dossiers, and who the visitor is.

A guest (no account) proves they are the applicant in one of two ways: their session created
the draft, or they gave the dossier's code and lookup secret. Both are remembered here, in the
server-side session, bounded in size, so the follow-up screens need neither an account nor the
secret again; another browser has none of it. A signed-in citizen is recognised by ownership
instead (`dossiers.selectors.applicant_dossier`).

Also kept here: the one-time tokens of review pages (a second POST of the same page shows the
first result) and a fresh lookup secret until the confirmation page has shown it once.
"""

from __future__ import annotations

import secrets

from motcua.accounts.choices import AccountKind
from motcua.lib import ephemeral

HELD = "portal.held"  # dossier ids this session created as a guest
TRACKED = "portal.tracked"  # [code, id, secret HMAC] of dossiers verified with their secret
PENDING_TOKENS = "portal.pending"  # review token -> dossier id, not used yet
USED_TOKENS = "portal.used"  # review token -> dossier id, already submitted
SECRETS = "portal.secrets"  # dossier id -> handle of its lookup secret, until shown once
SECRET_KEEP_SECONDS = 30 * 60

MAX_HELD = 20
MAX_TRACKED = 10
MAX_TOKENS = 20


def citizen(request):
    """The signed-in citizen or organisation, or None for a guest. An official browsing the
    portal is treated as a guest: their account is for the office, not for applying."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.kind == AccountKind.OFFICIAL:
        return None
    return user


def _remember(request, key: str, value, limit: int) -> None:
    values = [v for v in request.session.get(key, []) if v != value]
    values.append(value)
    request.session[key] = values[-limit:]


def hold(request, dossier) -> None:
    """This guest session created `dossier` (a draft)."""
    _remember(request, HELD, dossier.pk, MAX_HELD)


def track(request, dossier) -> None:
    """This session gave `dossier`'s code and lookup secret (or submitted it). The secret's
    HMAC is remembered with it, so a secret reissued at the counter ends this session's access
    too (`tracked_secret`)."""
    if dossier.code:
        entries = [entry for entry in request.session.get(TRACKED, []) if entry[1] != dossier.pk]
        entries.append([dossier.code, dossier.pk, dossier.lookup_secret_hash])
        request.session[TRACKED] = entries[-MAX_TRACKED:]


def holds(request, dossier_id: int) -> bool:
    return dossier_id in request.session.get(HELD, [])


def tracked_secret(request, *, code: str | None = None, pk: int | None = None) -> str | None:
    """The HMAC of the lookup secret this session verified for the dossier with `code` (or id
    `pk`), or None; the caller compares it with the dossier's current one."""
    for entry in request.session.get(TRACKED, []):
        if len(entry) != 3:
            continue  # remembered before secrets could be reissued: ask for the secret again
        known_code, known_pk, secret_hash = entry
        if (code is not None and code == known_code) or (pk is not None and pk == known_pk):
            return secret_hash
    return None


def _bounded(mapping: dict, limit: int) -> dict:
    return dict(list(mapping.items())[-limit:])


def new_review_token(request, dossier_id: int) -> str:
    token = secrets.token_urlsafe(18)
    pending = dict(request.session.get(PENDING_TOKENS, {}))
    pending[token] = dossier_id
    request.session[PENDING_TOKENS] = _bounded(pending, MAX_TOKENS)
    return token


def token_state(request, token: str, dossier_id: int) -> str:
    """ "used" (already submitted from this page), "pending" (valid, not used) or "unknown"."""
    if not token:
        return "unknown"
    if request.session.get(USED_TOKENS, {}).get(token) == dossier_id:
        return "used"
    if request.session.get(PENDING_TOKENS, {}).get(token) == dossier_id:
        return "pending"
    return "unknown"


def use_token(request, token: str, dossier_id: int) -> None:
    pending = dict(request.session.get(PENDING_TOKENS, {}))
    pending.pop(token, None)
    used = dict(request.session.get(USED_TOKENS, {}))
    used[token] = dossier_id
    request.session[PENDING_TOKENS] = pending
    request.session[USED_TOKENS] = _bounded(used, MAX_TOKENS)


def keep_secret(request, dossier_id: int, secret: str) -> None:
    """Keep a fresh lookup secret until the confirmation page shows it: in the cache, behind a
    handle in the session (lib/ephemeral), never in the session table itself."""
    kept = dict(request.session.get(SECRETS, {}))
    kept[str(dossier_id)] = ephemeral.stash(secret, seconds=SECRET_KEEP_SECONDS)
    request.session[SECRETS] = _bounded(kept, 5)


def take_secret(request, dossier_id: int) -> str | None:
    """The lookup secret of a dossier just submitted, once: it is forgotten as it is read."""
    kept = dict(request.session.get(SECRETS, {}))
    handle = kept.pop(str(dossier_id), None)
    if handle is None:
        return None
    request.session[SECRETS] = kept
    return ephemeral.take(handle)
