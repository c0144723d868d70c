"""Rebuild the reports' aggregates from the raw tables (docs/reports.md)."""

from django.core.management.base import BaseCommand

from motcua.reports.maintenance import rebuild


class Command(BaseCommand):
    help = "Tính lại toàn bộ số liệu tổng hợp của báo cáo từ dữ liệu hồ sơ."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dossier", type=int, action="append", dest="dossiers", help="chỉ hồ sơ có id này"
        )

    def handle(self, *args, dossiers=None, **options):
        def progress(done, total):
            if options["verbosity"] > 1:
                self.stdout.write(f"{done}/{total}")

        written = rebuild(dossier_ids=dossiers, progress=progress)
        self.stdout.write(self.style.SUCCESS(f"Đã tính lại số liệu của {written} hồ sơ."))
