"""The demo's public postal service: Hà Nội's communes in their tariff zones and the
illustrative tariff (delivery/data/), loaded by the demo's system administrator through the
audited services, and the postal operator's API client, whose key the simulator reads from a
file (settings.POSTAL_SIMULATOR_KEY_FILE) to sign in its webhooks."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from motcua.accounts.apiclients import POSTAL_SCOPE, create_api_client
from motcua.accounts.models import ApiClient, User
from motcua.agencies.models import Agency
from motcua.delivery import services, zones

OPERATOR_NAME = "Bưu điện Thành phố Hà Nội (trình diễn)"


def load_postal_reference() -> Counter:
    admin = User.objects.get(username="admin")
    counts: Counter = Counter()
    counts["postal_zones"] = services.load_zones(actor=admin, rows=zones.read_zones())
    counts["postal_tariff"] = services.load_tariff(actor=admin, rows=zones.read_tariff())
    return counts


def create_postal_operator(key_file: Path) -> bool:
    """The operator's client on the city's People's Committee (the top agency), its key
    written to `key_file` for the simulator. False when it exists already and its key file
    too (the key is shown once and never stored in clear)."""
    if ApiClient.objects.filter(name=OPERATOR_NAME).exists() and key_file.exists():
        return False
    for old in ApiClient.objects.filter(name=OPERATOR_NAME):  # its key is lost: a new one
        old.is_active, old.name = False, f"{OPERATOR_NAME} — cũ #{old.pk}"
        old.save(update_fields=["is_active", "name"])
    top = Agency.objects.filter(parent__isnull=True).order_by("pk").first()
    _client, key = create_api_client(OPERATOR_NAME, agency=top, scopes=[POSTAL_SCOPE])
    key_file.parent.mkdir(parents=True, exist_ok=True)
    key_file.write_text(key + "\n", encoding="utf-8")
    key_file.chmod(0o600)
    return True
