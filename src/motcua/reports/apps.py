from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "motcua.reports"
    verbose_name = _("Báo cáo, thống kê")

    def ready(self) -> None:
        from motcua.reports.consumer import register_consumer
        from motcua.reports.service_index_config import check_configuration

        register_consumer()
        # A bad SERVICE_INDEX_CONFIG stops the start with a message, not the first report.
        check_configuration()
