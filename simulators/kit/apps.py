from django.apps import AppConfig


class KitConfig(AppConfig):
    name = "simulators.kit"
    label = "simkit"
    verbose_name = "Bộ công cụ giả lập"
