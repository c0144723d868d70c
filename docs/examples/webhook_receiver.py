"""A receiver of Motcua's webhooks, with the Python standard library only.

    python webhook_receiver.py --secret whsec_... --port 8080

It checks each request's `Motcua-Signature` header (t=<unix seconds>,v1=<hex HMAC-SHA256 of
"<t>." followed by the body, under the subscription's secret), refuses a timestamp more than
five minutes away from its own clock (a replayed request), answers 204 to a good request and
401 to any other, and treats an event id it has already seen as done (deliveries are at least
once). Copy `verify` into your own receiver; keep the comparison constant-time.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOLERANCE_SECONDS = 300
MAX_BODY_BYTES = 1024 * 1024


class SignatureError(Exception):
    """Why a request was refused."""


def verify(
    secret: str,
    header: str | None,
    body: bytes,
    *,
    now: float | None = None,
    tolerance: int = TOLERANCE_SECONDS,
) -> None:
    """Return quietly if `header` signs `body` under `secret` at an acceptable moment;
    raise SignatureError otherwise."""
    if not header:
        raise SignatureError("missing signature header")
    timestamp, signatures = None, []
    for part in header.split(","):
        name, _, value = part.strip().partition("=")
        if name == "t" and value.isdigit():
            timestamp = int(value)
        elif name == "v1" and value:
            signatures.append(value)
    if timestamp is None or not signatures:
        raise SignatureError("malformed signature header")
    current = time.time() if now is None else now
    if abs(current - timestamp) > tolerance:
        raise SignatureError("timestamp outside the tolerance")
    expected = hmac.new(
        secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    if not any(hmac.compare_digest(expected, candidate) for candidate in signatures):
        raise SignatureError("signature does not match")


class ReceiverHandler(BaseHTTPRequestHandler):
    """Receives events; `secret` is set on a subclass (see `make_server`)."""

    secret = ""
    seen: set[str]
    received: list[dict]
    lock: threading.Lock

    def do_POST(self):  # noqa: N802 - the name http.server calls
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY_BYTES:
            return self._answer(413, "body too large")
        body = self.rfile.read(length)
        try:
            verify(self.secret, self.headers.get("Motcua-Signature"), body)
        except SignatureError as exc:
            return self._answer(401, str(exc))
        event = json.loads(body)
        event_id = self.headers.get("Motcua-Event-Id") or event.get("id")
        with self.lock:
            if event_id in self.seen:
                return self._answer(204, "")  # a repeat: already done
        status = self.handle_event(event)
        if 200 <= status < 300:
            with self.lock:
                self.seen.add(event_id)
                self.received.append(event)
        return self._answer(status, "")

    def handle_event(self, event: dict) -> int:
        """Do the work; answer a 2xx once it is done (any other status asks for a retry)."""
        print(f"{event['type']} {event['dossier']['code']} → {event['dossier']['status']}")
        return 204

    def _answer(self, status: int, message: str):
        data = message.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):  # noqa: A002 - http.server's signature
        pass


def make_server(
    secret: str, host: str = "127.0.0.1", port: int = 0, handler=ReceiverHandler
) -> ThreadingHTTPServer:
    """A server on (host, port); port 0 picks a free one (`server.server_address[1]`)."""
    bound = type(
        "BoundReceiver",
        (handler,),
        {"secret": secret, "seen": set(), "received": [], "lock": threading.Lock()},
    )
    return ThreadingHTTPServer((host, port), bound)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--secret", required=True, help="the subscription's secret (whsec_...)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    options = parser.parse_args()
    server = make_server(options.secret, options.host, options.port)
    print(f"listening on http://{options.host}:{server.server_address[1]}/")
    server.serve_forever()


if __name__ == "__main__":
    main()
