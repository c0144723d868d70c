from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "motcua.agencies"
    verbose_name = _("Cơ quan, đơn vị")

    def ready(self) -> None:
        # Names of agencies, communes and fields are listed in Vietnamese order; on SQLite
        # that needs a collation on every connection (motcua.lib.collation).
        from motcua.lib import collation

        collation.connect()
