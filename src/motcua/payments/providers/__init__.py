"""The online payment providers, configured from settings (docs/payments.md)."""

from __future__ import annotations

from django.conf import settings

from motcua.payments.providers.base import Provider
from motcua.payments.providers.national_platform import NationalPlatform
from motcua.payments.providers.provincial_gateway import ProvincialGateway

KINDS = {NationalPlatform.name: NationalPlatform, ProvincialGateway.name: ProvincialGateway}


def get(name: str) -> Provider | None:
    """The provider called `name`, configured; None when unknown or not configured."""
    kind = KINDS.get(name)
    if kind is None:
        return None
    prefix = {"national_platform": "PAYMENT_NATIONAL", "provincial_gateway": "PAYMENT_PROVINCIAL"}[
        name
    ]
    provider = kind(
        url=getattr(settings, f"{prefix}_URL"),
        merchant=getattr(settings, f"{prefix}_MERCHANT"),
        secret=getattr(settings, f"{prefix}_SECRET"),
    )
    return provider if provider.enabled else None


def offered() -> list[Provider]:
    """The providers the portal offers, in the order settings list them."""
    return [p for p in (get(name) for name in settings.PAYMENT_PROVIDERS) if p is not None]


def origins() -> list[str]:
    """The origins (scheme://host:port) of the providers offered: where a payer is sent."""
    from urllib.parse import urlsplit

    found = []
    for provider in offered():
        parts = urlsplit(provider.url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if parts.scheme and parts.netloc and origin not in found:
            found.append(origin)
    return found
