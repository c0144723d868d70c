from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "motcua.catalog"
    verbose_name = _("Danh mục thủ tục hành chính")

    def ready(self) -> None:
        from motcua.catalog import parts

        parts.connect()
