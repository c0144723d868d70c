"""Ask the postal operator for orders not final yet (catches lost webhooks)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand

from motcua.integrations.postal.client import PostalError
from motcua.integrations.postal.sync import poll_orders


class Command(BaseCommand):
    help = "Polls the postal operator for the state of open postal orders."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true")
        parser.add_argument("--interval", type=float, default=60)

    def handle(self, *args, loop: bool, interval: float, **options):
        if not settings.POSTAL_URL:
            self.stdout.write("POSTAL_URL is empty: the postal adapter is off")
            return
        while True:
            try:
                changed = poll_orders()
                self.stdout.write(f"{changed} postal orders moved")
            except PostalError as exc:
                self.stderr.write(f"postal operator: {exc}")
            if not loop:
                return
            time.sleep(interval)
