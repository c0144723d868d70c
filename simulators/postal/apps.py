from django.apps import AppConfig


class PostalSimConfig(AppConfig):
    name = "simulators.postal"
    label = "postal"
    verbose_name = "Giả lập bưu chính công ích"

    def ready(self) -> None:
        from django.conf import settings

        if settings.SIM_RUNNING:
            from . import workers

            workers.start()
