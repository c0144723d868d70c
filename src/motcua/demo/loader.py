"""Loading the whole demo: Hanoi's agencies, the catalog, the demo accounts and a working
morning of dossiers."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from motcua.agencies.models import Agency, Commune, Province
from motcua.agencies.places import load_places
from motcua.demo.accounts import create_accounts, create_authenticators
from motcua.demo.dossiers import DEFAULT_DOSSIERS, DEFAULT_SEED, create_demo_dossiers
from motcua.demo.hanoi import build_hanoi
from motcua.demo.postal import load_postal_reference
from motcua.demo.procedures import all_specs
from motcua.demo.procedures.build import build_procedures
from motcua.demo.receipts import create_receipt_series
from motcua.demo.synonyms import create_synonyms


class DemoDataExists(Exception):
    """The database already holds agencies; the demo loads only into an empty one."""


def load_demo(
    *, dossiers: int = DEFAULT_DOSSIERS, seed: int = DEFAULT_SEED, now: datetime | None = None
) -> Counter:
    """Create everything in one transaction and return what was created, by kind. The
    dossiers' history ends at `now` (default: the current time)."""
    with transaction.atomic():
        if Agency.objects.exists():
            raise DemoDataExists
        if not Commune.objects.filter(province_id="01").exists():
            # The places come with migration agencies.0002; a database built without
            # migrations (pytest --no-migrations) lacks them.
            load_places(Province, Commune)
        agencies = build_hanoi()
        counts: Counter = Counter()
        counts["agencies"] = Agency.objects.count()
        counts["departments"] = len(agencies.departments)
        counts["branches"] = len(agencies.branches)
        counts["communes"] = len(agencies.communes)
        counts.update(build_procedures(all_specs(), agencies))
        counts["synonyms"] = create_synonyms()
        counts["accounts"] = create_accounts(agencies)
        # Set up a year before the dossiers' history, whose counter payments take receipts.
        counts["receipt_series"] = create_receipt_series(
            now=(now or timezone.now()) - timedelta(days=365)
        )
        counts.update(load_postal_reference())
        counts.update(create_demo_dossiers(agencies, count=dossiers, seed=seed, now=now))
        # After the dossiers: they create the generated officials, who need one too.
        counts["authenticators"] = create_authenticators()
    return counts
