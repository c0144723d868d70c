"""The public lookup of a dossier's status by its code and lookup secret (no key needed)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from motcua.api import dossier_schemas as s
from motcua.api.dossiers.common import ERRORS, _fail
from motcua.api.errors import ApiError
from motcua.dossiers import selectors
from motcua.dossiers.choices import DossierStatus, PauseReason
from motcua.dossiers.errors import NotFound
from motcua.lib import ratelimit

lookup_router = Router()


@lookup_router.get(
    "", response={200: s.LookupOut, **ERRORS}, summary="Tra cứu hồ sơ bằng mã hồ sơ và mã tra cứu"
)
def lookup(request: HttpRequest, code: str, secret: str):
    return _lookup(request, code, secret)


@lookup_router.post(
    "",
    response={200: s.LookupOut, **ERRORS},
    summary="Tra cứu hồ sơ (mã tra cứu trong thân yêu cầu, không nằm trong địa chỉ)",
)
def lookup_by_post(request: HttpRequest, body: s.LookupIn):
    """The same answer as the GET, with the secret in the body: addresses end up in access logs
    and browser histories, bodies do not."""
    return _lookup(request, body.code, body.secret)


def _lookup(request: HttpRequest, code: str, secret: str) -> dict:
    from django.conf import settings

    if not ratelimit.hit(
        "lookup", ratelimit.client_ip(request), limit=settings.LOOKUP_RATE_LIMIT, window=60
    ):
        raise ApiError(_("Bạn tra cứu quá nhiều lần; hãy thử lại sau một phút."), status=429)
    try:
        dossier = selectors.lookup(code, secret)
    except NotFound as exc:
        raise _fail(exc) from exc
    pause = (
        dossier.pauses.filter(ended_at__isnull=True).first()
        if dossier.status == DossierStatus.PAUSED
        else None
    )
    return {
        "code": dossier.code,
        "status": dossier.status,
        "status_label": str(DossierStatus(dossier.status).label),
        "procedure_name": dossier.procedure_name,
        "submitted_at": dossier.submitted_at,
        "received_at": dossier.received_at,
        "due_at": dossier.due_at,
        "applicant_due_at": dossier.applicant_due_at,
        "decided_at": dossier.decided_at,
        "pending_supplement": pause.items
        if pause and pause.reason == PauseReason.SUPPLEMENT
        else [],
    }
