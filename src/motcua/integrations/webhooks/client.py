"""Posting an event to a subscriber: the only place this package opens a connection.

Addresses are HTTPS. This machine's loopback (127.0.0.1, ::1, localhost) is accepted only when
WEBHOOK_ALLOW_LOOPBACK_HTTP is on (by default with DEBUG: the demo and the tests run receivers
there), and then over plain HTTP too. Address literals no receiver has (link-local, where cloud
metadata services answer; multicast; unspecified; reserved) are refused. Host names are not
resolved here: a deployment that must keep webhooks off its internal network filters outgoing
traffic at its firewall. Redirects are not followed: a receiver that moved updates its
subscription. An answer in the 2xx range is a delivery; anything else, a time-out or a refused
connection is a failure, retried by the outbox with backoff.
"""

from __future__ import annotations

import ipaddress
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django.utils.translation import gettext as _

LOOPBACK_NAMES = {"localhost"}


@dataclass(frozen=True)
class Answer:
    status_code: int
    text: str
    duration_ms: int

    @property
    def ok(self) -> bool:
        return 200 <= self.status_code < 300


class DeliveryFailed(Exception):
    """The receiver did not take the event: its answer, or why there was none."""


def _is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def refuse_url(url: str) -> str | None:
    """Why `url` may not receive webhooks, or None."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError on a port out of range
    except ValueError:
        return _("Địa chỉ không hợp lệ.")
    if not host:
        return _("Địa chỉ phải có tên máy chủ.")
    if parts.username or parts.password:
        return _("Địa chỉ không được chứa tên đăng nhập hoặc mật khẩu.")
    if parts.fragment:
        return _("Địa chỉ không được có phần sau dấu #.")
    if _is_loopback(host):
        # This machine's own services are no receivers, except for the demo's and the tests'.
        if settings.WEBHOOK_ALLOW_LOOPBACK_HTTP and parts.scheme in ("http", "https"):
            return None
        return _("Địa chỉ nhận phải dùng HTTPS.") if parts.scheme != "https" else _not_here()
    if _is_special_address(host):
        return _not_here()
    if parts.scheme == "https":
        return None
    return _("Địa chỉ nhận phải dùng HTTPS.")


def _not_here() -> str:
    return _("Không gửi sự kiện tới địa chỉ nội bộ của máy chủ này hoặc địa chỉ đặc biệt.")


def _is_special_address(host: str) -> bool:
    """An address literal no receiver has: link-local (cloud metadata services live there),
    multicast, unspecified or reserved. Private networks stay allowed: the city's systems
    are often there."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return (
        address.is_link_local
        or address.is_multicast
        or address.is_unspecified
        or address.is_reserved
    )


class WebhookClient:
    def __init__(self, timeout: float | None = None):
        self.timeout = timeout if timeout is not None else settings.WEBHOOK_TIMEOUT_SECONDS

    def post(self, url: str, body: bytes, headers: dict[str, str]) -> Answer:
        refusal = refuse_url(url)
        if refusal:
            raise DeliveryFailed(refusal)
        started = time.monotonic()
        try:
            with httpx.Client(timeout=self.timeout, follow_redirects=False) as http:
                response = http.post(
                    url,
                    content=body,
                    headers={
                        "Content-Type": "application/json; charset=utf-8",
                        "User-Agent": "Motcua-Webhooks/1",
                        **headers,
                    },
                )
        except httpx.HTTPError as exc:
            raise DeliveryFailed(f"{type(exc).__name__}: {exc}") from exc
        duration = int((time.monotonic() - started) * 1000)
        return Answer(response.status_code, response.text[:500], duration)
