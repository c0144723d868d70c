"""Reads of subscriptions, scoped to the caller."""

from __future__ import annotations

from django.db.models import QuerySet

from motcua.dossiers import selectors as dossier_selectors
from motcua.events.models import Delivery
from motcua.integrations.webhooks.models import CONSUMER_PREFIX, Subscription


def subscriptions_of(client) -> QuerySet[Subscription]:
    """`client`'s own active subscriptions, newest first."""
    return Subscription.objects.filter(client=client, is_active=True)


def subscription_of(client, pk: int) -> Subscription | None:
    return subscriptions_of(client).filter(pk=pk).first()


def wanting(event_type: str) -> list[Subscription]:
    """Active subscriptions of active clients that asked for `event_type`."""
    return [
        subscription
        for subscription in Subscription.objects.filter(
            is_active=True, client__is_active=True
        ).select_related("client__agency")
        if event_type in subscription.event_types
    ]


def anyone_wants(event_type: str) -> bool:
    """Asked as each dossier event is written: one small read of the active subscriptions."""
    return any(
        event_type in types
        for types in Subscription.objects.filter(is_active=True).values_list(
            "event_types", flat=True
        )
    )


def sees(client, dossier_id: int | None) -> bool:
    """Whether `client` hears of the dossier: its agency subtree is involved in it."""
    if dossier_id is None:
        return False
    return dossier_selectors.dossiers_of_subtree(client.agency).filter(pk=dossier_id).exists()


def deliveries_of(subscription: Subscription) -> QuerySet[Delivery]:
    return Delivery.objects.filter(consumer=f"{CONSUMER_PREFIX}{subscription.pk}")
