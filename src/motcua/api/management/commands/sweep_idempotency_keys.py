import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from motcua.api import idempotency


class Command(BaseCommand):
    help = (
        "Delete the API's Idempotency-Key records older than 24 hours (they are ignored already). "
        "Idempotent, run periodically."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Repeat every --interval seconds")
        parser.add_argument("--interval", type=float, default=3600.0)

    def handle(self, *args, **options):
        while True:
            deleted = idempotency.sweep()
            if deleted or not options["loop"]:
                self.stdout.write(
                    _("Đã xóa %(n)d bản ghi Idempotency-Key quá 24 giờ.") % {"n": deleted}
                )
            if not options["loop"]:
                return
            time.sleep(options["interval"])
