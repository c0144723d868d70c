from time import perf_counter

from django.core.management.base import BaseCommand, CommandError

from motcua.demo.loader import DemoDataExists, load_demo

LABELS = {
    "agencies": "cơ quan, đơn vị",
    "departments": "sở, ngành",
    "branches": "chi nhánh Trung tâm Phục vụ hành chính công",
    "communes": "xã, phường",
    "fields": "lĩnh vực",
    "procedures": "thủ tục hành chính",
    "cases": "trường hợp",
    "documents": "thành phần hồ sơ",
    "fees": "phí, lệ phí",
    "steps": "bước quy trình nội bộ",
    "implementations": "cơ quan thực hiện (thủ tục × cơ quan)",
    "accounts": "tài khoản mẫu",
}


class Command(BaseCommand):
    help = (
        "Load the Hanoi demo: agencies after the 2025 reform, a catalog of procedures modelled "
        "on published ones, and one demo account per role. Runs in one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when agencies already exist (so `make demo` can run it every time).",
        )

    def handle(self, *args, if_empty=False, **options):
        started = perf_counter()
        try:
            counts = load_demo()
        except DemoDataExists:
            if if_empty:
                self.stdout.write("Dữ liệu mẫu đã có sẵn (đã có cơ quan); bỏ qua.")
                return
            raise CommandError(
                "Cơ sở dữ liệu đã có cơ quan: dữ liệu mẫu chỉ nạp vào cơ sở dữ liệu trống "
                "(dùng --if-empty để bỏ qua khi đã có)."
            ) from None
        for key, label in LABELS.items():
            self.stdout.write(f"{counts.get(key, 0):>6}  {label}")
        self.stdout.write(
            self.style.SUCCESS(f"Đã nạp dữ liệu mẫu trong {perf_counter() - started:.1f} giây.")
        )
