import time

from django.core.management.base import BaseCommand

from motcua.integrations.payment.reconcile import reconcile


class Command(BaseCommand):
    help = (
        "Ask the payment providers about bills still pending and apply their answers "
        "(once, or in a loop with --loop)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true")
        parser.add_argument("--interval", type=float, default=60.0)
        parser.add_argument(
            "--older-than",
            type=int,
            default=None,
            help="minutes a bill has been pending (default PAYMENT_RECONCILE_AFTER_MINUTES)",
        )

    def handle(self, *args, **options):
        while True:
            counts = reconcile(older_than_minutes=options["older_than"])
            if counts or not options["loop"]:
                summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "nothing"
                self.stdout.write(f"reconciled: {summary}")
            if not options["loop"]:
                return
            time.sleep(options["interval"])
