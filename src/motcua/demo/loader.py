"""Loading the whole demo: Hanoi's agencies, the catalog and the demo accounts."""

from __future__ import annotations

from collections import Counter

from django.db import transaction

from motcua.agencies.models import Agency, Commune, Province
from motcua.agencies.places import load_places
from motcua.demo.accounts import create_accounts
from motcua.demo.hanoi import build_hanoi
from motcua.demo.procedures import all_specs
from motcua.demo.procedures.build import build_procedures


class DemoDataExists(Exception):
    """The database already holds agencies; the demo loads only into an empty one."""


def load_demo() -> Counter:
    """Create everything in one transaction and return what was created, by kind."""
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
        counts["accounts"] = create_accounts(agencies)
    return counts
