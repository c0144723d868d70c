"""The outbox consumer that keeps the reports' aggregates (docs/reports.md).

Every dossier and payment event names its dossier; the handler computes that dossier's fact
again from the raw tables and applies the difference to the daily rollups (facts.refresh). It
never trusts the event's content, so the order of deliveries does not matter, and a delivery
retried after a failure, or delivered twice, finds nothing left to change. Registered when the
app starts (apps.py), whatever integrations are configured: the figures need it everywhere.
Submission only pays one more Delivery row in the transaction that already writes the event.
The setting REPORTS_LIVE_AGGREGATES turns it off (the test suite does, except for the reports'
own tests, so that other tests see only the consumers they register).
"""

from __future__ import annotations

from django.conf import settings

from motcua.events import consumers
from motcua.reports import facts

CONSUMER_NAME = "reports.aggregates"
# The event families that change what a dossier's fact holds.
PREFIXES = ("dossier.", "payment.")


def wants(event_type: str) -> bool:
    """Asked as each event is written: no Delivery row while the setting is off."""
    return settings.REPORTS_LIVE_AGGREGATES and event_type.startswith(PREFIXES)


def handle(event) -> None:
    if event.dossier_id is not None:
        facts.refresh([event.dossier_id])


def register_consumer() -> consumers.Consumer:
    return consumers.register(CONSUMER_NAME, ["*"], handle, when=wants)
