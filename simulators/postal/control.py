"""The control page and API: the orders with a button to move each on, the faults (the kit's
panel: lose_update, repeat_update and the transport faults), an update sent again, a reset."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from simulators.kit import faults
from simulators.kit.control import bad_request, faults_context, json_answer, read_json

from . import orders, workers
from .models import Event, Order, Send


def control(request):
    context = {
        "orders": [orders.public(order) for order in Order.objects.prefetch_related("events")],
        "final": orders.FINAL,
        "pace": settings.SIM_POSTAL["pace"],
        **faults_context(),
    }
    return render(request, "postal/control.html", context)


@require_POST
def advance_form(request, order_id: str):
    moved = orders.advance(order_id, settings.SIM_POSTAL["pace"])
    if moved is None:
        messages.error(request, "Đơn hàng không đi tiếp được.")
    else:
        workers.announce(*moved)
        messages.success(request, f"{order_id}: {moved[1].status}.")
    return redirect("control")


@csrf_exempt
def advance_api(request, order_id: str):
    if request.method != "POST":
        return bad_request("method", "Phương thức không được hỗ trợ.", status=405)
    try:
        data = read_json(request)
    except ValueError as exc:
        return bad_request("body", str(exc))
    to = data.get("to") or None
    if to not in (None, "returned_to_sender"):
        return bad_request("to", "Chỉ có thể chỉ định returned_to_sender.")
    moved = orders.advance(order_id, settings.SIM_POSTAL["pace"], to)
    if moved is None:
        return bad_request("order", "Đơn hàng không đi tiếp được.", status=409)
    order, event = moved
    workers.announce(order, event)
    return json_answer({**event.as_dict(), "order_id": order.order_id}, status=201)


@csrf_exempt
def resend_api(request):
    """Send an update already announced again (late, or a second time)."""
    if request.method != "POST":
        return bad_request("method", "Phương thức không được hỗ trợ.", status=405)
    try:
        data = read_json(request)
    except ValueError as exc:
        return bad_request("body", str(exc))
    event = Event.objects.select_related("order").filter(event_id=data.get("event_id")).first()
    if event is None:
        return bad_request("event_id", "Không có sự kiện này.", status=404)
    workers.resend(
        {**event.as_dict(), "order_id": event.order.order_id, "reference": event.order.reference}
    )
    return json_answer({"resent": event.event_id})


def state_api(request):
    return json_answer(
        {
            "orders": [orders.public(o) for o in Order.objects.prefetch_related("events")],
            "sends": list(Send.objects.values("event_id", "attempt", "outcome")),
            "pace": settings.SIM_POSTAL["pace"],
        }
    )


@csrf_exempt
def reset_api(request):
    if request.method != "POST":
        return bad_request("method", "Phương thức không được hỗ trợ.", status=405)
    Send.objects.all().delete()
    Event.objects.all().delete()
    Order.objects.all().delete()
    faults.board().clear()
    return json_answer({"reset": True})
