"""The national portal as the online channel (docs/integration.md, "The portal as the online
channel"). Since 1 July 2025 citizens submit online on the National Public Service Portal;
with NATIONAL_PORTAL_ONLINE_CHANNEL on, our procedure pages send them there
(NATIONAL_PORTAL_PROCEDURE_URL, "{code}" replaced by the procedure's national code) and our own
submission pages refuse new dossiers politely. The public catalog, tracking and lookup stay,
and so does completing a dossier already submitted here."""

from __future__ import annotations

from functools import wraps
from urllib.parse import quote

from django.conf import settings
from django.shortcuts import render

from motcua.catalog.models import Procedure


def national_portal_is_channel() -> bool:
    return bool(settings.NATIONAL_PORTAL_ONLINE_CHANNEL)


def national_procedure_url(code: str) -> str:
    return settings.NATIONAL_PORTAL_PROCEDURE_URL.replace("{code}", quote(code, safe=".-"))


def closed(request, procedure: Procedure | None = None):
    """The polite refusal: online submission happens on the national portal."""
    context = {
        "procedure": procedure,
        "national_url": national_procedure_url(procedure.code) if procedure else "",
        "national_home": national_procedure_url("").split("?", 1)[0]
        if "{code}" in settings.NATIONAL_PORTAL_PROCEDURE_URL
        else settings.NATIONAL_PORTAL_PROCEDURE_URL,
    }
    return render(request, "portal/online_elsewhere.html", context, status=403)


def our_channel_open(find_procedure=None):
    """Decorate a page of our own online submission: when the national portal is the online
    channel it answers with `closed` instead. `find_procedure(request, **kwargs)` names the
    procedure to link to (None when unknown), and may say the page stays open by returning
    False (a dossier already submitted, being completed)."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not national_portal_is_channel():
                return view(request, *args, **kwargs)
            procedure = find_procedure(request, **kwargs) if find_procedure else None
            if procedure is False:
                return view(request, *args, **kwargs)
            return closed(request, procedure)

        return wrapper

    return decorate
