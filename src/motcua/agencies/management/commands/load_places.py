from django.core.management.base import BaseCommand

from motcua.agencies.models import Commune, Province
from motcua.agencies.places import load_places


class Command(BaseCommand):
    help = "Load or refresh Vietnam's provinces and communes (statistical codes, 2025 reform)."

    def handle(self, *args, **options):
        provinces, communes = load_places(Province, Commune)
        self.stdout.write(f"{provinces} provinces, {communes} communes")
