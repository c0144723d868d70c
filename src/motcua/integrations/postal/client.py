"""The postal operator's REST protocol (docs/postal.md, "The operator's protocol"), behind one
small class. Its address and token come from settings; nothing else in the package opens a
connection.

    POST /v1/orders                      place an order (idempotent on `reference`)
    GET  /v1/orders/{order_id}           the order with its tracking events
    POST /v1/orders/{order_id}/cancel    cancel it while the postman has not taken it
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx
from django.conf import settings


class PostalError(Exception):
    """The operator could not be reached or answered with an error (retried by the outbox)."""


class CancelRefused(PostalError):
    """The operator refuses to cancel (the parcel is already on its way)."""


@dataclass(frozen=True)
class RemoteOrder:
    order_id: str
    reference: str
    status: str
    events: list[dict]


def _order(data: dict) -> RemoteOrder:
    try:
        return RemoteOrder(
            order_id=str(data["order_id"]),
            reference=str(data.get("reference", "")),
            status=str(data["status"]),
            events=list(data.get("events", [])),
        )
    except (KeyError, TypeError) as exc:
        raise PostalError(f"unexpected answer from the postal operator: {data!r}"[:300]) from exc


class PostalClient:
    def __init__(self, base_url: str | None = None, token: str | None = None, timeout=None):
        self.base_url = (base_url or settings.POSTAL_URL).rstrip("/")
        self.token = token if token is not None else settings.POSTAL_API_TOKEN
        self.timeout = timeout or settings.POSTAL_TIMEOUT_SECONDS

    def _call(self, method: str, path: str, json: dict | None = None) -> httpx.Response:
        try:
            with httpx.Client(timeout=self.timeout) as http:
                return http.request(
                    method,
                    f"{self.base_url}{path}",
                    json=json,
                    headers={"Authorization": f"Bearer {self.token}"},
                )
        except httpx.HTTPError as exc:
            raise PostalError(f"postal operator unreachable: {exc}") from exc

    @staticmethod
    def _json(response: httpx.Response) -> dict:
        if response.status_code >= 400:
            raise PostalError(
                f"postal operator answered {response.status_code}: {response.text[:300]}"
            )
        try:
            return response.json()
        except ValueError as exc:
            raise PostalError("postal operator answered with something other than JSON") from exc

    def create_order(self, payload: dict) -> RemoteOrder:
        """Place an order; the same `reference` twice gives back the first order."""
        return _order(self._json(self._call("POST", "/v1/orders", payload)))

    def get_order(self, order_id: str) -> RemoteOrder:
        return _order(self._json(self._call("GET", f"/v1/orders/{order_id}")))

    def cancel_order(self, order_id: str, reason: str) -> RemoteOrder:
        response = self._call("POST", f"/v1/orders/{order_id}/cancel", {"reason": reason})
        if response.status_code == 409:
            raise CancelRefused(response.json().get("detail", "") if response.content else "")
        return _order(self._json(response))


def order_payload(order) -> dict:
    """What we send for one of our orders (delivery.models.PostalOrder)."""
    dossier = order.dossier
    return {
        "reference": order.reference,
        "service": order.service,
        "dossier_code": dossier.code,
        "contact": {
            "name": order.recipient_name,
            "phone": order.phone,
            "address": order.address,
            "commune_code": order.commune_id,
            "commune_name": order.commune.name,
        },
        "agency": {"code": order.agency.code, "name": order.agency.name},
        "zone": order.zone,
        "weight_grams": order.weight_grams,
        "price": order.price,
    }
