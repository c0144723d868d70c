"""Writing the audit trail and the outbox, and delivering outbox events.

`append_audit` and `emit` are called by domain services inside their transaction, after they
have locked the dossier row; they never commit on their own.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from motcua.events import chain, consumers
from motcua.events.choices import UNDELIVERED, DeliveryStatus
from motcua.events.models import AuditEvent, Delivery, OutboxEvent, PersonalDataAccess

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 12

# The dossier's columns that `append_audit` advances; a narrow save must include them all.
AUDIT_HEAD_FIELDS = ("audit_head_seq", "audit_head_hmac", "audit_head_seal")


def audit_key() -> bytes:
    return settings.AUDIT_HMAC_KEY.encode()


def append_audit(
    dossier,
    *,
    actor,
    action: str,
    from_status: str,
    to_status: str,
    data: dict | None = None,
    now: datetime,
) -> AuditEvent:
    """Append one event to `dossier`'s chain. The caller holds the dossier's row lock, so the
    sequence number and the previous HMAC cannot race. The dossier's own head (seq, HMAC and
    the head's seal) is advanced too and saved by the caller (AUDIT_HEAD_FIELDS): a deleted last
    event no longer matches the head, and the head cannot be set back without the key."""
    seq = dossier.audit_head_seq + 1
    actor_name = (actor.get_full_name() or actor.username) if actor is not None else ""
    content = chain.event_content(
        dossier_id=dossier.pk,
        seq=seq,
        at=now,
        actor_id=actor.pk if actor is not None else None,
        actor_name=actor_name,
        action=action,
        from_status=from_status,
        to_status=to_status,
        data=data or {},
    )
    # Store exactly what was sealed: a JSON round trip so the stored data re-seals identically.
    stored_data = json.loads(chain.canonical_json(data or {}))
    seal = chain.seal(audit_key(), content, dossier.audit_head_hmac)
    event = AuditEvent.objects.create(
        dossier=dossier,
        seq=seq,
        at=now,
        actor=actor,
        actor_name=actor_name,
        action=action,
        from_status=from_status,
        to_status=to_status,
        data=stored_data,
        prev_hmac=dossier.audit_head_hmac,
        hmac=seal,
    )
    dossier.audit_head_seq = seq
    dossier.audit_head_hmac = seal
    dossier.audit_head_seal = chain.head_seal(audit_key(), dossier.pk, seq, seal)
    return event


def emit(
    event_type: str, *, subject: str, payload: dict, dossier=None, now: datetime
) -> OutboxEvent:
    """Write an outbox event and one pending delivery per consumer that wants its type."""
    event = OutboxEvent.objects.create(
        type=event_type, subject=subject, payload=payload, dossier=dossier, created_at=now
    )
    Delivery.objects.bulk_create(
        [
            Delivery(event=event, consumer=consumer.name, dossier=dossier, next_attempt_at=now)
            for consumer in consumers.consumers_for(event_type)
        ]
    )
    return event


def log_personal_data_access(
    user, dossier=None, *, context: str, now: datetime | None = None, query: str | None = ""
) -> None:
    """Record that `user` read `dossier`'s personal data through `context` (a short label such
    as "office:applicant-lookup"). `dossier` may be None when a search or a lookup by personal
    ID found no dossier; `query` is what was searched, if anything (cut to 100 characters)."""
    PersonalDataAccess.objects.create(
        user=user,
        dossier=dossier,
        at=now or timezone.now(),
        context=context[:100],
        query=(query or "")[:100],
    )


def log_personal_data_reads(
    user, dossiers, *, context: str, now: datetime | None = None, query: str | None = ""
) -> None:
    """Record one read per dossier shown in a list (a queue, an admin page, an API page).
    `dossiers` is a list or a queryset (only the ids are read). A search that shows nothing is
    recorded once, without a dossier, so that who searched for whom is still known."""
    if hasattr(dossiers, "values_list"):
        ids = list(dossiers.values_list("pk", flat=True))
    else:
        ids = [dossier.pk for dossier in dossiers]
    query = (query or "")[:100]
    if not ids and not query:
        return
    at = now or timezone.now()
    PersonalDataAccess.objects.bulk_create(
        [
            PersonalDataAccess(user=user, dossier_id=pk, at=at, context=context[:100], query=query)
            for pk in ids or [None]
        ]
    )


def backoff(attempts: int) -> timedelta:
    """Exponential backoff from 30 s, capped at 6 hours."""
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 6 * 3600))


def claim_deliveries(*, limit: int = 50, lease: timedelta = timedelta(minutes=5), now=None):
    """Claim up to `limit` due deliveries for this worker. Rows locked by another worker are
    skipped (SKIP LOCKED on PostgreSQL; SQLite serialises writers), and a claim is a lease: a
    worker that dies leaves the delivery to be claimed again when the lease ends.

    For an ordered consumer (consumers.Consumer.ordered) a delivery is not claimed while an
    earlier delivery of the same dossier to the same consumer is undelivered (pending, even
    claimed by another worker, held or dead): so a dossier's events reach it one at a time and
    in order. The partial index `delivery_undelivered_order` answers that question."""
    now = now or timezone.now()
    ordered = consumers.ordered_names()
    due = Delivery.objects.select_for_update(skip_locked=True).filter(
        status=DeliveryStatus.PENDING, next_attempt_at__lte=now
    )
    if ordered:
        earlier = Delivery.objects.filter(
            consumer=OuterRef("consumer"),
            dossier=OuterRef("dossier"),
            event_id__lt=OuterRef("event_id"),
            status__in=UNDELIVERED,
        )
        due = due.exclude(Q(consumer__in=ordered, dossier__isnull=False) & Exists(earlier))
    with transaction.atomic():
        claimed = list(due.exclude(claimed_until__gt=now).order_by("next_attempt_at", "pk")[:limit])
        ids = [delivery.pk for delivery in claimed]
        Delivery.objects.filter(pk__in=ids).update(claimed_until=now + lease)
    return list(
        Delivery.objects.filter(pk__in=ids)
        .select_related("event")
        .order_by("next_attempt_at", "pk")
    )


def deliver(delivery: Delivery, *, now=None) -> bool:
    """Run the consumer's handler for a claimed delivery and record the outcome: done; held
    (the handler raised consumers.Hold); or failed, to be tried again after the consumer's
    backoff, and dead once it has failed MAX_ATTEMPTS times (or, for a consumer with
    `dead_after`, once it has kept failing that long since its first failure)."""
    now = now or timezone.now()
    consumer = consumers.get(delivery.consumer)
    try:
        if consumer is None:
            raise LookupError(f"consumer {delivery.consumer!r} is not registered")
        consumer.handler(delivery.event)
    except consumers.Hold as hold:
        Delivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.HELD, last_error=hold.reason[:2000], claimed_until=None
        )
        log.info("delivery %s to %s held: %s", delivery.pk, delivery.consumer, hold.reason)
        return False
    except Exception as exc:  # noqa: BLE001 - any failure is recorded and retried
        attempts = delivery.attempts + 1
        first_failed_at = delivery.first_failed_at or now
        if consumer is not None and consumer.dead_after is not None:
            dead = now - first_failed_at >= consumer.dead_after()
        else:
            dead = attempts >= MAX_ATTEMPTS
        wait = consumer.backoff(attempts) if consumer and consumer.backoff else backoff(attempts)
        with transaction.atomic():
            Delivery.objects.filter(pk=delivery.pk).update(
                attempts=attempts,
                last_error=f"{type(exc).__name__}: {exc}"[:2000],
                first_failed_at=first_failed_at,
                next_attempt_at=now + wait,
                claimed_until=None,
                status=DeliveryStatus.DEAD if dead else DeliveryStatus.PENDING,
            )
            if dead and consumer is not None and consumer.on_dead is not None:
                delivery.refresh_from_db()
                consumer.on_dead(delivery, now=now)
        log.warning("delivery %s to %s failed: %s", delivery.pk, delivery.consumer, exc)
        return False
    Delivery.objects.filter(pk=delivery.pk).update(
        attempts=delivery.attempts + 1,
        status=DeliveryStatus.DONE,
        delivered_at=now,
        claimed_until=None,
        last_error="",
    )
    return True


def release_held(consumer: str, *, dossier_ids=None, now=None) -> int:
    """Put `consumer`'s held deliveries (of these dossiers, or all) back to pending, due now.
    Returns how many were released."""
    now = now or timezone.now()
    held = Delivery.objects.filter(consumer=consumer, status=DeliveryStatus.HELD)
    if dossier_ids is not None:
        held = held.filter(dossier_id__in=list(dossier_ids))
    return held.update(status=DeliveryStatus.PENDING, next_attempt_at=now, claimed_until=None)


def run_deliveries(
    *, limit: int = 50, now=None, lease: timedelta = timedelta(minutes=5)
) -> tuple[int, int]:
    """Claim and deliver one batch; returns (delivered, not delivered). Each delivery is timed
    by the clock when it runs (unless `now` is given), so a slow batch keeps honest times."""
    done = failed = 0
    for delivery in claim_deliveries(limit=limit, now=now, lease=lease):
        if deliver(delivery, now=now):
            done += 1
        else:
            failed += 1
    return done, failed
