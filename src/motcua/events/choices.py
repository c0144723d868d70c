from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    DONE = "done", _("Đã gửi")
    DEAD = "dead", _("Ngừng thử lại")
    # Waiting for something an administrator must provide (a mapping); not a failure.
    HELD = "held", _("Tạm giữ")
    # Given up on by an administrator, with a reason (audited by the consumer's service).
    SKIPPED = "skipped", _("Bỏ qua")


# The statuses of a delivery that is not (yet) delivered: for an ordered consumer, a later
# delivery of the same dossier waits while an earlier one is in one of these.
UNDELIVERED = ("pending", "held", "dead")
