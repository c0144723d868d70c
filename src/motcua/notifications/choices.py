from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("Thư điện tử")
    SMS = "sms", _("Tin nhắn SMS")
    IN_APP = "in_app", _("Trong ứng dụng")


class ContactKind(models.TextChoices):
    EMAIL = "email", _("Thư điện tử")
    PHONE = "phone", _("Số điện thoại")


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENT = "sent", _("Đã gửi")
    SKIPPED = "skipped", _("Không gửi")


class Topic(models.TextChoices):
    """What a message tells. The first group goes to the applicant, the second to officials."""

    RECEIVED = "received", _("Hồ sơ đã được tiếp nhận")
    COMPLETION = "completion", _("Hồ sơ cần hoàn thiện")
    SUPPLEMENT = "supplement", _("Yêu cầu bổ sung hồ sơ")
    APOLOGY = "apology", _("Xin lỗi, hẹn lại ngày trả kết quả")
    STOPPED = "stopped", _("Dừng giải quyết hồ sơ")
    RESULT_READY = "result_ready", _("Đã có kết quả")
    RETURNED = "returned", _("Đã trả kết quả")
    QUEUE = "queue", _("Hồ sơ mới trong hàng đợi")
    RECEIPT_WARNING = "receipt_warning", _("Hồ sơ trực tuyến sắp hết hạn tiếp nhận")
    DUE_SOON = "due_soon", _("Hồ sơ sắp đến hạn")
    CONFIRM_CONTACT = "confirm_contact", _("Mã xác nhận địa chỉ liên lạc")
    COMPLAINT_RECEIVED = "complaint_received", _("Phản ánh, kiến nghị đã được tiếp nhận")
    COMPLAINT_MORE = "complaint_more", _("Đề nghị bổ sung thông tin phản ánh")
    COMPLAINT_ANSWERED = "complaint_answered", _("Phản ánh, kiến nghị đã được trả lời")
    COMPLAINT_REFUSED = "complaint_refused", _("Phản ánh, kiến nghị bị từ chối")
    COMPLAINT_PUBLISHED = "complaint_published", _("Trả lời phản ánh đã được công khai")


APPLICANT_TOPICS = frozenset(
    {
        Topic.RECEIVED,
        Topic.COMPLETION,
        Topic.SUPPLEMENT,
        Topic.APOLOGY,
        Topic.STOPPED,
        Topic.RESULT_READY,
        Topic.RETURNED,
    }
)

# What the sender of a complaint or petition is told.
COMPLAINANT_TOPICS = frozenset(
    {
        Topic.COMPLAINT_RECEIVED,
        Topic.COMPLAINT_MORE,
        Topic.COMPLAINT_ANSWERED,
        Topic.COMPLAINT_REFUSED,
        Topic.COMPLAINT_PUBLISHED,
    }
)


class Language(models.TextChoices):
    VI = "vi", "Tiếng Việt"
    EN = "en", "English"
