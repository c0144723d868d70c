"""The kinds and statuses of money owed, paid and refunded."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ObligationStage(models.TextChoices):
    """When the amount became owed: at submission (the procedure's fees), or during processing,
    when an official asks for an amount known only then (a land-use levy)."""

    SUBMISSION = "submission", _("Phí, lệ phí khi nộp hồ sơ")
    PROCESSING = "processing", _("Nghĩa vụ tài chính phát sinh khi giải quyết")


class ObligationStatus(models.TextChoices):
    OPEN = "open", _("Chưa thanh toán")
    PAID = "paid", _("Đã thanh toán")
    NOTHING_DUE = "nothing_due", _("Không phải nộp")
    CANCELLED = "cancelled", _("Đã huỷ")


class PaymentMethod(models.TextChoices):
    NATIONAL_PLATFORM = "national_platform", _("Trực tuyến qua Nền tảng thanh toán quốc gia")
    PROVINCIAL_GATEWAY = "provincial_gateway", _("Trực tuyến qua cổng thanh toán của tỉnh")
    COUNTER_CASH = "counter_cash", _("Tiền mặt tại bộ phận một cửa")
    COUNTER_CARD = "counter_card", _("Thẻ tại bộ phận một cửa")


ONLINE_METHODS = (PaymentMethod.NATIONAL_PLATFORM, PaymentMethod.PROVINCIAL_GATEWAY)
COUNTER_METHODS = (PaymentMethod.COUNTER_CASH, PaymentMethod.COUNTER_CARD)

# DuocThanhToanTrucTuyen on the national portal: 1 paid on its platform, 2 on the province's
# gateway.
NATIONAL_PAID_ONLINE_CODE = {
    PaymentMethod.NATIONAL_PLATFORM: 1,
    PaymentMethod.PROVINCIAL_GATEWAY: 2,
}


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ thanh toán")
    CONFIRMED = "confirmed", _("Đã thanh toán")
    FAILED = "failed", _("Thanh toán không thành công")
    ABANDONED = "abandoned", _("Người nộp đã bỏ thanh toán")


FINAL_PAYMENT_STATUSES = (PaymentStatus.CONFIRMED, PaymentStatus.FAILED, PaymentStatus.ABANDONED)


class NotificationOutcome(models.TextChoices):
    """What a notification from a provider did (every one is kept, applied or not)."""

    APPLIED = "applied", _("Đã ghi nhận")
    DUPLICATE = "duplicate", _("Trùng, đã ghi nhận trước đó")
    IGNORED = "ignored", _("Đến muộn hoặc sai thứ tự, không thay đổi gì")
    BAD_SIGNATURE = "bad_signature", _("Chữ ký không hợp lệ")
    MISMATCH = "mismatch", _("Không khớp hoá đơn hoặc số tiền")
    UNKNOWN_BILL = "unknown_bill", _("Không tìm thấy hoá đơn")
