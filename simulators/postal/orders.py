"""Orders and their paths: create (idempotent on the reference), move one step, cancel."""

from __future__ import annotations

import time
import uuid

from django.db import transaction
from django.utils import timezone

from .models import Event, Order

PATHS = {
    "collection": ["registered", "collecting", "delivered_to_agency"],
    "delivery": ["registered", "dispatched", "delivered"],
}
FINAL = {"delivered_to_agency", "delivered", "returned_to_sender", "cancelled"}
NOTES = {
    "registered": "Bưu điện đã nhận yêu cầu.",
    "collecting": "Bưu tá đang đến lấy hồ sơ.",
    "delivered_to_agency": "Đã giao hồ sơ cho bộ phận một cửa.",
    "dispatched": "Đang chuyển phát kết quả.",
    "delivered": "Đã phát thành công cho người nhận.",
    "returned_to_sender": "Không phát được, chuyển hoàn về cơ quan.",
}


def public(order: Order) -> dict:
    return {
        "order_id": order.order_id,
        "reference": order.reference,
        "service": order.service,
        "status": order.status,
        "events": [event.as_dict() for event in order.events.all()],
    }


def _event(order: Order, status: str) -> Event:
    event = Event.objects.create(
        event_id=uuid.uuid4().hex[:20],
        order=order,
        status=status,
        at=timezone.now(),
        note=NOTES.get(status, ""),
    )
    event.event_id = f"EV{event.pk:08d}"
    event.save(update_fields=["event_id"])
    return event


def _next_at(pace: float, status: str) -> float | None:
    return time.time() + pace if pace > 0 and status not in FINAL else None


def create(body: dict, pace: float) -> tuple[Order, bool, Event | None]:
    with transaction.atomic():
        existing = Order.objects.filter(reference=body["reference"]).first()
        if existing is not None:
            return existing, False, None
        order = Order.objects.create(
            order_id=uuid.uuid4().hex[:20],
            reference=body["reference"],
            service=body["service"],
            status="registered",
            request=body,
            next_at=_next_at(pace, "registered"),
        )
        order.order_id = f"VN{order.pk:08d}"
        order.save(update_fields=["order_id"])
        return order, True, _event(order, "registered")


def advance(order_id: str, pace: float, to: str | None = None) -> tuple[Order, Event] | None:
    """Move the order one step (or to `to`, returned_to_sender); None when it cannot move."""
    with transaction.atomic():
        order = Order.objects.filter(order_id=order_id).first()
        if order is None or order.status in FINAL:
            return None
        path = PATHS[order.service]
        if to is None:
            position = path.index(order.status) if order.status in path else 0
            if position + 1 >= len(path):
                return None
            to = path[position + 1]
        order.status = to
        order.next_at = _next_at(pace, to)
        order.save(update_fields=["status", "next_at"])
        return order, _event(order, to)


def cancel(order_id: str) -> tuple[Order | None, bool]:
    with transaction.atomic():
        order = Order.objects.filter(order_id=order_id).first()
        if order is None:
            return None, False
        if order.status == "cancelled":
            return order, True
        if order.status != "registered":
            return order, False
        order.status, order.next_at = "cancelled", None
        order.save(update_fields=["status", "next_at"])
        return order, True


def due() -> list[str]:
    return list(
        Order.objects.filter(next_at__isnull=False, next_at__lte=time.time()).values_list(
            "order_id", flat=True
        )
    )
