"""The transport to a payment provider: sends the signed query that the provider's protocol
(`motcua.payments.providers`) writes, and hands the answer back to it to be verified. The
address, the merchant code and the secret come from settings through the provider."""

from __future__ import annotations

from datetime import datetime

import httpx
from django.conf import settings

from motcua.payments.providers.base import Notice, Provider


class PaymentClient:
    def __init__(self, provider: Provider, *, timeout: float | None = None):
        self.provider = provider
        self.timeout = timeout or settings.PAYMENT_TIMEOUT_SECONDS

    def query(self, bill_code: str, *, now: datetime) -> Notice:
        """What the provider says of `bill_code`, verified. Raises httpx.HTTPError when the
        provider cannot be reached, SignatureError or MessageError when its answer is not
        to be trusted."""
        request = self.provider.query_request(bill_code, now=now)
        response = httpx.request(
            request.method,
            request.url,
            params=request.params,
            content=request.content,
            headers=request.headers,
            timeout=self.timeout,
        )
        return self.provider.read_query_answer(
            response.status_code, response.content, dict(response.headers)
        )
