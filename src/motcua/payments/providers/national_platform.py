"""The national payment platform (Nền tảng thanh toán trên Cổng Dịch vụ công quốc gia): a
dossier paid through it is reported to the national portal with DuocThanhToanTrucTuyen = 1.

The protocol as we implement it (docs/payments.md): form-style parameters, each message
carrying `checksum`, the hex HMAC-SHA256 of its other parameters sorted by name and joined as
`key=value&...`.

- pay: GET {url}/thanh-toan?merchant&bill&amount&...&return_url&notify_url&created&checksum
- notification: POST to notify_url, a JSON object {merchant, bill, transaction, amount,
  status: "paid" | "failed" | "cancelled", paid_at, checksum}; we answer {"code": "00"}.
- return: GET return_url?bill&status&checksum
- query: GET {url}/api/giao-dich?merchant&bill&created&checksum, answered like a notification
  (status also "pending" or "not_found").
"""

from __future__ import annotations

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
    canonical,
    hmac_hex,
    local_stamp,
    verify_hex,
)

STATUSES = {
    "paid": PAID,
    "failed": FAILED,
    "cancelled": ABANDONED,
    "pending": PENDING,
    "not_found": UNKNOWN,
}


class NationalPlatform(Provider):
    name = "national_platform"
    method = PaymentMethod.NATIONAL_PLATFORM

    def sign(self, params: dict) -> dict:
        return {**params, "checksum": hmac_hex(self._secret, canonical(params))}

    def _verified(self, params: dict) -> dict:
        if not isinstance(params, dict) or not verify_hex(
            self._secret, canonical(params), params.get("checksum")
        ):
            raise SignatureError("bad checksum")
        return params

    def redirect_url(self, payment, *, return_url: str, notify_url: str, now: datetime) -> str:
        bill = self.bill(payment)
        params = {
            "merchant": self.merchant,
            "bill": bill.pop("bill_code"),
            "amount": str(bill.pop("amount")),
            **{key: value for key, value in bill.items() if key != "items"},
            "items": json.dumps(bill["items"], ensure_ascii=False, separators=(",", ":")),
            "return_url": return_url,
            "notify_url": notify_url,
            "created": local_stamp(now),
        }
        return f"{self.url}/thanh-toan?{urlencode(self.sign(params))}"

    def verify_return(self, params: dict) -> Notice:
        params = self._verified({key: str(value) for key, value in params.items()})
        return Notice(
            bill_code=params.get("bill", ""),
            outcome=STATUSES.get(params.get("status", ""), UNKNOWN),
            body=params,
        )

    def _notice(self, data: dict) -> Notice:
        data = self._verified({key: str(value) for key, value in data.items()})
        if data.get("merchant") != self.merchant:
            raise MessageError("another merchant's message")
        if "bill" not in data or data.get("status") not in STATUSES:
            raise MessageError("bill or status missing")
        outcome = STATUSES[data["status"]]
        return Notice(
            bill_code=data["bill"],
            outcome=outcome,
            amount=as_amount(data["amount"]) if data.get("amount") not in (None, "") else None,
            transaction_id=data.get("transaction", ""),
            body=data,
        )

    def read_notification(self, body: bytes, headers: dict) -> Notice:
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise MessageError("not JSON") from exc
        if not isinstance(data, dict):
            raise MessageError("not an object")
        return self._notice(data)

    def acknowledge(self, accepted: bool) -> Acknowledgement:
        if accepted:
            return Acknowledgement(200, {"code": "00", "message": "OK"})
        return Acknowledgement(400, {"code": "97", "message": "rejected"})

    def query_request(self, bill_code: str, *, now: datetime) -> QueryRequest:
        params = {"merchant": self.merchant, "bill": bill_code, "created": local_stamp(now)}
        return QueryRequest("GET", f"{self.url}/api/giao-dich", params=self.sign(params))

    def read_query_answer(self, status: int, body: bytes, headers: dict) -> Notice:
        if status != 200:
            raise MessageError(f"HTTP {status}")
        return self.read_notification(body, headers)
