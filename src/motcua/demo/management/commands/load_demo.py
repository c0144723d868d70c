from time import perf_counter

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from motcua.demo.dossiers import DEFAULT_DOSSIERS, DEFAULT_SEED
from motcua.demo.loader import DemoDataExists, load_demo

MAX_DOSSIERS = 20_000

# Headings of the counts printed after loading (the context: English wants plurals).
LABELS = {
    "agencies": pgettext_lazy("số lượng đã nạp", "cơ quan, đơn vị"),
    "departments": pgettext_lazy("số lượng đã nạp", "sở, ngành"),
    "branches": pgettext_lazy("số lượng đã nạp", "chi nhánh Trung tâm Phục vụ hành chính công"),
    "communes": pgettext_lazy("số lượng đã nạp", "xã, phường"),
    "fields": pgettext_lazy("số lượng đã nạp", "lĩnh vực"),
    "procedures": pgettext_lazy("số lượng đã nạp", "thủ tục hành chính"),
    "cases": pgettext_lazy("số lượng đã nạp", "trường hợp"),
    "documents": pgettext_lazy("số lượng đã nạp", "thành phần hồ sơ"),
    "fees": pgettext_lazy("số lượng đã nạp", "phí, lệ phí"),
    "steps": pgettext_lazy("số lượng đã nạp", "bước quy trình nội bộ"),
    "implementations": pgettext_lazy("số lượng đã nạp", "cơ quan thực hiện (thủ tục × cơ quan)"),
    "accounts": pgettext_lazy("số lượng đã nạp", "tài khoản mẫu"),
    "officials": pgettext_lazy("số lượng đã nạp", "cán bộ mẫu khác (cùng mật khẩu)"),
    "dossiers": pgettext_lazy("số lượng đã nạp", "hồ sơ mẫu"),
    "authenticators": pgettext_lazy(
        "số lượng đã nạp", "ứng dụng xác thực của cán bộ (khóa bí mật chung của bản trình diễn)"
    ),
}


class Command(BaseCommand):
    help = (
        "Load the Hanoi demo: agencies after the 2025 reform, a catalog of procedures modelled "
        "on published ones, one demo account per role, and a working morning of dossiers made "
        "through the dossier services over the last six working weeks. Runs in one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when agencies already exist (so `make demo` can run it every time).",
        )
        parser.add_argument(
            "--dossiers",
            type=int,
            default=DEFAULT_DOSSIERS,
            help=f"How many demo dossiers to create (default {DEFAULT_DOSSIERS}; 0 for none).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help="Seed of the random choices: the same seed at the same moment gives the same "
            "dossiers.",
        )

    def handle(
        self, *args, if_empty=False, dossiers=DEFAULT_DOSSIERS, seed=DEFAULT_SEED, **options
    ):
        if not settings.DEMO_MODE:
            # The demo's accounts, a superuser among them, share a password published in the
            # README: never on a database that is not a demonstration's.
            raise CommandError(
                _(
                    "Dữ liệu mẫu chỉ nạp khi bật chế độ trình diễn (DEMO_MODE=1): các tài khoản "
                    "mẫu, kể cả tài khoản quản trị, dùng mật khẩu đã công bố."
                )
            )
        if not 0 <= dossiers <= MAX_DOSSIERS:
            raise CommandError(
                _("Số hồ sơ mẫu (--dossiers) phải từ 0 đến %(max)d.") % {"max": MAX_DOSSIERS}
            )
        started = perf_counter()
        try:
            counts = load_demo(dossiers=dossiers, seed=seed)
        except DemoDataExists:
            if if_empty:
                self.stdout.write(_("Dữ liệu mẫu đã có sẵn (đã có cơ quan); bỏ qua."))
                call_command("load_national_portal_mappings", stdout=self.stdout)
                return
            raise CommandError(
                _(
                    "Cơ sở dữ liệu đã có cơ quan: dữ liệu mẫu chỉ nạp vào cơ sở dữ liệu trống "
                    "(dùng --if-empty để bỏ qua khi đã có)."
                )
            ) from None
        for key, label in LABELS.items():
            self.stdout.write(f"{counts.get(key, 0):>6}  {label}")
        # The national portal's mapping tables, with a default row for every demo procedure.
        call_command("load_national_portal_mappings", stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                _("Đã nạp dữ liệu mẫu trong %(seconds).1f giây.")
                % {"seconds": perf_counter() - started}
            )
        )
