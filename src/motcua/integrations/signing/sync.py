"""The outbox consumer that signs a decided dossier's results (`signing.results`).

It runs after the decision is committed, so a signing key source that is down (the remote
gateway unreachable or failing) never holds up or loses the decision: the delivery fails, the
outbox retries it with backoff, and `results.services.sign_results` skips what is already
signed. Listed in OUTBOX_CONSUMER_MODULES when RESULT_SIGNING_SOURCE is set.
"""

from __future__ import annotations

from django.conf import settings

from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.models import Dossier
from motcua.events.consumers import register, unregister
from motcua.integrations.signing.sources import key_source
from motcua.results import services

CONSUMER_NAME = "signing.results"


def sign_dossier_results(dossier: Dossier, source=None) -> list:
    source = source or key_source()
    agency = dossier.receiving_agency
    return services.sign_results(
        dossier,
        sign=lambda pdf: source.sign_pdf(pdf, agency=agency),
        source=source.name,
    )


def on_decided(event) -> None:
    if event.dossier_id is None:
        return
    dossier = Dossier.objects.select_related("receiving_agency", "procedure").get(
        pk=event.dossier_id
    )
    if dossier.status not in (DossierStatus.DECIDED, DossierStatus.RETURNED):
        return
    sign_dossier_results(dossier)


def register_all() -> None:
    register(CONSUMER_NAME, {"dossier.decide"}, on_decided)


def unregister_all() -> None:
    unregister(CONSUMER_NAME)


if settings.RESULT_SIGNING_SOURCE:
    register_all()
