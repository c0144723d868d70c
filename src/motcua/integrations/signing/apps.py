from django.apps import AppConfig


class SigningConfig(AppConfig):
    name = "motcua.integrations.signing"
    label = "signing"
    verbose_name = "Ký số kết quả"

    def ready(self):
        from motcua.integrations.signing.sources import check_configuration

        check_configuration()
