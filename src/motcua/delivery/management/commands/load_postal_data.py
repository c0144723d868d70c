"""Load the communes' tariff zones and a tariff from CSV files, as an administrator (audited)."""

from django.core.management.base import BaseCommand, CommandError

from motcua.accounts.models import User
from motcua.delivery import services, zones
from motcua.dossiers.errors import DossierError


class Command(BaseCommand):
    help = "Loads postal zones and a tariff (delivery/data/ by default) through the services."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="the administrator acting")
        parser.add_argument("--zones", default=str(zones.HANOI_ZONES))
        parser.add_argument("--tariff", default=str(zones.DEMO_TARIFF))

    def handle(self, *args, user, zones: str, tariff: str, **options):
        from motcua.delivery import zones as files

        actor = User.objects.filter(username=user).first()
        if actor is None:
            raise CommandError(f"no user {user!r}")
        try:
            changed = services.load_zones(actor=actor, rows=files.read_zones(zones))
            rows = services.load_tariff(actor=actor, rows=files.read_tariff(tariff))
        except DossierError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"{changed} zone assignments changed, {rows} tariff rows set")
