import time

from django.core.management.base import BaseCommand

from motcua.dossiers.services import sweep_due_warnings


class Command(BaseCommand):
    help = "Warn once of each dossier due within a working day (idempotent; run periodically)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Repeat every --interval seconds")
        parser.add_argument("--interval", type=float, default=300.0)

    def handle(self, *args, **options):
        while True:
            warned = sweep_due_warnings()
            if warned or not options["loop"]:
                self.stdout.write(f"{warned} dossier(s) warned")
            if not options["loop"]:
                return
            time.sleep(options["interval"])
