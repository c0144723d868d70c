from django.apps import AppConfig


class PaymentConfig(AppConfig):
    name = "simulators.payment"
    label = "payment"
    verbose_name = "Giả lập cổng thanh toán"
