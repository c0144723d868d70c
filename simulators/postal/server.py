"""The simulator's HTTP side: the operator's order API, the control API and page, the mover
that walks orders along their path at the configured pace, and the signed webhooks."""

from __future__ import annotations

import hashlib
import hmac
import html
import json
import queue
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import httpx

from .store import FINAL, Store

WEBHOOK_PATH = "/api/v1/postal/tracking"
RETRIES = 5


class Simulator:
    def __init__(
        self, *, store: Store, motcua_url: str, secret: str, api_key, token: str, pace: float
    ):
        self.store = store
        self.motcua_url = motcua_url.rstrip("/")
        self.secret = secret
        self.api_key = api_key
        self.token = token
        self.pace = pace
        self.outbox: queue.Queue = queue.Queue()
        self.stopping = threading.Event()

    # webhooks ------------------------------------------------------------------------------
    def announce(self, event: dict | None, order: dict) -> None:
        if event is None:
            return
        payload = {**event, "reference": order["reference"]}
        if self.store.take_fault("lose"):
            self.store.log_send(event["event_id"], 0, "lost")
            return
        copies = 2 if self.store.take_fault("repeat") else 1
        for _copy in range(copies):
            self.outbox.put((payload, 1))

    def sign(self, timestamp: str, body: bytes) -> str:
        digest = hmac.new(self.secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
        return f"sha256={digest.hexdigest()}"

    def send_loop(self) -> None:
        while not self.stopping.is_set():
            try:
                payload, attempt = self.outbox.get(timeout=0.2)
            except queue.Empty:
                continue
            body = json.dumps(payload, ensure_ascii=False).encode()
            timestamp = str(int(time.time()))
            headers = {
                "Content-Type": "application/json",
                "X-API-Key": self.api_key() if callable(self.api_key) else self.api_key,
                "X-Postal-Timestamp": timestamp,
                "X-Postal-Signature": self.sign(timestamp, body),
            }
            try:
                response = httpx.post(
                    self.motcua_url + WEBHOOK_PATH, content=body, headers=headers, timeout=10
                )
                outcome = str(response.status_code)
            except httpx.HTTPError as exc:
                outcome = f"error: {exc}"[:200]
            self.store.log_send(payload["event_id"], attempt, outcome)
            if not outcome.startswith(("2", "4")) and attempt < RETRIES:
                threading.Timer(
                    min(0.5 * 2**attempt, 30), self.outbox.put, args=((payload, attempt + 1),)
                ).start()

    # moving orders along -------------------------------------------------------------------
    def move_loop(self) -> None:
        while not self.stopping.is_set():
            clock = time.monotonic()
            for order_id in self.store.due(clock):
                self.advance(order_id, clock=clock)
            time.sleep(0.05)

    def advance(self, order_id: str, to: str | None = None, clock: float | None = None):
        clock = time.monotonic() if clock is None else clock
        event = self.store.advance(order_id, to, pace=self.pace, clock=clock)
        order = self.store.order(order_id)
        if order is not None:
            self.announce(event, order)
        return event

    def start(self) -> None:
        threading.Thread(target=self.send_loop, daemon=True).start()
        threading.Thread(target=self.move_loop, daemon=True).start()


def make_handler(sim: Simulator):
    class Handler(BaseHTTPRequestHandler):
        server_version = "PostalSimulator/1"

        def log_message(self, format, *args):  # noqa: A002 - quiet
            return

        def _send(self, status: int, data, content_type="application/json; charset=utf-8"):
            body = (
                data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=False).encode()
            )
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _body(self) -> dict:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            if not raw:
                return {}
            if self.headers.get("Content-Type", "").startswith("application/x-www-form-urlencoded"):
                return {k: v[0] for k, v in parse_qs(raw.decode()).items()}
            try:
                data = json.loads(raw)
            except ValueError:
                return {"__invalid__": True}
            return data if isinstance(data, dict) else {"__invalid__": True}

        def _authorised(self) -> bool:
            expected = f"Bearer {sim.token}"
            if hmac.compare_digest(self.headers.get("Authorization", ""), expected):
                return True
            self._send(401, {"detail": "Sai mã truy cập (token)."})
            return False

        def _public(self, order: dict) -> dict:
            return {k: order[k] for k in ("order_id", "reference", "service", "status", "events")}

        def do_GET(self):  # noqa: N802
            path = urlparse(self.path).path
            if path == "/healthz":
                return self._send(200, {"ok": True})
            if path == "/control/state":
                return self._send(
                    200,
                    {
                        "orders": sim.store.orders(),
                        "faults": sim.store.faults(),
                        "sends": sim.store.sends(),
                        "pace": sim.pace,
                    },
                )
            if path in ("/control", "/control/"):
                return self._send(200, control_page(sim), "text/html; charset=utf-8")
            if path.startswith("/v1/orders/"):
                if not self._authorised():
                    return None
                order = sim.store.order(path.removeprefix("/v1/orders/"))
                if order is None:
                    return self._send(404, {"detail": "Không có đơn hàng này."})
                return self._send(200, self._public(order))
            return self._send(404, {"detail": "Không có địa chỉ này."})

        def do_POST(self):  # noqa: N802
            path = urlparse(self.path).path
            data = self._body()
            if data.get("__invalid__"):
                return self._send(400, {"detail": "Nội dung không phải JSON."})
            if path == "/v1/orders":
                if not self._authorised():
                    return None
                missing = [k for k in ("reference", "service", "contact") if not data.get(k)]
                if missing or data.get("service") not in ("collection", "delivery"):
                    return self._send(400, {"detail": "Thiếu hoặc sai trường.", "fields": missing})
                order, created, event = sim.store.create_order(data, sim.pace, time.monotonic())
                sim.announce(event, order)
                return self._send(201 if created else 200, self._public(order))
            if path.startswith("/v1/orders/") and path.endswith("/cancel"):
                if not self._authorised():
                    return None
                order_id = path.removeprefix("/v1/orders/").removesuffix("/cancel")
                order, done = sim.store.cancel(order_id)
                if order is None:
                    return self._send(404, {"detail": "Không có đơn hàng này."})
                if not done:
                    return self._send(409, {"detail": "Bưu tá đã nhận bưu gửi, không hủy được."})
                return self._send(200, self._public(order))
            if path == "/control/faults":
                for kind in ("lose", "repeat"):
                    if kind in data:
                        try:
                            sim.store.set_fault(kind, max(0, int(data[kind])))
                        except (TypeError, ValueError):
                            return self._send(400, {"detail": f"{kind} phải là số nguyên."})
                return self._redirect_or(data, {"faults": sim.store.faults()})
            if path.startswith("/control/orders/") and path.endswith("/advance"):
                order_id = path.removeprefix("/control/orders/").removesuffix("/advance")
                to = data.get("to") or None
                if to not in (None, "returned_to_sender"):
                    return self._send(400, {"detail": "Chỉ có thể chỉ định returned_to_sender."})
                event = sim.advance(order_id, to)
                if event is None:
                    return self._send(409, {"detail": "Đơn hàng không đi tiếp được."})
                return self._redirect_or(data, event)
            if path == "/control/resend":
                # Send an already announced event again (a late or repeated update).
                event_id = data.get("event_id", "")
                for order in sim.store.orders():
                    for event in order["events"]:
                        if event["event_id"] == event_id:
                            sim.outbox.put(
                                (
                                    {
                                        **event,
                                        "order_id": order["order_id"],
                                        "reference": order["reference"],
                                    },
                                    1,
                                )
                            )
                            return self._redirect_or(data, {"resent": event_id})
                return self._send(404, {"detail": "Không có sự kiện này."})
            return self._send(404, {"detail": "Không có địa chỉ này."})

        def _redirect_or(self, data: dict, answer: dict):
            if data.get("from_page"):
                self.send_response(303)
                self.send_header("Location", "/control")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            return self._send(200, answer)

    return Handler


def control_page(sim: Simulator) -> bytes:
    e = html.escape
    rows = []
    for order in sim.store.orders():
        button = ""
        if order["status"] not in FINAL:
            button = (
                f'<form method="post" action="/control/orders/{e(order["order_id"])}/advance">'
                '<input type="hidden" name="from_page" value="1">'
                "<button>Chuyển bước tiếp</button></form>"
            )
        trail = " → ".join(e(ev["status"]) for ev in order["events"])
        rows.append(
            f"<tr><td>{e(order['order_id'])}</td><td>{e(order['reference'])}</td>"
            f"<td>{e(order['service'])}</td><td>{e(order['status'])}</td><td>{trail}</td>"
            f"<td>{button}</td></tr>"
        )
    faults = sim.store.faults()
    page = f"""<!doctype html><html lang="vi"><head><meta charset="utf-8">
<title>Giả lập bưu chính công ích</title></head><body>
<h1>Giả lập bưu chính công ích</h1>
<p>Nhịp chuyển trạng thái: {e(str(sim.pace))} giây (0: chỉ chuyển khi bấm).</p>
<h2>Sự cố</h2>
<form method="post" action="/control/faults"><input type="hidden" name="from_page" value="1">
<label>Làm mất các cập nhật tiếp theo: <input name="lose" type="number" min="0"
 value="{faults.get("lose", 0)}"></label>
<label>Gửi lặp các cập nhật tiếp theo: <input name="repeat" type="number" min="0"
 value="{faults.get("repeat", 0)}"></label>
<button>Lưu</button></form>
<h2>Đơn hàng</h2>
<table><thead><tr><th>Mã vận đơn</th><th>Tham chiếu</th><th>Dịch vụ</th><th>Trạng thái</th>
<th>Hành trình</th><th></th></tr></thead><tbody>{"".join(rows)}</tbody></table>
</body></html>"""
    return page.encode()


def serve(sim: Simulator, host: str, port: int) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer((host, port), make_handler(sim))
    server.daemon_threads = True
    sim.start()
    return server
