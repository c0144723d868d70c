from django.apps import AppConfig


class SmsSimConfig(AppConfig):
    name = "simulators.sms"
    label = "sms"
    verbose_name = "Giả lập nhà cung cấp SMS"
