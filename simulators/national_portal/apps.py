from django.apps import AppConfig


class NationalPortalConfig(AppConfig):
    name = "simulators.national_portal"
    label = "national_portal"
    verbose_name = "Giả lập Cổng Dịch vụ công quốc gia"
