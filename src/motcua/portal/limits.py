"""Rate limits of the public screens, and the page a visitor sees when one is reached.

Guests (no account) may start drafts and submit dossiers with only an email address, so both
are counted per IP address and submissions also per email address (GUEST_SUBMIT_IP_LIMIT,
GUEST_SUBMIT_EMAIL_LIMIT per hour). Tracking by code and secret shares the API's count per IP
(LOOKUP_RATE_LIMIT per minute), so a secret cannot be guessed faster through either face.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from motcua.lib import ratelimit, upload_limits, uploads

HOUR = 3600
MINUTE = 60


def too_many(request: HttpRequest, message: str, *, window: int) -> HttpResponse:
    """HTTP 429 with a page saying what was limited and when to try again."""
    retry_after = window - int(time.time()) % window
    response = render(
        request,
        "portal/rate_limited.html",
        {"message": message, "minutes": max(1, round(retry_after / 60))},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


def guest_draft_refused(request: HttpRequest) -> HttpResponse | None:
    """None when a guest may start another draft now, else the 429 page."""
    ip = ratelimit.client_ip(request)
    if ratelimit.hit("guest-draft", ip, limit=settings.GUEST_SUBMIT_IP_LIMIT, window=HOUR):
        return None
    return too_many(
        request,
        _(
            "Có quá nhiều hồ sơ được lập từ địa chỉ mạng của bạn trong một giờ qua. "
            "Hãy thử lại sau, hoặc nộp trực tiếp tại bộ phận một cửa."
        ),
        window=HOUR,
    )


def guest_submission_refused(request: HttpRequest, email: str) -> HttpResponse | None:
    """None when a guest may submit now, else the 429 page. Both counts are taken."""
    ip_ok = ratelimit.hit(
        "guest-submit-ip",
        ratelimit.client_ip(request),
        limit=settings.GUEST_SUBMIT_IP_LIMIT,
        window=HOUR,
    )
    email = email.strip().lower()
    email_ok = not email or ratelimit.hit(
        "guest-submit-email", email, limit=settings.GUEST_SUBMIT_EMAIL_LIMIT, window=HOUR
    )
    if not email_ok:
        return too_many(
            request,
            _(
                "Địa chỉ thư điện tử %(email)s đã được dùng để nộp %(limit)d hồ sơ trong một "
                "giờ qua, mức tối đa khi nộp không cần tài khoản. Hãy thử lại sau."
            )
            % {"email": email, "limit": settings.GUEST_SUBMIT_EMAIL_LIMIT},
            window=HOUR,
        )
    if not ip_ok:
        return too_many(
            request,
            _(
                "Có quá nhiều hồ sơ được nộp từ địa chỉ mạng của bạn trong một giờ qua. "
                "Hãy thử lại sau, hoặc nộp trực tiếp tại bộ phận một cửa."
            ),
            window=HOUR,
        )
    return None


def upload_refused(request: HttpRequest, size: int) -> HttpResponse | None:
    """None when this address may upload `size` more bytes this hour (UPLOAD_BYTES_PER_IP_HOUR,
    counted), else the 429 page."""
    ip = ratelimit.client_ip(request)
    limit = settings.UPLOAD_BYTES_PER_IP_HOUR
    if upload_limits.spend_bytes("upload-ip", ip, size, limit=limit, window=HOUR):
        return None
    return too_many(
        request,
        _(
            "Địa chỉ mạng của bạn đã tải lên quá %(limit)s tệp trong một giờ qua. Hãy thử lại "
            "sau, hoặc nộp trực tiếp tại bộ phận một cửa."
        )
        % {"limit": uploads.format_size(limit)},
        window=HOUR,
    )


def lookup_refused(request: HttpRequest) -> HttpResponse | None:
    ip = ratelimit.client_ip(request)
    if ratelimit.hit("lookup", ip, limit=settings.LOOKUP_RATE_LIMIT, window=MINUTE):
        return None
    return too_many(
        request,
        _("Bạn tra cứu quá nhiều lần trong một phút. Hãy thử lại sau ít phút."),
        window=MINUTE,
    )
