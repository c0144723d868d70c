"""The operator's order API (docs/postal.md, "The operator's protocol"), under /v1/."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.views.decorators.csrf import csrf_exempt

from simulators.kit.control import bad_request, json_answer, read_json

from . import orders, workers
from .models import Order


def _authorised(request) -> bool:
    expected = f"Bearer {settings.SIM_POSTAL['token']}"
    return hmac.compare_digest(request.headers.get("Authorization", ""), expected)


def _refused():
    return json_answer({"detail": "Sai mã truy cập (token)."}, status=401)


@csrf_exempt
def order_list(request):
    if request.method != "POST":
        return bad_request("method", "Phương thức không được hỗ trợ.", status=405)
    if not _authorised(request):
        return _refused()
    try:
        data = read_json(request)
    except ValueError as exc:
        return bad_request("body", str(exc))
    if not isinstance(data, dict):
        return bad_request("body", "Nội dung phải là một đối tượng JSON.")
    for field in ("reference", "service", "contact"):
        if not data.get(field):
            return bad_request(field, f"Thiếu trường {field}.")
    if data["service"] not in orders.PATHS:
        return bad_request("service", "service phải là collection hoặc delivery.")
    order, created, event = orders.create(data, settings.SIM_POSTAL["pace"])
    if event is not None:
        workers.announce(order, event)
    return json_answer(orders.public(order), status=201 if created else 200)


def order_detail(request, order_id: str):
    if not _authorised(request):
        return _refused()
    order = Order.objects.filter(order_id=order_id).first()
    if order is None:
        return json_answer({"detail": "Không có đơn hàng này."}, status=404)
    return json_answer(orders.public(order))


@csrf_exempt
def order_cancel(request, order_id: str):
    if request.method != "POST":
        return bad_request("method", "Phương thức không được hỗ trợ.", status=405)
    if not _authorised(request):
        return _refused()
    order, done = orders.cancel(order_id)
    if order is None:
        return json_answer({"detail": "Không có đơn hàng này."}, status=404)
    if not done:
        return json_answer({"detail": "Bưu tá đã nhận bưu gửi, không hủy được."}, status=409)
    return json_answer(orders.public(order))


def healthz(request):
    return json_answer({"ok": True})
