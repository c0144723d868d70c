"""The gateway's pages and endpoints: the payer's page, the signed queries, the control page
and API."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from simulators.kit.control import bad_request, faults_context, json_answer, read_json

from . import notify, protocol
from .models import Bill, Sent

PROVIDERS = {"national": "Nền tảng thanh toán quốc gia", "provincial": "Cổng thanh toán của tỉnh"}
CHOICES = (Bill.PAID, Bill.FAILED, Bill.ABANDONED)


@require_safe
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


def _keep(provider: str, bill: dict) -> Bill:
    try:
        found, _ = Bill.objects.get_or_create(
            provider=provider,
            code=bill["code"],
            defaults={
                k: bill[k] for k in ("merchant", "amount", "data", "notify_url", "return_url")
            },
        )
    except IntegrityError:
        found = Bill.objects.get(provider=provider, code=bill["code"])
    return found


@require_safe
def pay(request: HttpRequest, provider: str):
    """The payer's page: the bill, and the three choices."""
    try:
        bill = _keep(provider, protocol.read_redirect(provider, request.GET.dict()))
    except (protocol.Forged, KeyError, ValueError, TypeError):
        return render(
            request, "payment/refused.html", {"provider_name": PROVIDERS[provider]}, status=400
        )
    return render(request, "payment/bill.html", _bill_context(provider, bill))


def money(amount) -> str:
    return f"{int(amount or 0):,}".replace(",", ".") + " đồng"


def _bill_context(provider: str, bill: Bill) -> dict:
    return {
        "total": money(bill.amount),
        "provider": provider,
        "provider_name": PROVIDERS[provider],
        "bill": bill,
        "facts": [
            ("Mã hoá đơn", bill.code),
            ("Mã hồ sơ", bill.data.get("dossier_code", "")),
            ("Mã thủ tục", bill.data.get("procedure_code", "")),
            ("Cơ quan thu", bill.data.get("agency_name", "")),
            ("Người nộp", bill.data.get("payer_name", "")),
            (
                "Tài khoản thụ hưởng",
                f"{bill.data.get('beneficiary_account', '')} — "
                f"{bill.data.get('beneficiary_bank', '')}",
            ),
        ],
        "items": [
            {**item, "amount_text": money(item.get("amount"))}
            for item in bill.data.get("items", [])
            if isinstance(item, dict)
        ],
    }


def _settle_and_notify(bill: Bill, choice: str, *, wait: bool) -> Bill:
    was_pending = bill.status == Bill.PENDING
    bill = notify.settle(bill, choice)
    if was_pending and bill.status == choice:
        notify.notify(bill, wait=wait)
    return bill


@require_POST
def choose(request: HttpRequest, provider: str):
    """A button of the payer's page: settle the bill, notify Motcua, send the payer back."""
    choice = request.POST.get("choice", "")
    bill = get_object_or_404(Bill, provider=provider, code=request.POST.get("bill", ""))
    if choice not in CHOICES:
        return render(request, "payment/bill.html", _bill_context(provider, bill), status=400)
    bill = _settle_and_notify(bill, choice, wait=False)
    return HttpResponseRedirect(f"{bill.return_url}?{urlencode(protocol.return_params(bill))}")


@require_safe
def national_query(request: HttpRequest):
    params = request.GET.dict()
    if not protocol.national_query_verified(params):
        return json_answer({"code": "97", "message": "Sai chữ ký"}, status=401)
    return _answer(
        Bill.objects.filter(provider="national", code=params.get("bill", "")).first(),
        "national",
        params.get("bill", ""),
    )


@csrf_exempt
@require_POST
def provincial_query(request: HttpRequest):
    if not protocol.provincial_query_verified(request.body, request.headers.get("X-Signature", "")):
        return json_answer({"resultCode": 97, "message": "Sai chữ ký"}, status=401)
    try:
        code = json.loads(request.body).get("orderId", "")
    except (ValueError, AttributeError):
        return bad_request("body", "Nội dung không phải JSON hợp lệ.")
    return _answer(
        Bill.objects.filter(provider="provincial", code=code).first(), "provincial", code
    )


def _answer(bill: Bill | None, provider: str, code: str) -> HttpResponse:
    status = None
    if bill is None:
        from django.conf import settings

        bill = Bill(provider=provider, code=code, merchant=settings.SIM_MERCHANT, amount=None)
        status = "unknown"
    body, headers = protocol.notification(bill, status=status)
    response = HttpResponse(body, content_type="application/json")
    if "X-Signature" in headers:
        response["X-Signature"] = headers["X-Signature"]
    return response


# --- control ------------------------------------------------------------------------------


@require_safe
def control(request: HttpRequest):
    return render(
        request,
        "payment/control.html",
        {
            **faults_context(),
            "bills": Bill.objects.all()[:100],
            "sent": Sent.objects.select_related("bill").order_by("-id")[:100],
        },
    )


@require_safe
def state_api(request: HttpRequest):
    return json_answer(
        {
            "bills": [b.as_dict() for b in Bill.objects.order_by("id")],
            "sent": [s.as_dict() for s in Sent.objects.select_related("bill").order_by("id")],
        }
    )


@csrf_exempt
@require_POST
def choose_api(request: HttpRequest):
    """What the payer's buttons do, for tests: {"provider", "bill", "choice"}; the notification
    is sent before answering (unless it is to be late)."""
    try:
        data = read_json(request)
    except ValueError as exc:
        return bad_request("body", str(exc))
    if data.get("choice") not in CHOICES:
        return bad_request("choice", "Lựa chọn phải là paid, failed hoặc abandoned.")
    bill = Bill.objects.filter(provider=data.get("provider"), code=data.get("bill", "")).first()
    if bill is None:
        return bad_request("bill", "Không có hoá đơn này.", status=404)
    bill = _settle_and_notify(bill, data["choice"], wait=True)
    back = f"{bill.return_url}?{urlencode(protocol.return_params(bill))}"
    return json_answer({"bill": bill.as_dict(), "return_url": back})


@csrf_exempt
@require_POST
def resend_api(request: HttpRequest):
    """The notification of a settled bill once more, as it was (a late or repeated one)."""
    try:
        data = read_json(request)
    except ValueError as exc:
        return bad_request("body", str(exc))
    bill = Bill.objects.filter(provider=data.get("provider"), code=data.get("bill", "")).first()
    if bill is None or bill.status == Bill.PENDING:
        return bad_request("bill", "Không có hoá đơn đã xử lý này.", status=404)
    body, headers = protocol.notification(bill)
    return json_answer({"answer": notify.post(bill, body, headers)})


@csrf_exempt
@require_POST
def reset_api(request: HttpRequest):
    Bill.objects.all().delete()
    return json_answer({"bills": []})
