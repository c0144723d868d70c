"""Deliveries written by a consumer rather than by `emit`, and deliveries sent again.

A consumer that fans an event out to consumers made at run time (one per webhook
subscription, events/consumers.py `register_family`) writes their Delivery rows with
`add_deliveries`; they are then claimed, retried with backoff and dead-lettered by
`run_deliveries` like any other. `requeue` makes one due again at once, with a fresh count
of attempts (an administrator's replay; its caller records who asked).
"""

from __future__ import annotations

from datetime import datetime

from motcua.events.choices import DeliveryStatus
from motcua.events.models import Delivery, OutboxEvent


def add_deliveries(event: OutboxEvent, names: list[str], *, now: datetime) -> int:
    """One pending Delivery of `event` per consumer name; names that already have theirs are
    left as they are (a fan-out run twice writes nothing new). Returns how many exist now."""
    Delivery.objects.bulk_create(
        [Delivery(event=event, consumer=name, next_attempt_at=now) for name in names],
        ignore_conflicts=True,
    )
    return Delivery.objects.filter(event=event, consumer__in=names).count()


def requeue(delivery: Delivery, *, now: datetime) -> None:
    """Make `delivery` due now, pending, with its attempts counted afresh."""
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.PENDING,
        attempts=0,
        next_attempt_at=now,
        claimed_until=None,
    )
