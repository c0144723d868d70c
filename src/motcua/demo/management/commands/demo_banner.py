import os

from django.core.management.base import BaseCommand

from motcua.demo.banner import banner_lines


class Command(BaseCommand):
    help = (
        "Print the demo's addresses and accounts (reads PORT from the environment, default 8000)."
    )

    def handle(self, *args, **options):
        port = os.environ.get("PORT", "8000").strip() or "8000"
        for line in banner_lines(port):
            self.stdout.write(line)
