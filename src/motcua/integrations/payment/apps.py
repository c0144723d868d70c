from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentIntegrationConfig(AppConfig):
    name = "motcua.integrations.payment"
    label = "payment_integration"
    verbose_name = _("Kết nối thanh toán trực tuyến")
