"""Outbox consumers: who wants which event types.

A consumer is a name, the event types it takes ("*" for all) and a handler called with the
OutboxEvent. Integrations register theirs: settings.OUTBOX_CONSUMER_MODULES lists the dotted
paths of the modules whose import calls `register()`, imported at start-up
(load_from_settings); a Delivery row is created for each consumer registered for an event's
type when the event is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from importlib import import_module

from django.conf import settings


class Hold(Exception):  # noqa: N818 - a decision, not an error
    """Raised by a handler to hold its delivery back until something an administrator must
    provide exists (the delivery is released by `events.services.release_held`); `reason` is
    shown to administrators. Not a failure: no attempt is counted."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Consumer:
    """`ordered`: deliveries of the same dossier are attempted one at a time, in the order of
    their events (a later one waits while an earlier one is undelivered). `backoff(attempts)`,
    `dead_after` and `on_dead(delivery)` replace the outbox's defaults when given."""

    name: str
    event_types: frozenset[str]
    handler: Callable
    ordered: bool = False
    backoff: Callable[[int], timedelta] | None = None
    dead_after: Callable[[], timedelta] | None = None
    on_dead: Callable | None = None

    def wants(self, event_type: str) -> bool:
        return "*" in self.event_types or event_type in self.event_types


_registry: dict[str, Consumer] = {}


def register(name: str, event_types, handler: Callable, **options) -> Consumer:
    consumer = Consumer(name=name, event_types=frozenset(event_types), handler=handler, **options)
    _registry[name] = consumer
    return consumer


def ordered_names() -> list[str]:
    return [consumer.name for consumer in _registry.values() if consumer.ordered]


def unregister(name: str) -> None:
    _registry.pop(name, None)


def consumers_for(event_type: str) -> list[Consumer]:
    return [consumer for consumer in _registry.values() if consumer.wants(event_type)]


def get(name: str) -> Consumer | None:
    return _registry.get(name)


def load_from_settings() -> None:
    for dotted in getattr(settings, "OUTBOX_CONSUMER_MODULES", []):
        import_module(dotted)
