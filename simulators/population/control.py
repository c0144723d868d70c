"""The control page and API: the residents held, the checks answered, the faults, a reset."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

from simulators.kit import faults
from simulators.kit.control import bad_request, faults_context, json_answer, read_json

from . import residents
from .models import Query, Resident


def control(request):
    context = {
        "residents": Resident.objects.all()[:200],
        "queries": Query.objects.order_by("-pk")[:50],
        **faults_context(),
    }
    return render(request, "population/control.html", context)


@csrf_exempt
def residents_api(request):
    """GET: the residents held; POST {"residents": [...]}: add or replace them."""
    if request.method == "GET":
        return json_answer({"residents": [r.as_dict() for r in Resident.objects.all()]})
    if request.method != "POST":
        return bad_request("method", "Phương thức không được hỗ trợ.", status=405)
    try:
        data = read_json(request)
    except ValueError as exc:
        return bad_request("body", str(exc))
    items = data.get("residents") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return bad_request("residents", "Cần một danh sách residents.")
    for item in items:
        clean, field, message = residents.validate(item)
        if clean is None:
            return bad_request(field, message)
    return json_answer({"count": residents.store(items)}, status=201)


def queries_api(request):
    return json_answer(
        {
            "queries": [
                {"personal_id": q.personal_id, "result": q.result, "fields": q.fields}
                for q in Query.objects.all()
            ]
        }
    )


@csrf_exempt
def reset_api(request):
    if request.method != "POST":
        return bad_request("method", "Phương thức không được hỗ trợ.", status=405)
    Query.objects.all().delete()
    Resident.objects.all().delete()
    faults.board().clear()
    return json_answer({"ok": True})
