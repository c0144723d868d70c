from django.core.management.base import BaseCommand, CommandError

from motcua.dossiers.models import Dossier
from motcua.events.verify import verify_all


class Command(BaseCommand):
    help = "Check every dossier's audit chain and report each broken link."

    def add_arguments(self, parser):
        parser.add_argument("--code", action="append", default=[], help="Only these dossier codes")

    def handle(self, *args, codes=None, **options):
        dossiers = Dossier.objects.all()
        if options["code"]:
            dossiers = dossiers.filter(code__in=options["code"])
        problems = verify_all(dossiers)
        for problem in problems:
            self.stdout.write(str(problem))
        count = dossiers.count()
        if problems:
            raise CommandError(f"{len(problems)} broken link(s) in {count} dossier chain(s)")
        self.stdout.write(self.style.SUCCESS(f"{count} dossier chain(s) verified, no broken link"))
