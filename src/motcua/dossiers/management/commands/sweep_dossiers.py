import time
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from motcua.dossiers.files import remove_orphan_files
from motcua.dossiers.services import expire_abandoned_drafts, sweep_due_warnings


class Command(BaseCommand):
    help = (
        "Housekeeping, idempotent, run periodically: warn once of each dossier due within a "
        "working day, expire guests' drafts left unsaved for GUEST_DRAFT_EXPIRY_DAYS (with "
        "their files), and delete private files left by rolled-back transactions."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Repeat every --interval seconds")
        parser.add_argument("--interval", type=float, default=300.0)
        parser.add_argument(
            "--orphan-age-hours",
            type=float,
            default=6.0,
            help="Only delete files no row points at when they are older than this",
        )

    def handle(self, *args, **options):
        age = timedelta(hours=options["orphan_age_hours"])
        while True:
            warned = sweep_due_warnings()
            expired = expire_abandoned_drafts()
            removed = remove_orphan_files(older_than=age)
            if warned or expired or removed or not options["loop"]:
                self.stdout.write(
                    _(
                        "Đã nhắc %(warned)d hồ sơ sắp đến hạn, hủy %(expired)d bản nháp bỏ dở, "
                        "xóa %(removed)d tệp không thuộc hồ sơ nào."
                    )
                    % {"warned": warned, "expired": expired, "removed": len(removed)}
                )
            if not options["loop"]:
                return
            time.sleep(options["interval"])
