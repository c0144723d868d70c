from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "motcua.events"
    verbose_name = _("Nhật ký và sự kiện")

    def ready(self) -> None:
        from motcua.events import consumers

        consumers.load_from_settings()
