"""The provider's protocol (docs/notifications.md, "The SMS protocol"), under /v1/.

POST /v1/messages with `Authorization: Bearer <key>`, `Idempotency-Key: <key>` and
{"to", "sender", "text"}: 201 with {"id", "status": "accepted", ...}; the same key again with
the same message: 200 with the first answer and "duplicate": true, nothing sent again; the same
key with another message: 409. GET /v1/messages/<id>: the message.
"""

from __future__ import annotations

import hmac
import re

from django.conf import settings
from django.db import IntegrityError, transaction
from django.views.decorators.csrf import csrf_exempt

from simulators.kit import faults
from simulators.kit.control import bad_request, json_answer, read_json

from .models import Sms

PHONE = re.compile(r"^(0|\+84)\d{9}$")


def healthz(request):
    return json_answer({"ok": True})


def _authorised(request) -> bool:
    expected = f"Bearer {settings.SIM_SMS['api_key']}"
    if faults.board().hits("refuse_auth"):
        return False
    return hmac.compare_digest(request.headers.get("Authorization", ""), expected)


@csrf_exempt
def messages(request):
    if request.method != "POST":
        return bad_request("method", "Phương thức không được hỗ trợ.", status=405)
    if not _authorised(request):
        return bad_request("authorization", "Sai khóa truy cập.", status=401)
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key or len(key) > 200:
        return bad_request("Idempotency-Key", "Thiếu khóa chống gửi lặp (tối đa 200 ký tự).")
    try:
        data = read_json(request)
    except ValueError as exc:
        return bad_request("body", str(exc))
    to, text = str(data.get("to") or ""), str(data.get("text") or "")
    sender = str(data.get("sender") or "")[:20]
    if not PHONE.match(to):
        return bad_request("to", "Số điện thoại không hợp lệ.")
    if not text or len(text) > 1600:
        return bad_request("text", "Nội dung trống hoặc dài quá 1600 ký tự.")
    found = Sms.objects.filter(idempotency_key=key).first()
    if found is not None:
        if found.to != to or found.text != text:
            return bad_request("Idempotency-Key", "Khóa đã dùng cho một tin khác.", status=409)
        Sms.objects.filter(pk=found.pk).update(repeats=found.repeats + 1)
        found.refresh_from_db()
        return json_answer(found.as_dict(duplicate=True), status=200)
    if faults.board().hits("reject"):
        return bad_request("to", "Nhà cung cấp tạm thời không nhận tin.", status=503)
    if faults.board().hits("drop"):
        return json_answer({"id": "SMS-DROPPED", "status": "accepted", "duplicate": False}, 201)
    try:
        with transaction.atomic():
            sms = Sms.objects.create(
                sms_id="", idempotency_key=key, to=to, sender=sender, text=text
            )
            sms.sms_id = f"SMS{sms.pk:07d}"
            sms.save(update_fields=["sms_id"])
    except IntegrityError:
        sms = Sms.objects.get(idempotency_key=key)
        return json_answer(sms.as_dict(duplicate=True), status=200)
    if faults.board().hits("accept_then_fail"):
        return bad_request("server", "Lỗi máy chủ.", status=500)
    return json_answer(sms.as_dict(), status=201)


def message(request, sms_id: str):
    if not _authorised(request):
        return bad_request("authorization", "Sai khóa truy cập.", status=401)
    sms = Sms.objects.filter(sms_id=sms_id).first()
    if sms is None:
        return bad_request("id", "Không có tin nhắn này.", status=404)
    return json_answer(sms.as_dict())
