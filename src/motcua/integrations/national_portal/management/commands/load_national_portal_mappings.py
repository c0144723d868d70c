from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from motcua.integrations.national_portal import mapping


class Command(BaseCommand):
    help = _(
        "Thêm các dòng mặc định còn thiếu của bảng ánh xạ Cổng Dịch vụ công quốc gia (trạng "
        "thái, kênh nộp, mọi thủ tục chưa ánh xạ); không sửa dòng đã có."
    )

    def handle(self, *args, **options):
        added = mapping.load_defaults()
        self.stdout.write(
            _(
                "Bảng ánh xạ Cổng quốc gia: thêm %(status)d trạng thái, %(channel)d kênh nộp, "
                "%(procedure)d thủ tục."
            )
            % added
        )
