"""The province's own payment gateway: a dossier paid through it is reported to the national
portal with DuocThanhToanTrucTuyen = 2.

Its protocol (docs/payments.md) signs raw JSON bodies rather than parameters: the hex
HMAC-SHA256 of the exact bytes travels in the `X-Signature` header.

- pay: GET {url}/pay?data=<base64url of the order as JSON>&sig=<HMAC of the data string>
- notification: POST JSON {merchantCode, orderId, transId, amount, resultCode, responseTime}
  with X-Signature; resultCode "0" paid, "1" failed, "24" cancelled by the payer; we answer
  {"resultCode": 0}.
- return: GET return_url?orderId&resultCode&sig (sig over "orderId|resultCode")
- query: POST {url}/api/query, JSON {merchantCode, orderId, requestTime} with X-Signature,
  answered like a notification (resultCode "7" pending, "404" unknown).
"""

from __future__ import annotations

import base64
import json
from datetime import datetime
from urllib.parse import urlencode

from motcua.payments.choices import PaymentMethod
from motcua.payments.providers.base import (
    ABANDONED,
    FAILED,
    PAID,
    PENDING,
    UNKNOWN,
    Acknowledgement,
    MessageError,
    Notice,
    Provider,
    QueryRequest,
    SignatureError,
    as_amount,
    hmac_hex,
    local_stamp,
    verify_hex,
)

RESULTS = {"0": PAID, "1": FAILED, "24": ABANDONED, "7": PENDING, "404": UNKNOWN}
SIGNATURE_HEADER = "X-Signature"


def _header(headers: dict, name: str) -> str:
    for key, value in headers.items():
        if key.lower() == name.lower():
            return value
    return ""


def dumps(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


class ProvincialGateway(Provider):
    name = "provincial_gateway"
    method = PaymentMethod.PROVINCIAL_GATEWAY

    def redirect_url(self, payment, *, return_url: str, notify_url: str, now: datetime) -> str:
        bill = self.bill(payment)
        order = {
            "merchantCode": self.merchant,
            "orderId": bill.pop("bill_code"),
            "amount": bill.pop("amount"),
            "bill": bill,
            "returnUrl": return_url,
            "notifyUrl": notify_url,
            "requestTime": local_stamp(now),
        }
        data = base64.urlsafe_b64encode(dumps(order)).decode()
        return f"{self.url}/pay?{urlencode({'data': data, 'sig': hmac_hex(self._secret, data.encode())})}"

    def verify_return(self, params: dict) -> Notice:
        order_id, result = str(params.get("orderId", "")), str(params.get("resultCode", ""))
        if not verify_hex(self._secret, f"{order_id}|{result}".encode(), params.get("sig")):
            raise SignatureError("bad signature")
        return Notice(bill_code=order_id, outcome=RESULTS.get(result, UNKNOWN), body=dict(params))

    def read_notification(self, body: bytes, headers: dict) -> Notice:
        if not verify_hex(self._secret, body, _header(headers, SIGNATURE_HEADER)):
            raise SignatureError("bad signature")
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise MessageError("not JSON") from exc
        if not isinstance(data, dict) or "orderId" not in data:
            raise MessageError("orderId missing")
        if data.get("merchantCode") != self.merchant:
            raise MessageError("another merchant's message")
        result = str(data.get("resultCode", ""))
        if result not in RESULTS:
            raise MessageError("unknown resultCode")
        amount = data.get("amount")
        return Notice(
            bill_code=str(data["orderId"]),
            outcome=RESULTS[result],
            amount=as_amount(amount) if amount not in (None, "") else None,
            transaction_id=str(data.get("transId") or ""),
            body=data,
        )

    def acknowledge(self, accepted: bool) -> Acknowledgement:
        if accepted:
            return Acknowledgement(200, {"resultCode": 0, "message": "received"})
        return Acknowledgement(400, {"resultCode": 97, "message": "rejected"})

    def query_request(self, bill_code: str, *, now: datetime) -> QueryRequest:
        content = dumps(
            {"merchantCode": self.merchant, "orderId": bill_code, "requestTime": local_stamp(now)}
        )
        return QueryRequest(
            "POST",
            f"{self.url}/api/query",
            content=content,
            headers={
                SIGNATURE_HEADER: hmac_hex(self._secret, content),
                "Content-Type": "application/json",
            },
        )

    def read_query_answer(self, status: int, body: bytes, headers: dict) -> Notice:
        if status != 200:
            raise MessageError(f"HTTP {status}")
        return self.read_notification(body, headers)
