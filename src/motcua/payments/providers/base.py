"""One interface for every online payment provider.

A provider here is the provider's *protocol*, without the transport: how a bill becomes a
signed redirect, how a browser's return and a server-to-server notification are verified and
read, how a query about a transaction is written and its answer read. Nothing in this package
opens a connection: the one call we make to a provider (asking a transaction's state) is sent
by the adapter in `motcua.integrations.payment.client`, which hands the answer back here to be
verified. Notifications come in through the API face (`api/payments.py`).

Every message is signed with HMAC-SHA256 under the secret both sides share (from settings,
never from the database). A message whose signature does not verify raises SignatureError
and is never applied.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import datetime

from motcua.workdays.zone import VIETNAM

# What a provider may say about a transaction, in our words.
PAID = "paid"
FAILED = "failed"
ABANDONED = "abandoned"
PENDING = "pending"
UNKNOWN = "unknown"  # the provider has never heard of the bill
OUTCOMES = (PAID, FAILED, ABANDONED, PENDING, UNKNOWN)


class SignatureError(ValueError):
    """A message whose signature is missing or wrong: forged or damaged."""


class MessageError(ValueError):
    """A message that is signed but malformed (a field missing, an amount not a number)."""


@dataclass(frozen=True)
class Notice:
    """What a provider tells us about one bill, verified: from a notification or a query."""

    bill_code: str
    outcome: str
    amount: int | None = None
    transaction_id: str = ""
    body: dict = field(default_factory=dict)


@dataclass(frozen=True)
class QueryRequest:
    """A call the integration adapter sends for us: method, URL, query parameters or JSON body
    (as bytes, exactly as signed) and headers."""

    method: str
    url: str
    params: dict | None = None
    content: bytes | None = None
    headers: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Acknowledgement:
    """What we answer a notification with (the provider stops resending on success)."""

    status: int
    body: dict


def hmac_hex(secret: str, message: bytes) -> str:
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verify_hex(secret: str, message: bytes, signature) -> bool:
    if not isinstance(signature, str) or not signature:
        return False
    return hmac.compare_digest(hmac_hex(secret, message), signature.strip().lower())


def canonical(params: dict) -> bytes:
    """`key=value` pairs sorted by key and joined by `&`, the signature field left out."""
    return "&".join(
        f"{key}={params[key]}" for key in sorted(params) if key not in ("checksum", "sig")
    ).encode()


def local_stamp(moment: datetime) -> str:
    """yyyyMMddHHmmss in the province's time, as the national systems write moments."""
    return moment.astimezone(VIETNAM).strftime("%Y%m%d%H%M%S")


def as_amount(value) -> int:
    try:
        amount = int(str(value))
    except (TypeError, ValueError) as exc:
        raise MessageError("amount is not a whole number") from exc
    if amount < 0:
        raise MessageError("amount is negative")
    return amount


class Provider:
    """The interface. `name` is stored on payments (`Payment.provider`); `method` is the
    payment method it stands for (which decides DuocThanhToanTrucTuyen)."""

    name: str = ""
    method: str = ""

    def __init__(self, *, url: str, merchant: str, secret: str):
        self.url = url.rstrip("/")
        self.merchant = merchant
        self._secret = secret

    @property
    def enabled(self) -> bool:
        return bool(self._secret and self.url)

    def bill(self, payment) -> dict:
        """The bill's fields (docs/payments.md), as every provider is sent them."""
        return {
            "bill_code": payment.bill_code,
            "amount": payment.amount,
            "service_type": payment.service_type,
            "beneficiary_account": payment.beneficiary_account,
            "beneficiary_bank": payment.beneficiary_bank,
            "fee_code": payment.fee_code,
            "fee_name": payment.fee_name,
            "agency_code": payment.agency_code,
            "agency_name": payment.agency_name,
            "dossier_code": payment.dossier_code,
            "procedure_code": payment.procedure_code,
            "payer_name": payment.payer_name,
            "payer_id_number": payment.payer_id_number,
            "payer_address": payment.payer_address,
            "items": [
                {
                    "code": item.get("code", ""),
                    "name": item.get("name", ""),
                    "amount": item["amount"],
                }
                for item in payment.items
            ],
        }

    # --- the four things a provider does ------------------------------------------------------

    def redirect_url(self, payment, *, return_url: str, notify_url: str, now: datetime) -> str:
        """Where the browser goes to pay `payment`: the bill, signed."""
        raise NotImplementedError

    def verify_return(self, params: dict) -> Notice:
        """The browser's return: verified, but only a hint (it never confirms a payment)."""
        raise NotImplementedError

    def read_notification(self, body: bytes, headers: dict) -> Notice:
        """A server-to-server notification, verified (SignatureError) and read (MessageError)."""
        raise NotImplementedError

    def acknowledge(self, accepted: bool) -> Acknowledgement:
        raise NotImplementedError

    def query_request(self, bill_code: str, *, now: datetime) -> QueryRequest:
        """The signed question "what happened to this bill?"."""
        raise NotImplementedError

    def read_query_answer(self, status: int, body: bytes, headers: dict) -> Notice:
        """The provider's answer to `query_request`, verified and read."""
        raise NotImplementedError
