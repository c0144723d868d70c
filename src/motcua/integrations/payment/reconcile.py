"""Reconciliation: ask the provider about every online payment still pending and apply what
it says through the same exactly-once path as a notification (payments.services.apply_notice).
A notification that never came is found here; one that comes later changes nothing."""

from __future__ import annotations

import logging
from collections import Counter

import httpx
from django.utils import timezone

from motcua.integrations.payment.client import PaymentClient
from motcua.payments import providers, services
from motcua.payments.providers.base import MessageError, SignatureError

log = logging.getLogger(__name__)


def reconcile(*, now=None, older_than_minutes: int | None = None, limit: int = 200) -> Counter:
    """Returns how many bills ended how: applied, duplicate, ignored, mismatch, unreachable,
    untrusted (a bad signature), unconfigured."""
    now = now or timezone.now()
    counts: Counter = Counter()
    pending = services.pending_to_reconcile(now=now, older_than_minutes=older_than_minutes)
    for payment in pending[:limit]:
        provider = providers.get(payment.provider)
        if provider is None:
            counts["unconfigured"] += 1
            continue
        try:
            notice = PaymentClient(provider).query(payment.bill_code, now=now)
        except httpx.HTTPError as exc:
            log.warning("reconcile %s: %s unreachable: %s", payment.bill_code, provider.name, exc)
            counts["unreachable"] += 1
            continue
        except SignatureError:
            log.warning("reconcile %s: answer with a bad signature", payment.bill_code)
            counts["untrusted"] += 1
            continue
        except MessageError as exc:
            log.warning("reconcile %s: unreadable answer: %s", payment.bill_code, exc)
            counts["unreadable"] += 1
            continue
        applied = services.apply_notice(provider, notice, source="reconciliation", now=now)
        counts[applied.outcome] += 1
    return counts
