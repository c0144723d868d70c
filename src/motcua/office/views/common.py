"""Small helpers the office's views share."""

from __future__ import annotations

from functools import wraps

from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from motcua.dossiers import selectors
from motcua.dossiers.errors import NotFound
from motcua.lib import upload_limits


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


def capped_uploads(view):
    """Cap each uploaded file's size while it streams in (lib.upload_limits). The cap must be
    in place before anything reads the request's body, and the CSRF check reads it: so the
    check is run here, after the cap is installed, instead of by the middleware."""
    protected = csrf_protect(view)

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST":
            upload_limits.install(request)
        return protected(request, *args, **kwargs)

    return wrapper
