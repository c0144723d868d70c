from django.apps import AppConfig


class PostalIntegrationConfig(AppConfig):
    name = "motcua.integrations.postal"
    label = "integrations_postal"
    verbose_name = "Postal operator"
