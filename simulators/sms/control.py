"""The page of received messages (the demo's "phone"), the faults, and the control API."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

from simulators.kit import faults
from simulators.kit.control import bad_request, faults_context, json_answer

from .models import Sms


def control(request):
    return render(
        request, "sms/control.html", {"messages_list": Sms.objects.all()[:200], **faults_context()}
    )


def messages_api(request):
    """Every message taken, newest first; `?to=` filters by number."""
    found = Sms.objects.all()
    if request.GET.get("to"):
        found = found.filter(to=request.GET["to"])
    return json_answer({"messages": [sms.as_dict() for sms in found]})


@csrf_exempt
def reset_api(request):
    if request.method != "POST":
        return bad_request("method", "Phương thức không được hỗ trợ.", status=405)
    Sms.objects.all().delete()
    faults.board().clear()
    return json_answer({"reset": True})
