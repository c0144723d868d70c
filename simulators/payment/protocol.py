"""The two providers' protocols, from the gateway's side (docs/payments.md, "The two
protocols"): verifying the payer's signed redirect, signing notifications, returns and answers
to queries. Written for the simulator: it shares no code with Motcua."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import datetime, timedelta, timezone

from django.conf import settings

VIETNAM = timezone(timedelta(hours=7))
NATIONAL_STATUS = {"paid": "paid", "failed": "failed", "abandoned": "cancelled"}
PROVINCIAL_RESULT = {"paid": "0", "failed": "1", "abandoned": "24", "pending": "7"}


class Forged(ValueError):
    """A message from Motcua whose signature does not verify."""


def secret(provider: str) -> str:
    return settings.SIM_SECRETS[provider]


def sign(key: str, message: bytes) -> str:
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


def verified(key: str, message: bytes, signature) -> bool:
    return isinstance(signature, str) and hmac.compare_digest(sign(key, message), signature)


def canonical(params: dict) -> bytes:
    return "&".join(
        f"{k}={params[k]}" for k in sorted(params) if k not in ("checksum", "sig")
    ).encode()


def dumps(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def stamp(moment: datetime | None = None) -> str:
    return (moment or datetime.now(VIETNAM)).astimezone(VIETNAM).strftime("%Y%m%d%H%M%S")


# --- what Motcua sends us ---------------------------------------------------------------------


def read_redirect(provider: str, query: dict) -> dict:
    """The bill a payer's redirect carries, verified: {code, merchant, amount, data, notify_url,
    return_url}. Raises Forged or KeyError/ValueError for a malformed one."""
    if provider == "national":
        params = dict(query)
        if not verified(secret(provider), canonical(params), params.get("checksum")):
            raise Forged("checksum")
        data = {k: v for k, v in params.items() if k != "checksum"}
        data["items"] = json.loads(params.get("items") or "[]")
        return {
            "code": params["bill"],
            "merchant": params.get("merchant", ""),
            "amount": int(params["amount"]),
            "data": data,
            "notify_url": params["notify_url"],
            "return_url": params["return_url"],
        }
    raw = query.get("data", "")
    if not verified(secret(provider), raw.encode(), query.get("sig")):
        raise Forged("sig")
    order = json.loads(base64.urlsafe_b64decode(raw.encode()))
    return {
        "code": order["orderId"],
        "merchant": order.get("merchantCode", ""),
        "amount": int(order["amount"]),
        "data": {**order.get("bill", {}), "requestTime": order.get("requestTime")},
        "notify_url": order["notifyUrl"],
        "return_url": order["returnUrl"],
    }


def national_query_verified(params: dict) -> bool:
    return verified(secret("national"), canonical(params), params.get("checksum"))


def provincial_query_verified(body: bytes, signature: str) -> bool:
    return verified(secret("provincial"), body, signature)


# --- what we send Motcua ----------------------------------------------------------------------


def notification(bill, *, status: str | None = None) -> tuple[bytes, dict]:
    """The signed message about `bill` (a notification, or the answer to a query): body and
    headers. `status` overrides the bill's ("not_found" for a bill never seen)."""
    status = status or bill.status
    if bill.provider == "national":
        params = {
            "merchant": bill.merchant,
            "bill": bill.code,
            "transaction": bill.transaction,
            "amount": str(bill.amount) if bill.amount is not None else "",
            "status": "not_found" if status == "unknown" else NATIONAL_STATUS.get(status, status),
            "paid_at": stamp(bill.updated_at) if bill.updated_at else "",
        }
        params["checksum"] = sign(secret("national"), canonical(params))
        return dumps(params), {"Content-Type": "application/json"}
    body = dumps(
        {
            "merchantCode": bill.merchant,
            "orderId": bill.code,
            "transId": bill.transaction,
            "amount": bill.amount,
            "resultCode": "404" if status == "unknown" else PROVINCIAL_RESULT.get(status, "7"),
            "responseTime": stamp(),
        }
    )
    return body, {
        "Content-Type": "application/json",
        "X-Signature": sign(secret("provincial"), body),
    }


def tamper(bill, body: bytes) -> bytes:
    """The same message with the amount lowered after signing (the signature no longer fits)."""
    data = json.loads(body)
    data["amount"] = str(bill.amount - 1000) if bill.provider == "national" else bill.amount - 1000
    return dumps(data)


def return_params(bill) -> dict:
    if bill.provider == "national":
        params = {"bill": bill.code, "status": NATIONAL_STATUS.get(bill.status, "pending")}
        params["checksum"] = sign(secret("national"), canonical(params))
        return params
    result = PROVINCIAL_RESULT.get(bill.status, "7")
    return {
        "orderId": bill.code,
        "resultCode": result,
        "sig": sign(secret("provincial"), f"{bill.code}|{result}".encode()),
    }
