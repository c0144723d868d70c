"""The remote-signing gateway's protocol (shaped like the national signing service).

The agency's key never leaves the gateway. Motcua authenticates with its service id and
secret (headers, over TLS), fetches the signing certificate chain once, sends the SHA-256
digest of what is to be signed and gets a detached CMS SignedData back (PAdES attributes),
which pyHanko embeds in the PDF. Nothing else in Motcua opens a connection to the gateway.
"""

from __future__ import annotations

import base64

import httpx
from django.conf import settings


class GatewayError(Exception):
    """The gateway did not sign (down, refused, answered nonsense): the caller retries."""


class RemoteSigningClient:
    def __init__(self, *, url=None, service_id=None, secret=None, timeout=None):
        self.url = (url or settings.RESULT_SIGNING_REMOTE_URL).rstrip("/")
        self.service_id = service_id or settings.RESULT_SIGNING_REMOTE_SERVICE_ID
        self.secret = secret or settings.RESULT_SIGNING_REMOTE_SECRET
        self.timeout = timeout or settings.RESULT_SIGNING_REMOTE_TIMEOUT_SECONDS

    def _headers(self) -> dict:
        return {"X-Service-Id": self.service_id, "X-Service-Secret": self.secret}

    def _call(self, method: str, path: str, **kwargs) -> dict:
        try:
            response = httpx.request(
                method,
                f"{self.url}{path}",
                headers=self._headers(),
                timeout=self.timeout,
                **kwargs,
            )
        except httpx.HTTPError as exc:
            raise GatewayError(f"gateway unreachable: {exc}") from exc
        if response.status_code != 200:
            raise GatewayError(f"gateway answered HTTP {response.status_code}")
        try:
            body = response.json()
        except ValueError as exc:
            raise GatewayError("gateway answered something other than JSON") from exc
        if body.get("error_code", 0) != 0:
            raise GatewayError(f"gateway refused: {body.get('message', '')}")
        return body

    def certificates(self) -> list[bytes]:
        """The signing certificate first, then its chain, DER."""
        body = self._call("GET", "/api/v1/certificates")
        try:
            return [base64.b64decode(item) for item in body["certificates"]]
        except (KeyError, TypeError, ValueError) as exc:
            raise GatewayError("gateway sent no certificates") from exc

    def sign_digest(self, digest: bytes, *, algorithm: str = "sha256") -> bytes:
        """The DER CMS SignedData over `digest`."""
        body = self._call(
            "POST",
            "/api/v1/sign",
            json={"digest": base64.b64encode(digest).decode(), "digest_algorithm": algorithm},
        )
        try:
            return base64.b64decode(body["cms"])
        except (KeyError, TypeError, ValueError) as exc:
            raise GatewayError("gateway sent no signature") from exc
