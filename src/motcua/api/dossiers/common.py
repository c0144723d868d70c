"""What every dossier endpoint shares: the router, the error statuses, and the translation of
domain refusals and of codes into the API's answers."""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Router

from motcua.agencies.models import Agency
from motcua.api.auth import AUTH
from motcua.api.errors import ApiError, ErrorSchema
from motcua.dossiers import selectors
from motcua.dossiers.errors import DossierError, NotFound
from motcua.dossiers.models import Dossier
from motcua.lib.queries import unique_or_none

router = Router(auth=AUTH)
ERRORS = {
    400: ErrorSchema,
    401: ErrorSchema,
    403: ErrorSchema,
    404: ErrorSchema,
    409: ErrorSchema,
    413: ErrorSchema,
    422: ErrorSchema,
    429: ErrorSchema,
}


def _fail(exc: DossierError) -> ApiError:
    errors = [
        {"field": field, "message": message}
        for field, messages in exc.errors.items()
        for message in messages
    ]
    status = 422 if exc.status == 400 and errors else exc.status
    return ApiError(exc.message, status=status, errors=errors)


def _agency(code: str | None, field: str) -> Agency | None:
    if not code:
        return None
    # Inactive agencies are found too: the service refuses them with its own words.
    agency = unique_or_none(Agency.objects.filter(code=code))
    if agency is None:
        raise ApiError(
            _("Không có cơ quan mang mã %(code)s.") % {"code": code}, status=422, field=field
        )
    return agency


def _visible(request, code: str) -> Dossier:
    if "\x00" in code:
        # No code holds one, and PostgreSQL refuses it in a query: the answer of an unknown code.
        raise _fail(NotFound(_("Không tìm thấy hồ sơ %(code)s.") % {"code": code[:40]}))
    try:
        return selectors.dossier_for(request.auth, code)
    except NotFound as exc:
        raise _fail(exc) from exc
