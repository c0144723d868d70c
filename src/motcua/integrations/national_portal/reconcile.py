"""Reconciliation with the national portal (docs/integration.md, "Reconciliation"): for each
dossier, read what the portal holds (TraCuuHoSo), compare it with what we would send now, and
when they differ write a `national_portal.resync` outbox event for the dossier. The outbox
then re-sends it after any update of the dossier still on its way, so the order holds."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from motcua.dossiers.models import Dossier
from motcua.events.choices import UNDELIVERED
from motcua.events.models import Delivery, OutboxEvent
from motcua.events.services import emit
from motcua.integrations.national_portal import mapping, payloads, sync
from motcua.integrations.national_portal.client import PortalError, get_client
from motcua.integrations.national_portal.outbound_models import PortalDossier

log = logging.getLogger(__name__)


@dataclass
class Report:
    checked: int = 0
    differing: list[str] = field(default_factory=list)
    waiting: int = 0
    errors: list[str] = field(default_factory=list)


def differences(dossier: Dossier, held: dict | None, *, now: datetime) -> list[str]:
    """What differs between the portal's copy and ours that a re-send can fix: header fields,
    and our delivered progress lines missing after the last one it holds ("TienDo")."""
    codes = mapping.procedure_codes(dossier.procedure_id)
    if codes is None:
        return []
    status = payloads.status_at(dossier, now)
    ours = payloads.dossier_sync(dossier, status=status, at=now, codes=codes)
    if held is None:
        return ["*"]
    different = [key for key, value in ours.items() if held.get(key) != value]
    if sync.missing_lines(dossier, held):
        different.append("TienDo")
    return different


def candidates(since: datetime | None):
    """Dossiers the portal was told about (or should have been), changed since `since`."""
    ids = Delivery.objects.filter(consumer=sync.CONSUMER_NAME, dossier__isnull=False)
    if since is not None:
        changed = OutboxEvent.objects.filter(created_at__gte=since, dossier__isnull=False)
        ids = ids.filter(dossier_id__in=changed.values("dossier_id"))
    return (
        Dossier.objects.filter(pk__in=ids.values("dossier_id"))
        .exclude(code__isnull=True)
        .order_by("pk")
    )


def reconcile(*, since: datetime | None = None, now=None) -> Report:
    report = Report()
    client = get_client()
    for dossier in candidates(since).iterator():
        busy = Delivery.objects.filter(
            consumer=sync.CONSUMER_NAME, dossier=dossier, status__in=UNDELIVERED
        ).exists()
        if busy:
            # An update is on its way (or held, or dead): the outbox is the one to finish it.
            report.waiting += 1
            continue
        report.checked += 1
        try:
            held = client.look_up_dossier(dossier.code, madonvi=dossier.receiving_agency.code)
        except PortalError as exc:
            report.errors.append(f"{dossier.code}: {exc}")
            continue
        dossier = sync._dossier(dossier.pk)
        moment = now or timezone.now()
        different = differences(dossier, held, now=moment)
        if not different:
            PortalDossier.objects.filter(dossier=dossier).update(reconciled_at=moment)
            continue
        report.differing.append(dossier.code)
        log.info("national portal: %s differs (%s), re-sending", dossier.code, different[:10])
        with transaction.atomic():
            emit(
                sync.RESYNC,
                subject=dossier.code,
                payload={"differences": different[:50], "at": moment.isoformat()},
                dossier=dossier,
                now=moment,
            )
    return report
