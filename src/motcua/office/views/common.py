"""Small helpers the office's views share."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from motcua.dossiers import selectors
from motcua.dossiers.errors import NotFound


def is_htmx(request) -> bool:
    """An htmx request for a part of the page (not a history restore, which needs a page)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def dossier_or_404(request, code: str):
    """The dossier if this official may see it (dossiers.selectors.dossier_for); 404 otherwise,
    the same for a dossier that does not exist."""
    if "\x00" in code:
        raise Http404(_("Không tìm thấy hồ sơ."))
    try:
        return selectors.dossier_for(request.user, code)
    except NotFound as exc:
        raise Http404(exc.message) from exc
