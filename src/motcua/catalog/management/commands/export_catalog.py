"""Export procedures as a JSON list of national-database records (docs/catalog-import.md)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from motcua.catalog.choices import PublicationStatus
from motcua.catalog.records import export_json, procedures_for_export


class Command(BaseCommand):
    help = "Xuất danh mục thủ tục hành chính ra tệp JSON theo cấu trúc CSDL quốc gia về TTHC."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="Tệp ghi ra; mặc định là đầu ra chuẩn.")
        parser.add_argument(
            "--code", nargs="+", default=[], metavar="CODE", help="Chỉ xuất các mã thủ tục này."
        )
        parser.add_argument(
            "--status", choices=PublicationStatus.values, help="Chỉ xuất thủ tục ở trạng thái này."
        )

    def handle(self, *args, output: str | None, code: list[str], status: str | None, **options):
        procedures = list(procedures_for_export(code or None, status))
        missing = sorted(set(code) - {procedure.code for procedure in procedures})
        if missing:
            raise CommandError(_("Không có thủ tục mã: %(codes)s") % {"codes": ", ".join(missing)})
        content = export_json(procedures)
        if output:
            try:
                Path(output).write_text(content, encoding="utf-8")
            except OSError as exc:
                raise CommandError(
                    _("Không ghi được tệp %(file)s: %(error)s")
                    % {"file": output, "error": exc.strerror}
                ) from exc
            self.stderr.write(
                ngettext(
                    "Đã xuất %(count)d thủ tục vào %(file)s.",
                    "Đã xuất %(count)d thủ tục vào %(file)s.",
                    len(procedures),
                )
                % {"count": len(procedures), "file": output}
            )
        else:
            self.stdout.write(content, ending="")
