"""The postal adapter's outbox consumers and its poll (docs/postal.md).

- `postal.collection`: a dossier submitted with collection by post chosen (its postal
  request) gets a collection order.
- `postal.delivery`: a dossier whose result is ready (decided) with the result asked by post
  gets a delivery order.
- `postal.cancel`: a dossier withdrawn, refused or stopped cancels its orders the postman has
  not taken yet.

Each handler is safe to run again (the outbox retries it after a failure): our order row is
written first under a fixed reference, and the operator answers the same reference with the
same order. `poll_orders` asks the operator for orders not yet final and applies the events a
lost webhook did not bring.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from motcua.accounts.apiclients import POSTAL_SCOPE
from motcua.accounts.models import ApiClient
from motcua.delivery import services, tracking
from motcua.delivery.choices import OrderStatus, PostalService
from motcua.delivery.models import PostalOrder
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier
from motcua.events.consumers import register, unregister
from motcua.integrations.postal.client import CancelRefused, PostalClient, order_payload

log = logging.getLogger(__name__)


def postal_client_user():
    """The service user of the operator's API client (the actor of what the operator reports),
    or None when none is set up."""
    for client in ApiClient.objects.filter(is_active=True).select_related("user").order_by("pk"):
        if client.has_scope(POSTAL_SCOPE):
            return client.user
    return None


def place_order(dossier: Dossier, service: str, client: PostalClient | None = None):
    order = services.open_order(dossier, service)
    if order is None or order.operator_order_id or order.status == OrderStatus.CANCELLED:
        return order
    remote = (client or PostalClient()).create_order(order_payload(order))
    return services.order_registered(order, operator_order_id=remote.order_id)


def _dossier(event) -> Dossier | None:
    if event.dossier_id is None:
        return None
    return Dossier.objects.select_related("procedure", "receiving_agency").get(pk=event.dossier_id)


def on_submitted(event) -> None:
    dossier = _dossier(event)
    if dossier is not None and services.order_wanted(dossier, PostalService.COLLECTION):
        place_order(dossier, PostalService.COLLECTION)


def on_decided(event) -> None:
    dossier = _dossier(event)
    if dossier is None or dossier.status != DossierStatus.DECIDED:
        return  # returned some other way before the worker came to it
    if services.order_wanted(dossier, PostalService.DELIVERY):
        place_order(dossier, PostalService.DELIVERY)


def on_ended(event) -> None:
    dossier = _dossier(event)
    if dossier is None:
        return
    client = PostalClient()
    for order in PostalOrder.objects.filter(dossier=dossier).select_related("dossier"):
        if not tracking.may_cancel(order.status):
            continue
        reason = f"Hồ sơ kết thúc ({dossier.get_status_display()})"
        if order.operator_order_id:
            try:
                client.cancel_order(order.operator_order_id, reason)
            except CancelRefused:
                log.info("postal order %s already taken; not cancelled", order.reference)
                continue
        services.cancel_order(order, actor=None, reason=reason)


CONSUMERS = {
    "postal.collection": ({"dossier.submit"}, on_submitted),
    "postal.delivery": ({"dossier.decide"}, on_decided),
    "postal.cancel": ({"dossier.withdraw", "dossier.refuse", "dossier.stop"}, on_ended),
}


def register_all() -> None:
    for name, (event_types, handler) in CONSUMERS.items():
        register(name, event_types, handler)


def unregister_all() -> None:
    for name in CONSUMERS:
        unregister(name)


# Listed in OUTBOX_CONSUMER_MODULES when POSTAL_URL is set (settings.py); importing the module
# for its functions while the adapter is off registers nothing.
if settings.POSTAL_URL:
    register_all()


def poll_orders(client: PostalClient | None = None, *, now=None) -> int:
    """Ask the operator for every order not final and apply the events we have not seen (a
    webhook lost on the way). Returns how many updates changed an order."""
    client = client or PostalClient()
    actor = postal_client_user()
    if actor is None:
        log.warning("no API client with the %s scope: postal orders are not polled", POSTAL_SCOPE)
        return 0
    changed = 0
    pending = PostalOrder.objects.exclude(status__in=tracking.FINAL).exclude(operator_order_id="")
    for order in pending.order_by("pk"):
        remote = client.get_order(order.operator_order_id)
        for item in remote.events:
            at = parse_datetime(str(item.get("at", ""))) or timezone.now()
            try:
                _order, moved = services.apply_tracking(
                    actor=actor,
                    operator_order_id=order.operator_order_id,
                    event_id=str(item.get("event_id", "")),
                    status=str(item.get("status", "")),
                    at=at,
                    note=str(item.get("note", "")),
                    now=now,
                )
            except DossierError as exc:
                log.warning("postal event for %s refused: %s", order.reference, exc.message)
                continue
            changed += moved
    return changed
