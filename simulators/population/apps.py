from django.apps import AppConfig


class PopulationSimConfig(AppConfig):
    name = "simulators.population"
    label = "population"
    verbose_name = "Giả lập CSDL quốc gia về dân cư"

    def ready(self) -> None:
        from django.conf import settings

        if settings.SIM_RUNNING and settings.SIM_POPULATION["residents_file"]:
            from django.db.models.signals import post_migrate

            post_migrate.connect(_load_residents_file, sender=self)


def _load_residents_file(**kwargs) -> None:
    from django.conf import settings

    from . import residents

    residents.load_file(settings.SIM_POPULATION["residents_file"])
