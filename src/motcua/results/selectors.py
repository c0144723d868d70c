"""Reads of signed results, scoped to who asks."""

from __future__ import annotations

from motcua.results import codes
from motcua.results.models import SignedResult


def by_code(code: str) -> SignedResult | None:
    """The signed result with this verification code (public: what the code reveals is what is
    printed on the result)."""
    code = codes.normalise(code)
    if not codes.looks_valid(code):
        return None
    return (
        SignedResult.objects.select_related("document", "dossier", "file", "dossier__procedure")
        .filter(code=code)
        .first()
    )


def by_sha256(sha256: str) -> SignedResult | None:
    return (
        SignedResult.objects.select_related("document", "dossier", "file", "dossier__procedure")
        .filter(file__sha256=sha256)
        .first()
    )


def of_dossier(dossier) -> list[SignedResult]:
    """A dossier's signed results; the caller has already checked the actor may see it."""
    return list(SignedResult.objects.filter(dossier=dossier).select_related("document", "file"))


def dossiers_awaiting_signature():
    """Decided (or returned) dossiers with a result document not signed yet: what signing must
    catch up on after it is switched on (or after the demo loads). Dossiers an account owns
    first (their applicants look at them in "Hồ sơ của tôi"), then the oldest decision."""
    from django.db.models import F

    from motcua.dossiers.choices import DossierStatus
    from motcua.dossiers.models import Dossier

    return (
        Dossier.objects.filter(
            status__in=(DossierStatus.DECIDED, DossierStatus.RETURNED),
            result_documents__signed__isnull=True,
        )
        .select_related("receiving_agency", "procedure")
        .distinct()
        .order_by(F("owner_id").asc(nulls_last=True), "decided_at", "pk")
    )
