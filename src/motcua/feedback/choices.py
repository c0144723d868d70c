"""The choices of ratings and complaints (docs/feedback.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The criteria a rating scores, each from 1 (rất kém) to 5 (rất tốt): the five groups the
# citizen-satisfaction survey of the service index asks about (reaching the service, the
# procedure, the officials, the time taken and the result), as provincial rating pages show them.
CRITERIA = (
    ("access", _("Tiếp cận dịch vụ (nơi tiếp nhận, cổng dịch vụ công)")),
    ("procedure", _("Thủ tục hành chính được công khai, minh bạch, đơn giản")),
    ("attitude", _("Thái độ, tinh thần phục vụ của công chức")),
    ("timeliness", _("Thời gian giải quyết đúng hẹn")),
    ("result", _("Kết quả giải quyết đúng quy định")),
)
SCORE_MIN, SCORE_MAX = 1, 5


class Overall(models.TextChoices):
    VERY_SATISFIED = "very_satisfied", _("Rất hài lòng")
    SATISFIED = "satisfied", _("Hài lòng")
    UNSATISFIED = "unsatisfied", _("Không hài lòng")


# What the service index counts as a poor rating: an overall "không hài lòng".
POOR = Overall.UNSATISFIED


class ComplaintKind(models.TextChoices):
    COMPLAINT = "complaint", _("Phản ánh")
    PETITION = "petition", _("Kiến nghị")


class ComplaintSource(models.TextChoices):
    PORTAL = "portal", _("Cổng dịch vụ công của tỉnh")
    NATIONAL_PORTAL = "national_portal", _("Cổng Dịch vụ công quốc gia")


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    ASSIGNED = "assigned", _("Đang xử lý")
    MORE_REQUESTED = "more_requested", _("Đề nghị bổ sung thông tin")
    REFUSED = "refused", _("Từ chối tiếp nhận")
    ANSWERED = "answered", _("Đã trả lời")
    PUBLISHED = "published", _("Đã công khai")


OPEN_STATUSES = (
    ComplaintStatus.RECEIVED,
    ComplaintStatus.ASSIGNED,
    ComplaintStatus.MORE_REQUESTED,
)

# Deadlines in working days, counted from receipt (publishing: from the answer).
REFUSE_WITHIN = 2
ASK_MORE_WITHIN = 5
ANSWER_WITHIN = 15
PUBLISH_WITHIN = 2
