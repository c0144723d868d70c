"""Import procedures from a JSON file of national-database records (docs/catalog-import.md),
through the catalog's service, in the name of the catalog administrator given by --user (the
audit trail records who imported what).

Exit status: 0 when every record was imported (or, with --dry-run, would be); 1 when nothing
was imported; 2 when only some records were (--partial).
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from motcua.catalog.services import import_procedures


class Command(BaseCommand):
    help = "Nhập danh mục thủ tục hành chính từ tệp JSON theo cấu trúc CSDL quốc gia về TTHC."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp JSON; dùng - để đọc từ đầu vào chuẩn.")
        parser.add_argument(
            "--partial",
            action="store_true",
            help="Nhập các bản ghi hợp lệ, bỏ qua bản ghi có lỗi.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi dữ liệu."
        )
        parser.add_argument(
            "--user",
            required=True,
            help="Tên đăng nhập của quản trị danh mục thủ tục thực hiện việc nhập.",
        )

    def handle(self, *args, file: str, partial: bool, dry_run: bool, user: str, **options):
        actor = get_user_model().objects.filter(username=user).first()
        if actor is None:
            raise CommandError(_("Không có tài khoản %(user)s.") % {"user": user})
        try:
            content = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        except OSError as exc:
            raise CommandError(
                _("Không đọc được tệp %(file)s: %(error)s") % {"file": file, "error": exc.strerror}
            ) from exc
        try:
            report = import_procedures(content, actor=actor, partial=partial, dry_run=dry_run)
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        for error in report.file_errors:
            self.stderr.write(error)
        for record in report.records:
            self.stdout.write(
                f"#{record.index} {record.code or '?'}: {record.describe(dry_run=dry_run)}"
            )
            for error in record.errors:
                self.stdout.write(f"    - {error}")
        self.stdout.write(report.summary())
        if report.complete:
            return
        if report.imported:
            raise CommandError(_("Chỉ một phần các bản ghi được nhập."), returncode=2)
        raise CommandError(_("Không có bản ghi nào được nhập."), returncode=1)
