"""The sync page's reads and actions on deliveries to the national portal (docs/integration.md,
"Held and dead letters"): what is pending, failing, held, dead and delivered; the lag per
agency and the oldest undelivered update; retry, or skip with a reason (audited on the
reference-data chain)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.dossiers.errors import DossierError, NotAllowed, NotFound
from motcua.events.choices import DeliveryStatus
from motcua.events.models import Delivery
from motcua.events.reference import moment, record_change
from motcua.integrations.national_portal.mapping import CONSUMER_NAME, refuse_mapping_change

SKIP_REASON_MAX = 1000


def may_view(actor) -> bool:
    return refuse_mapping_change(actor) is None


def _ours():
    return Delivery.objects.filter(consumer=CONSUMER_NAME)


def event_label(event_type: str) -> str:
    """What an outbox event was, in words: the dossier action's name, or reconciliation's."""
    from motcua.dossiers.choices import Action

    if event_type == "national_portal.resync":
        return _("Đối soát: gửi lại")
    action = event_type.split(".", 1)[-1]
    return str(Action(action).label) if action in Action.values else event_type


def _labelled(rows):
    for row in rows:
        row.label = event_label(row.event.type)
    return rows


def _listed(queryset, limit: int):
    return _labelled(
        list(
            queryset.select_related(
                "event", "dossier", "dossier__receiving_agency", "dossier__procedure"
            ).order_by("event_id")[:limit]
        )
    )


@dataclass
class Overview:
    counts: dict
    pending: list
    failing: list
    held: list
    dead: list
    delivered: list
    lags: list
    oldest: datetime | None
    now: datetime


@dataclass
class AgencyLag:
    agency: str
    delivered: int
    p50: float | None
    p95: float | None
    worst: float | None


def percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def lags(*, since: datetime, limit: int = 5000) -> list[AgencyLag]:
    """Seconds from each event to the portal's acknowledgement, per receiving agency, over the
    deliveries made since `since` (the most recent `limit`)."""
    rows = (
        _ours()
        .filter(status=DeliveryStatus.DONE, delivered_at__gte=since, dossier__isnull=False)
        .order_by("-delivered_at")
        .values_list("dossier__receiving_agency__name", "event__created_at", "delivered_at")[:limit]
    )
    per_agency: dict[str, list[float]] = {}
    for agency, created, delivered in rows:
        per_agency.setdefault(agency, []).append((delivered - created).total_seconds())
    return [
        AgencyLag(agency, len(v), percentile(v, 0.5), percentile(v, 0.95), max(v))
        for agency, v in sorted(per_agency.items())
    ]


def overview(actor, *, now=None, limit: int = 50) -> Overview:
    if not may_view(actor):
        raise NotAllowed(refuse_mapping_change(actor))
    now = now or timezone.now()
    ours = _ours()
    counts = {
        "pending": ours.filter(status=DeliveryStatus.PENDING, attempts=0).count(),
        "failing": ours.filter(status=DeliveryStatus.PENDING, attempts__gt=0).count(),
        "held": ours.filter(status=DeliveryStatus.HELD).count(),
        "dead": ours.filter(status=DeliveryStatus.DEAD).count(),
        "delivered": ours.filter(status=DeliveryStatus.DONE).count(),
        "skipped": ours.filter(status=DeliveryStatus.SKIPPED).count(),
    }
    undelivered = ours.filter(
        status__in=[DeliveryStatus.PENDING, DeliveryStatus.HELD, DeliveryStatus.DEAD]
    )
    oldest = undelivered.aggregate(oldest=Min("event__created_at"))["oldest"]
    delivered = _labelled(
        list(
            ours.filter(status__in=[DeliveryStatus.DONE, DeliveryStatus.SKIPPED])
            .select_related("event", "dossier", "dossier__receiving_agency")
            .order_by("-delivered_at", "-pk")[:limit]
        )
    )
    return Overview(
        counts=counts,
        pending=_listed(ours.filter(status=DeliveryStatus.PENDING, attempts=0), limit),
        failing=_listed(ours.filter(status=DeliveryStatus.PENDING, attempts__gt=0), limit),
        held=_listed(ours.filter(status=DeliveryStatus.HELD), limit),
        dead=_listed(ours.filter(status=DeliveryStatus.DEAD), limit),
        delivered=delivered,
        lags=lags(since=now - timedelta(days=1)),
        oldest=oldest,
        now=now,
    )


def _get(delivery_id: int) -> Delivery:
    delivery = (
        Delivery.objects.select_for_update().filter(pk=delivery_id, consumer=CONSUMER_NAME).first()
    )
    if delivery is None:
        raise NotFound(_("Không tìm thấy lượt gửi này."))
    return delivery


def _refuse_in_flight(delivery: Delivery, now: datetime) -> None:
    if delivery.claimed_until is not None and delivery.claimed_until > now:
        raise DossierError(
            _("Lượt gửi này đang được gửi; hãy thử lại sau ít phút."), field="delivery"
        )


def retry_delivery(delivery_id: int, *, actor, now=None) -> Delivery:
    """Try a failing, dead or held delivery again now (a held one is held again at once if
    its mapping is still missing)."""
    now = moment(now)
    with transaction.atomic():
        refusal = refuse_mapping_change(actor)
        if refusal:
            raise NotAllowed(refusal)
        delivery = _get(delivery_id)
        if delivery.status in (DeliveryStatus.DONE, DeliveryStatus.SKIPPED):
            raise DossierError(_("Lượt gửi này đã xong, không cần gửi lại."), field="delivery")
        _refuse_in_flight(delivery, now)
        before = delivery.status
        delivery.status = DeliveryStatus.PENDING
        delivery.next_attempt_at = now
        delivery.claimed_until = None
        delivery.first_failed_at = None
        delivery.save(
            update_fields=["status", "next_attempt_at", "claimed_until", "first_failed_at"]
        )
        record_change(
            actor=actor,
            action="retry_delivery",
            subject_type="national_portal_delivery",
            subject_key=f"delivery:{delivery.pk}",
            data={"event": delivery.event_id, "before": before, "error": delivery.last_error[:500]},
            event_type="national_portal.delivery_retried",
            now=now,
        )
    return delivery


def skip_delivery(delivery_id: int, *, actor, reason: str, now=None) -> Delivery:
    """Give up on a delivery with a reason: the later updates of its dossier go on."""
    now = moment(now)
    reason = (reason or "").strip()
    if not reason:
        raise DossierError(_("Hãy nêu lý do bỏ qua lượt gửi này."), field="reason")
    if len(reason) > SKIP_REASON_MAX:
        raise DossierError(_("Lý do tối đa %(n)d ký tự.") % {"n": SKIP_REASON_MAX}, field="reason")
    with transaction.atomic():
        refusal = refuse_mapping_change(actor)
        if refusal:
            raise NotAllowed(refusal)
        delivery = _get(delivery_id)
        if delivery.status in (DeliveryStatus.DONE, DeliveryStatus.SKIPPED):
            raise DossierError(_("Lượt gửi này đã xong, không thể bỏ qua."), field="delivery")
        _refuse_in_flight(delivery, now)
        before = delivery.status
        delivery.status = DeliveryStatus.SKIPPED
        delivery.claimed_until = None
        delivery.delivered_at = now
        delivery.last_error = (_("Bỏ qua: %(reason)s") % {"reason": reason})[:2000]
        delivery.save(update_fields=["status", "claimed_until", "delivered_at", "last_error"])
        record_change(
            actor=actor,
            action="skip_delivery",
            subject_type="national_portal_delivery",
            subject_key=f"delivery:{delivery.pk}",
            data={"event": delivery.event_id, "before": before, "reason": reason},
            event_type="national_portal.delivery_skipped",
            now=now,
        )
    return delivery
