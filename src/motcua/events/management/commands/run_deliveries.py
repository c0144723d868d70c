import time
from datetime import timedelta

from django.core.management.base import BaseCommand

from motcua.events.services import run_deliveries


class Command(BaseCommand):
    help = "Deliver due outbox events to their consumers (once, or in a loop with --loop)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true")
        parser.add_argument("--interval", type=float, default=2.0)
        parser.add_argument("--batch", type=int, default=50)
        parser.add_argument(
            "--lease",
            type=float,
            default=300.0,
            help="Seconds a claimed delivery stays this worker's (longer than a delivery takes).",
        )

    def handle(self, *args, **options):
        while True:
            done, failed = run_deliveries(
                limit=options["batch"], lease=timedelta(seconds=options["lease"])
            )
            if done or failed:
                self.stdout.write(f"delivered {done}, failed {failed}")
            if not options["loop"]:
                return
            if not done and not failed:
                time.sleep(options["interval"])
