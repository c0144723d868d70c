"""The control API and page pieces every simulator shares: faults on and off, JSON helpers."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import HttpRequest, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import faults


def json_answer(data, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def bad_request(field: str, message: str, status: int = 400) -> JsonResponse:
    return json_answer({"error": message, "field": field}, status=status)


def read_json(request: HttpRequest):
    """The request's JSON body (an empty body is {}); ValueError with a Vietnamese message."""
    if not request.body:
        return {}
    try:
        return json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"Nội dung không phải JSON hợp lệ: {exc}") from None


@csrf_exempt
def faults_api(request: HttpRequest):
    board = faults.board()
    if request.method == "GET":
        return json_answer({"faults": [f.as_dict() for f in board.active()]})
    if request.method == "DELETE":
        board.clear()
        return json_answer({"faults": []})
    if request.method == "POST":
        try:
            data = read_json(request)
            fault = board.set(data)
        except faults.FaultError as exc:
            return bad_request(exc.field, exc.message)
        except ValueError as exc:
            return bad_request("body", str(exc))
        return json_answer(fault.as_dict(), status=201)
    return bad_request("method", "Phương thức không được hỗ trợ.", status=405)


@csrf_exempt
def fault_api(request: HttpRequest, name: str):
    """DELETE /control/api/faults/<name> switches one fault off."""
    if request.method != "DELETE":
        return bad_request("method", "Phương thức không được hỗ trợ.", status=405)
    faults.board().clear(name)
    return json_answer({"faults": [f.as_dict() for f in faults.board().active()]})


def faults_context() -> dict:
    board = faults.board()
    return {
        "fault_names": sorted(board.names.items()),
        "active_faults": [
            {**f.as_dict(), "label": board.names.get(f.name, f.name)} for f in board.active()
        ],
    }


@require_POST
def faults_form(request: HttpRequest):
    """The control page's form: switch a fault on, or clear one or all."""
    board = faults.board()
    if request.POST.get("action") == "clear":
        board.clear(request.POST.get("fault") or None)
        messages.success(request, "Đã tắt sự cố.")
        return redirect("control")
    data = {"fault": request.POST.get("fault")}
    for key in ("seconds", "share", "delay"):
        raw = (request.POST.get(key) or "").strip().replace(",", ".")
        if raw:
            try:
                data[key] = float(raw)
            except ValueError:
                messages.error(request, f"{key}: phải là một số.")
                return redirect("control")
    try:
        fault = board.set(data)
    except faults.FaultError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã bật sự cố: {board.names[fault.name]}.")
    return redirect("control")
