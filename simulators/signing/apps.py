from django.apps import AppConfig


class SigningConfig(AppConfig):
    name = "simulators.signing"
    label = "signing"
    verbose_name = "Giả lập dịch vụ ký số từ xa"
    default_auto_field = "django.db.models.BigAutoField"
