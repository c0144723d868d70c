"""The demo's postal operator: its API client, the key written where the simulator reads it
(settings.POSTAL_SIMULATOR_KEY_FILE). `make demo` runs it after `load_demo`."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from motcua.demo.postal import create_postal_operator


class Command(BaseCommand):
    help = "Creates the demo postal operator's API client and writes its key for the simulator."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError(_("Chỉ dùng cho bản trình diễn (DEMO_MODE=1)."))
        key_file = Path(settings.POSTAL_SIMULATOR_KEY_FILE)
        if create_postal_operator(key_file):
            self.stdout.write(
                _("Khóa API của bưu điện giả lập đã ghi vào %(file)s.") % {"file": key_file}
            )
