"""The public postal service's words (Decision 45/2016/QĐ-TTg): zones, services, options and
the statuses of a postal order."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Zone(models.TextChoices):
    """The tariff zone of a commune: where the postman goes decides what it costs."""

    URBAN = "urban", _("Phường nội thành")
    SUBURBAN = "suburban", _("Ven đô")
    RURAL = "rural", _("Nông thôn")
    MOUNTAINOUS = "mountainous", _("Miền núi")
    ISLAND = "island", _("Hải đảo")


class PostalService(models.TextChoices):
    """What the postal operator does for one order."""

    COLLECTION = "collection", _("Thu gom hồ sơ")
    DELIVERY = "delivery", _("Chuyển phát kết quả")


class PostalOption(models.TextChoices):
    """The three options of Decision 45/2016 an applicant chooses from."""

    COLLECT = "collect", _("Gửi hồ sơ qua bưu chính")
    DELIVER = "deliver", _("Nhận kết quả qua bưu chính")
    BOTH = "both", _("Gửi hồ sơ và nhận kết quả qua bưu chính")

    @property
    def services(self) -> tuple[str, ...]:
        return {
            "collect": (PostalService.COLLECTION,),
            "deliver": (PostalService.DELIVERY,),
            "both": (PostalService.COLLECTION, PostalService.DELIVERY),
        }[self.value]


class OrderStatus(models.TextChoices):
    """A postal order's status, as the operator reports it. `pending` is ours alone: the order
    is written and the operator has not confirmed it yet."""

    PENDING = "pending", _("Chờ gửi sang bưu điện")
    REGISTERED = "registered", _("Đã đăng ký")
    COLLECTING = "collecting", _("Đang thu gom")
    DELIVERED_TO_AGENCY = "delivered_to_agency", _("Đã chuyển đến cơ quan")
    DISPATCHED = "dispatched", _("Đang chuyển phát")
    DELIVERED = "delivered", _("Đã phát thành công")
    RETURNED_TO_SENDER = "returned_to_sender", _("Chuyển hoàn")
    CANCELLED = "cancelled", _("Đã hủy")
