from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    name = "motcua.delivery"
    verbose_name = _("Dịch vụ bưu chính công ích")
    default_auto_field = "django.db.models.BigAutoField"
