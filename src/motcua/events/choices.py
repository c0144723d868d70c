from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    DONE = "done", _("Đã gửi")
    DEAD = "dead", _("Ngừng thử lại")
