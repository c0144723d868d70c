from django.core.management.base import BaseCommand, CommandError

from motcua.dossiers.models import Dossier
from motcua.events.reference import verify_reference_chain
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
        reference_problems = self.check_reference_data()
        count = dossiers.count()
        if problems:
            raise CommandError(f"{len(problems)} broken link(s) in {count} dossier chain(s)")
        if reference_problems:
            raise CommandError(
                f"{len(reference_problems)} broken link(s) in the reference-data chain"
            )
        self.stdout.write(self.style.SUCCESS(f"{count} dossier chain(s) verified, no broken link"))

    def check_reference_data(self) -> list:
        """The reference-data chain (roles, agency tree, catalog, calendar): one chain for the
        installation, checked whole on every run."""
        problems = verify_reference_chain()
        for problem in problems:
            self.stdout.write(str(problem))
        if not problems:
            self.stdout.write(self.style.SUCCESS("reference-data chain verified, no broken link"))
        return problems
