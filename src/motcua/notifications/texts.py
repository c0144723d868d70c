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
}

PLACEHOLDERS = ("code", "procedure", "due", "what", "by_when", "new_due", "reason")


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
