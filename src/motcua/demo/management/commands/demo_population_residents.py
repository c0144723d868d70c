"""Writes the demo's residents for the population database's simulator
(settings.POPULATION_SIMULATOR_RESIDENTS_FILE). `make demo` runs it after `load_demo`."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from motcua.demo.population import write_residents


class Command(BaseCommand):
    help = "Writes the demo's residents for the population database's simulator."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError(_("Chỉ dùng cho bản trình diễn (DEMO_MODE=1)."))
        path = Path(settings.POPULATION_SIMULATOR_RESIDENTS_FILE)
        count = write_residents(path)
        self.stdout.write(
            _("Đã ghi %(count)d công dân cho CSDL dân cư giả lập vào %(file)s.")
            % {"count": count, "file": path}
        )
