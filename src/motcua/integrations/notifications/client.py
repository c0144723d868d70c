"""The carriers of notifications: e-mail through Django's mail backend (SMTP in production, a
folder of files in the demo) and SMS through a provider speaking the small REST protocol of
docs/notifications.md. Nothing else in Motcua opens these connections."""

from __future__ import annotations

from dataclasses import dataclass

import httpx
from django.conf import settings
from django.core.mail import EmailMessage


class SmsError(Exception):
    """The provider did not take the message (or could not be asked); the send is retried."""


@dataclass(frozen=True)
class SmsReceipt:
    id: str
    duplicate: bool


class SmsClient:
    """`send` posts one SMS with an idempotency key: the provider answers a repeat of the same
    key with the first answer and does not send again."""

    def __init__(self, base_url: str | None = None, api_key: str | None = None, timeout=None):
        self.base_url = (base_url if base_url is not None else settings.SMS_URL).rstrip("/")
        self.api_key = api_key if api_key is not None else settings.SMS_API_KEY
        self.timeout = timeout or settings.SMS_TIMEOUT_SECONDS

    def send(self, *, to: str, text: str, key: str) -> SmsReceipt:
        if not self.base_url:
            raise SmsError("SMS_URL is not set")
        try:
            response = httpx.post(
                f"{self.base_url}/v1/messages",
                json={"to": to, "sender": settings.SMS_SENDER, "text": text},
                headers={"Authorization": f"Bearer {self.api_key}", "Idempotency-Key": key},
                timeout=self.timeout,
            )
        except httpx.HTTPError as exc:
            raise SmsError(f"{type(exc).__name__}: {exc}") from None
        if response.status_code not in (200, 201):
            raise SmsError(f"HTTP {response.status_code}: {response.text[:300]}")
        try:
            data = response.json()
            return SmsReceipt(id=str(data["id"]), duplicate=bool(data.get("duplicate")))
        except (ValueError, KeyError, TypeError):
            raise SmsError(f"unreadable answer: {response.text[:300]}") from None


def message_id(key: str) -> str:
    """A stable Message-ID for a message: a resend after a crash carries the same one, so that
    mail systems that drop duplicates by Message-ID can do so."""
    return "<" + key.replace(":", ".") + "@notifications.motcua>"


def send_email(*, to: str, subject: str, text: str, key: str) -> str:
    email = EmailMessage(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={"Message-ID": message_id(key)},
    )
    email.send(fail_silently=False)
    return message_id(key)
