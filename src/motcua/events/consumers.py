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
from importlib import import_module

from django.conf import settings


@dataclass(frozen=True)
class Consumer:
    name: str
    event_types: frozenset[str]
    handler: Callable

    def wants(self, event_type: str) -> bool:
        return "*" in self.event_types or event_type in self.event_types


_registry: dict[str, Consumer] = {}


def register(name: str, event_types, handler: Callable) -> Consumer:
    consumer = Consumer(name=name, event_types=frozenset(event_types), handler=handler)
    _registry[name] = consumer
    return consumer


def unregister(name: str) -> None:
    _registry.pop(name, None)


def consumers_for(event_type: str) -> list[Consumer]:
    return [consumer for consumer in _registry.values() if consumer.wants(event_type)]


def get(name: str) -> Consumer | None:
    return _registry.get(name)


def load_from_settings() -> None:
    for dotted in getattr(settings, "OUTBOX_CONSUMER_MODULES", []):
        import_module(dotted)
