from django.core.management.base import BaseCommand, CommandError

from motcua.dossiers.models import Dossier
from motcua.events.checkpoints import checkpoint_path, read_checkpoints
from motcua.events.reference import verify_reference_chain
from motcua.events.verify import missing_dossiers, verify_all


class Command(BaseCommand):
    help = (
        "Check every dossier's audit chain, its sealed head and its status, and compare the heads "
        "with the last checkpoint (AUDIT_CHECKPOINT_DIR); report each problem."
    )

    def add_arguments(self, parser):
        parser.add_argument("--code", action="append", default=[], help="Only these dossier codes")

    def handle(self, *args, **options):
        dossiers = Dossier.objects.all()
        if options["code"]:
            dossiers = dossiers.filter(code__in=options["code"])
        checkpoints = read_checkpoints()
        for problem in checkpoints.problems:
            self.stdout.write(f"{checkpoint_path()}: {problem}")
        if checkpoints.last is None and not checkpoints.problems:
            self.stdout.write(
                f"No checkpoint yet in {checkpoint_path()}: heads checked by seal only"
            )
        problems = verify_all(dossiers, checkpoints.heads)
        if not options["code"]:
            problems.extend(missing_dossiers(Dossier, checkpoints.heads))
        for problem in problems:
            self.stdout.write(str(problem))
        reference_problems = self.check_reference_data(checkpoints.reference)
        count = dossiers.count()
        if problems or checkpoints.problems:
            raise CommandError(
                f"{len(problems) + len(checkpoints.problems)} problem(s) in {count} dossier "
                "chain(s) and their checkpoints"
            )
        if reference_problems:
            raise CommandError(
                f"{len(reference_problems)} broken link(s) in the reference-data chain"
            )
        since = (
            f", checkpoint {checkpoints.last['n']} of {checkpoints.last['at']}"
            if checkpoints.last
            else ""
        )
        self.stdout.write(
            self.style.SUCCESS(f"{count} dossier chain(s) verified, no broken link{since}")
        )

    def check_reference_data(self, checkpointed=None) -> list:
        """The reference-data chain (roles, agency tree, catalog, calendar): one chain for the
        installation, checked whole on every run."""
        problems = verify_reference_chain(checkpointed)
        for problem in problems:
            self.stdout.write(str(problem))
        if not problems:
            self.stdout.write(self.style.SUCCESS("reference-data chain verified, no broken link"))
        return problems
