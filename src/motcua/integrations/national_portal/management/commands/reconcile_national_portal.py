import time
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.integrations.national_portal import client
from motcua.integrations.national_portal.reconcile import reconcile


class Command(BaseCommand):
    help = _(
        "Đối soát với Cổng Dịch vụ công quốc gia: tra cứu từng hồ sơ, so với dữ liệu của hệ "
        "thống và gửi lại (qua hàng đợi) những gì khác."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours",
            type=float,
            default=None,
            help="Only dossiers changed in the last N hours (default: every dossier).",
        )
        parser.add_argument("--loop", action="store_true")
        parser.add_argument("--interval", type=float, default=600.0)

    def handle(self, *args, hours=None, loop=False, interval=600.0, **options):
        if not client.enabled():
            message = _("Chưa cấu hình NATIONAL_PORTAL_URL: không có gì để đối soát.")
            if not loop:
                raise CommandError(message)
            # In a process list, stay up (an exit would stop the others) and do nothing.
            self.stdout.write(message)
            while True:
                time.sleep(interval)
        while True:
            since = timezone.now() - timedelta(hours=hours) if hours else None
            report = reconcile(since=since)
            self.stdout.write(
                _(
                    "Đã đối soát %(checked)d hồ sơ: %(differing)d khác, gửi lại; %(waiting)d "
                    "đang chờ gửi; %(errors)d lỗi."
                )
                % {
                    "checked": report.checked,
                    "differing": len(report.differing),
                    "waiting": report.waiting,
                    "errors": len(report.errors),
                }
            )
            for error in report.errors[:20]:
                self.stderr.write(error)
            if not loop:
                return
            time.sleep(interval)
