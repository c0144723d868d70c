"""The default texts of every topic in Vietnamese and English (loaded into MessageTemplate by
a data migration; administrators edit them there), and the filling of placeholders."""

from __future__ import annotations

import string

DEFAULTS: dict[str, dict[str, tuple[str, str]]] = {
    "received": {
        "vi": (
            "Hồ sơ {code} đã được tiếp nhận",
            "Hồ sơ {code} ({procedure}) đã được tiếp nhận. Ngày hẹn trả kết quả: {due}.",
        ),
        "en": (
            "Application {code} received",
            "Your application {code} ({procedure}) has been received. Your result is due on {due}.",
        ),
    },
    "completion": {
        "vi": (
            "Hồ sơ {code} cần hoàn thiện",
            "Hồ sơ {code} ({procedure}) được trả lại để hoàn thiện. Cần bổ sung: {what}.",
        ),
        "en": (
            "Application {code} needs completing",
            "Your application {code} ({procedure}) was returned for completion. "
            "Please provide: {what}.",
        ),
    },
    "supplement": {
        "vi": (
            "Hồ sơ {code}: yêu cầu bổ sung",
            "Hồ sơ {code} ({procedure}) cần bổ sung: {what}. Thời hạn: {by_when}.",
        ),
        "en": (
            "Application {code}: more documents needed",
            "Your application {code} ({procedure}) needs: {what}. Deadline: {by_when}.",
        ),
    },
    "apology": {
        "vi": (
            "Hồ sơ {code}: xin lỗi vì chậm trả kết quả",
            "Chúng tôi xin lỗi vì hồ sơ {code} ({procedure}) chậm trả kết quả. "
            "Lý do: {reason}. Ngày hẹn mới: {new_due}.",
        ),
        "en": (
            "Application {code}: we apologise for the delay",
            "We apologise: your application {code} ({procedure}) is late. "
            "Reason: {reason}. New date: {new_due}.",
        ),
    },
    "stopped": {
        "vi": (
            "Hồ sơ {code} đã dừng giải quyết",
            "Hồ sơ {code} ({procedure}) đã dừng giải quyết. Lý do: {reason}.",
        ),
        "en": (
            "Application {code} stopped",
            "Processing of your application {code} ({procedure}) has stopped. Reason: {reason}.",
        ),
    },
    "result_ready": {
        "vi": (
            "Hồ sơ {code} đã có kết quả",
            "Hồ sơ {code} ({procedure}) đã có kết quả. Mời ông/bà nhận kết quả.",
        ),
        "en": (
            "Application {code}: result ready",
            "The result of your application {code} ({procedure}) is ready to collect.",
        ),
    },
    "returned": {
        "vi": (
            "Hồ sơ {code} đã trả kết quả",
            "Kết quả hồ sơ {code} ({procedure}) đã được trả. Cảm ơn ông/bà.",
        ),
        "en": (
            "Application {code}: result handed over",
            "The result of your application {code} ({procedure}) has been handed over. Thank you.",
        ),
    },
    "queue": {
        "vi": (
            "Hồ sơ {code} vào hàng đợi của ông/bà",
            "Hồ sơ {code} ({procedure}) vừa vào hàng đợi của ông/bà.",
        ),
        "en": (
            "Application {code} is in your queue",
            "Application {code} ({procedure}) has just landed in your queue.",
        ),
    },
    "receipt_warning": {
        "vi": (
            "Hồ sơ trực tuyến {code} sắp hết hạn tiếp nhận",
            "Hồ sơ trực tuyến {code} ({procedure}) phải được tiếp nhận hoặc trả lời trước {due}.",
        ),
        "en": (
            "Online application {code}: receipt deadline near",
            "Online application {code} ({procedure}) must be received or answered by {due}.",
        ),
    },
    "due_soon": {
        "vi": (
            "Hồ sơ {code} sắp đến hạn",
            "Hồ sơ {code} ({procedure}) đến hạn trả kết quả lúc {due}.",
        ),
        "en": (
            "Application {code} is due soon",
            "Application {code} ({procedure}) is due at {due}.",
        ),
    },
    "confirm_contact": {
        "vi": (
            "Mã xác nhận Motcua",
            "Mã xác nhận địa chỉ nhận thông báo của ông/bà là {code}. Mã có hiệu lực 30 phút.",
        ),
        "en": (
            "Motcua confirmation code",
            "Your code to confirm this address for notifications is {code}. "
            "It is valid for 30 minutes.",
        ),
    },
    "complaint_received": {
        "vi": (
            "Phản ánh, kiến nghị {code} đã được tiếp nhận",
            "Phản ánh, kiến nghị {code} “{title}” đã được tiếp nhận. Hạn trả lời: {due}.",
        ),
        "en": (
            "Feedback {code} received",
            "Your complaint or petition {code} “{title}” has been received. "
            "It will be answered by {due}.",
        ),
    },
    "complaint_more": {
        "vi": (
            "Phản ánh {code}: đề nghị bổ sung thông tin",
            "Để xử lý phản ánh, kiến nghị {code} “{title}”, đề nghị ông/bà bổ sung: {what}.",
        ),
        "en": (
            "Feedback {code}: more information needed",
            "To handle your complaint or petition {code} “{title}”, please provide: {what}.",
        ),
    },
    "complaint_answered": {
        "vi": (
            "Phản ánh, kiến nghị {code} đã được trả lời",
            "Phản ánh, kiến nghị {code} “{title}” đã được trả lời: {answer}",
        ),
        "en": (
            "Feedback {code} answered",
            "Your complaint or petition {code} “{title}” has been answered: {answer}",
        ),
    },
    "complaint_refused": {
        "vi": (
            "Phản ánh, kiến nghị {code} không được tiếp nhận",
            "Phản ánh, kiến nghị {code} “{title}” không được tiếp nhận xử lý. Lý do: {reason}.",
        ),
        "en": (
            "Feedback {code} not taken up",
            "Your complaint or petition {code} “{title}” will not be handled. Reason: {reason}.",
        ),
    },
    "complaint_published": {
        "vi": (
            "Trả lời phản ánh {code} đã được công khai",
            "Trả lời phản ánh, kiến nghị {code} “{title}” đã được công khai trên Cổng dịch vụ "
            "công của tỉnh.",
        ),
        "en": (
            "Answer to feedback {code} published",
            "The answer to your complaint or petition {code} “{title}” has been published on "
            "the province's public service portal.",
        ),
    },
}

PLACEHOLDERS = (
    "code",
    "procedure",
    "due",
    "what",
    "by_when",
    "new_due",
    "reason",
    "title",
    "answer",
)


class _Facts(dict):
    def __missing__(self, key):  # an unknown placeholder stays as written
        return "{" + key + "}"


def fill(text: str, facts: dict) -> str:
    return string.Formatter().vformat(text, (), _Facts(facts))


def check_placeholders(text: str) -> str | None:
    """The first placeholder of `text` that is not one of PLACEHOLDERS, or a syntax error's
    description; None when the text is fine."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        return str(exc)
    for _literal, name, _spec, _conv in parsed:
        if name is not None and name not in PLACEHOLDERS:
            return name or "{}"
    return None
