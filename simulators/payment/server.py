"""A payment gateway simulator: the national payment platform (under /national) and the
province's gateway (under /provincial), each speaking its own protocol (docs/payments.md), with
its own SQLite file and a control API to misbehave on purpose.

It plays the other side: it verifies the signed redirect, shows the payer a page with the
bill and three choices (paid, failed, gave up), sends the signed notification to the address
the bill gave, sends the browser back to the return address, and answers signed queries
about a bill. Told to through the control API (or the page at /control), it sends every
notification twice, late, tampered (the amount changed after signing) or not at all.

Standard library only: it imports nothing of Motcua and nothing Motcua installs.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import json
import secrets
import sqlite3
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

VIETNAM = timezone(timedelta(hours=7))
MODES = {
    "normal": "Gửi thông báo một lần, ngay",
    "duplicate": "Gửi thông báo hai lần",
    "late": "Gửi thông báo muộn (sau số giây đặt trước)",
    "tampered": "Sửa số tiền sau khi ký (chữ ký sai)",
    "none": "Không gửi thông báo",
}
NATIONAL_STATUS = {"paid": "paid", "failed": "failed", "abandoned": "cancelled"}
PROVINCIAL_RESULT = {"paid": "0", "failed": "1", "abandoned": "24", "pending": "7"}


def sign(secret: str, message: bytes) -> str:
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def canonical(params: dict) -> bytes:
    return "&".join(
        f"{k}={params[k]}" for k in sorted(params) if k not in ("checksum", "sig")
    ).encode()


def stamp(moment: datetime | None = None) -> str:
    return (moment or datetime.now(VIETNAM)).astimezone(VIETNAM).strftime("%Y%m%d%H%M%S")


def dumps(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


class Store:
    """The simulator's own SQLite file: bills and every notification it sent."""

    def __init__(self, path: Path):
        self.path = path
        self.lock = threading.Lock()
        with self.connect() as db:
            db.executescript(
                """
                CREATE TABLE IF NOT EXISTS bills (
                    provider TEXT, bill TEXT, merchant TEXT, amount INTEGER, data TEXT,
                    notify_url TEXT, return_url TEXT, status TEXT, txn TEXT,
                    created TEXT, updated TEXT, PRIMARY KEY (provider, bill));
                CREATE TABLE IF NOT EXISTS sent (
                    id INTEGER PRIMARY KEY, provider TEXT, bill TEXT, at TEXT, body TEXT,
                    answer INTEGER);
                CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT);
                """
            )

    def connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30)
        db.row_factory = sqlite3.Row
        return db

    def setting(self, key: str, default: str) -> str:
        with self.connect() as db:
            row = db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row["value"] if row else default

    def set(self, key: str, value: str) -> None:
        with self.lock, self.connect() as db:
            db.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, value))

    def add_bill(self, provider, bill, merchant, amount, data, notify_url, return_url) -> dict:
        now = stamp()
        with self.lock, self.connect() as db:
            db.execute(
                "INSERT OR IGNORE INTO bills VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    provider,
                    bill,
                    merchant,
                    amount,
                    json.dumps(data, ensure_ascii=False),
                    notify_url,
                    return_url,
                    "pending",
                    "",
                    now,
                    now,
                ),
            )
        return self.bill(provider, bill)

    def bill(self, provider: str, bill: str) -> dict | None:
        with self.connect() as db:
            row = db.execute(
                "SELECT * FROM bills WHERE provider = ? AND bill = ?", (provider, bill)
            ).fetchone()
        return dict(row) if row else None

    def bills(self) -> list[dict]:
        with self.connect() as db:
            return [dict(r) for r in db.execute("SELECT * FROM bills ORDER BY created, bill")]

    def settle(self, provider: str, bill: str, status: str) -> dict:
        """A bill's outcome, once: a bill already paid, failed or abandoned keeps its outcome."""
        with self.lock, self.connect() as db:
            row = db.execute(
                "SELECT status FROM bills WHERE provider = ? AND bill = ?", (provider, bill)
            ).fetchone()
            if row and row["status"] == "pending":
                txn = ("NP" if provider == "national" else "PG") + secrets.token_hex(6).upper()
                db.execute(
                    "UPDATE bills SET status = ?, txn = ?, updated = ? "
                    "WHERE provider = ? AND bill = ?",
                    (status, txn if status == "paid" else "", stamp(), provider, bill),
                )
        return self.bill(provider, bill)

    def log_sent(self, provider, bill, body: bytes, answer: int) -> None:
        with self.lock, self.connect() as db:
            db.execute(
                "INSERT INTO sent (provider, bill, at, body, answer) VALUES (?,?,?,?,?)",
                (provider, bill, stamp(), body.decode(), answer),
            )

    def sent(self) -> list[dict]:
        with self.connect() as db:
            return [dict(r) for r in db.execute("SELECT * FROM sent ORDER BY id")]


class Gateway:
    """Both providers' protocols over one store."""

    def __init__(self, store: Store, *, secrets_by_provider: dict, merchant: str):
        self.store = store
        self.secrets = secrets_by_provider
        self.merchant = merchant

    # --- the messages ------------------------------------------------------------------------

    def notification(self, provider: str, bill: dict) -> tuple[bytes, dict]:
        """The signed notification for a settled bill: body and headers."""
        secret = self.secrets[provider]
        if provider == "national":
            params = {
                "merchant": bill["merchant"],
                "bill": bill["bill"],
                "transaction": bill["txn"],
                "amount": str(bill["amount"]),
                "status": NATIONAL_STATUS.get(bill["status"], "pending"),
                "paid_at": bill["updated"],
            }
            params["checksum"] = sign(secret, canonical(params))
            return dumps(params), {"Content-Type": "application/json"}
        body = dumps(
            {
                "merchantCode": bill["merchant"],
                "orderId": bill["bill"],
                "transId": bill["txn"],
                "amount": bill["amount"],
                "resultCode": PROVINCIAL_RESULT.get(bill["status"], "7"),
                "responseTime": bill["updated"],
            }
        )
        return body, {"Content-Type": "application/json", "X-Signature": sign(secret, body)}

    def query_answer(self, provider: str, bill_code: str) -> tuple[bytes, dict]:
        bill = self.store.bill(provider, bill_code)
        if bill is None:
            bill = {
                "merchant": self.merchant,
                "bill": bill_code,
                "txn": "",
                "amount": "",
                "status": "not_found",
                "updated": stamp(),
            }
            if provider == "provincial":
                bill["status"] = "unknown"
        body, headers = self.notification(provider, bill)
        if provider == "national" and bill["status"] == "not_found":
            params = json.loads(body)
            params["status"] = "not_found"
            params["checksum"] = sign(self.secrets[provider], canonical(params))
            body = dumps(params)
        if provider == "provincial" and bill["status"] == "unknown":
            data = json.loads(body)
            data["resultCode"] = "404"
            body = dumps(data)
            headers["X-Signature"] = sign(self.secrets[provider], body)
        return body, headers

    def return_params(self, provider: str, bill: dict) -> dict:
        secret = self.secrets[provider]
        if provider == "national":
            params = {
                "bill": bill["bill"],
                "status": NATIONAL_STATUS.get(bill["status"], "pending"),
            }
            params["checksum"] = sign(secret, canonical(params))
            return params
        result = PROVINCIAL_RESULT.get(bill["status"], "7")
        return {
            "orderId": bill["bill"],
            "resultCode": result,
            "sig": sign(secret, f"{bill['bill']}|{result}".encode()),
        }

    # --- sending a notification, as told --------------------------------------------------------

    def post(self, provider: str, bill: dict, body: bytes, headers: dict) -> int:
        if not bill["notify_url"].startswith(("http://", "https://")):
            return 0
        request = urllib.request.Request(bill["notify_url"], data=body, headers=headers)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=15) as answer:  # noqa: S310
                status = answer.status
        except urllib.error.HTTPError as exc:
            status = exc.code
        except (urllib.error.URLError, OSError):
            status = 0
        self.store.log_sent(provider, bill["bill"], body, status)
        return status

    def notify(self, provider: str, bill: dict, *, wait: bool = False) -> None:
        mode = self.store.setting("mode", "normal")
        late = float(self.store.setting("late_seconds", "5"))
        body, headers = self.notification(provider, bill)
        if mode == "none":
            return
        if mode == "tampered":
            data = json.loads(body)
            data["amount"] = (
                str(int(bill["amount"]) - 1000)
                if provider == "national"
                else (int(bill["amount"]) - 1000)
            )
            body = dumps(data)  # the signature is the one of the true amount
        times = 2 if mode == "duplicate" else 1
        delay = late if mode == "late" else 0.0

        def send():
            if delay:
                time.sleep(delay)
            for _ in range(times):
                self.post(provider, bill, body, headers)

        if wait and not delay:
            send()
        else:
            threading.Thread(target=send, daemon=True).start()

    # --- reading what our side sent ------------------------------------------------------------

    def open_redirect(self, provider: str, query: dict) -> dict:
        """Verify a payer's redirect and keep its bill; raises ValueError when forged."""
        secret = self.secrets[provider]
        if provider == "national":
            params = {k: v[0] for k, v in query.items()}
            if not hmac.compare_digest(sign(secret, canonical(params)), params.get("checksum", "")):
                raise ValueError("Chữ ký của yêu cầu thanh toán không hợp lệ.")
            data = {k: v for k, v in params.items() if k not in ("checksum",)}
            data["items"] = json.loads(params.get("items") or "[]")
            return self.store.add_bill(
                provider,
                params["bill"],
                params.get("merchant", ""),
                int(params["amount"]),
                data,
                params["notify_url"],
                params["return_url"],
            )
        raw = query.get("data", [""])[0]
        if not hmac.compare_digest(sign(secret, raw.encode()), query.get("sig", [""])[0]):
            raise ValueError("Chữ ký của yêu cầu thanh toán không hợp lệ.")
        order = json.loads(base64.urlsafe_b64decode(raw.encode()))
        return self.store.add_bill(
            provider,
            order["orderId"],
            order.get("merchantCode", ""),
            int(order["amount"]),
            {**order["bill"], "requestTime": order.get("requestTime")},
            order["notifyUrl"],
            order["returnUrl"],
        )


def money(amount) -> str:
    return f"{int(amount):,}".replace(",", ".") + " đồng"


PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>
<style>body{{font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;
line-height:1.5}}table{{border-collapse:collapse;width:100%}}td,th{{border:1px solid #999;
padding:.3rem;text-align:left}}button{{font-size:1rem;padding:.5rem 1rem;margin:.3rem .3rem 0 0}}
.note{{background:#fff3cd;padding:.5rem}}</style></head><body>
<p class="note">Trang giả lập cổng thanh toán, chỉ dùng để thử nghiệm và trình diễn.</p>
<main>{body}</main></body></html>"""


def bill_page(provider: str, bill: dict) -> str:
    data = json.loads(bill["data"])
    name = "Nền tảng thanh toán quốc gia" if provider == "national" else "Cổng thanh toán của tỉnh"
    rows = "".join(
        f"<tr><td>{html.escape(i.get('code', ''))}</td><td>{html.escape(i.get('name', ''))}</td>"
        f"<td>{money(i.get('amount', 0))}</td></tr>"
        for i in data.get("items", [])
    )
    facts = [
        ("Mã hoá đơn", bill["bill"]),
        ("Mã hồ sơ", data.get("dossier_code", "")),
        ("Thủ tục", data.get("procedure_code", "")),
        ("Cơ quan thu", data.get("agency_name", "")),
        ("Người nộp", data.get("payer_name", "")),
        (
            "Tài khoản thụ hưởng",
            f"{data.get('beneficiary_account', '')} — {data.get('beneficiary_bank', '')}",
        ),
    ]
    dl = "".join(f"<tr><th>{k}</th><td>{html.escape(str(v))}</td></tr>" for k, v in facts)
    if bill["status"] != "pending":
        choice = "<p>Hoá đơn này đã được xử lý.</p>"
    else:
        choice = (
            f'<form method="post" action="/{provider}/chon">'
            f'<input type="hidden" name="bill" value="{html.escape(bill["bill"])}">'
            '<button name="choice" value="paid">Thanh toán thành công</button>'
            '<button name="choice" value="failed">Thanh toán thất bại</button>'
            '<button name="choice" value="abandoned">Bỏ thanh toán</button></form>'
        )
    body = (
        f"<h1>{name}</h1><table>{dl}</table><h2>Các khoản</h2><table><tr><th>Mã</th>"
        f"<th>Khoản</th><th>Số tiền</th></tr>{rows}</table>"
        f"<p><strong>Tổng cộng: {money(bill['amount'])}</strong></p>{choice}"
    )
    return PAGE.format(title=name, body=body)


def control_page(store: Store) -> str:
    mode = store.setting("mode", "normal")
    options = "".join(
        f'<label><input type="radio" name="mode" value="{k}"{" checked" if k == mode else ""}>'
        f" {v}</label><br>"
        for k, v in MODES.items()
    )
    rows = "".join(
        f"<tr><td>{b['provider']}</td><td>{html.escape(b['bill'])}</td><td>{money(b['amount'])}</td>"
        f"<td>{b['status']}</td><td>{b['txn']}</td></tr>"
        for b in store.bills()
    )
    body = (
        '<h1>Điều khiển giả lập thanh toán</h1><form method="post" action="/control">'
        f"<fieldset><legend>Thông báo gửi về hệ thống</legend>{options}"
        '<label>Số giây chờ khi gửi muộn <input name="late_seconds" '
        f'value="{store.setting("late_seconds", "5")}" inputmode="numeric"></label></fieldset>'
        "<button>Lưu</button></form><h2>Hoá đơn</h2><table><tr><th>Cổng</th><th>Hoá đơn</th>"
        f"<th>Số tiền</th><th>Trạng thái</th><th>Giao dịch</th></tr>{rows}</table>"
    )
    return PAGE.format(title="Điều khiển giả lập thanh toán", body=body)


def make_handler(gateway: Gateway):
    store = gateway.store

    class Handler(BaseHTTPRequestHandler):
        server_version = "PaymentSimulator/1"

        def log_message(self, format, *args):  # noqa: A002 - the base class's name
            pass

        def _send(self, status: int, body: bytes, content_type: str, headers=None):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        def _html(self, status: int, text: str):
            self._send(status, text.encode(), "text/html; charset=utf-8")

        def _json(self, status: int, data, headers=None):
            body = data if isinstance(data, bytes) else dumps(data)
            self._send(status, body, "application/json", headers)

        def _body(self) -> bytes:
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def _provider(self, path: str) -> str | None:
            first = path.strip("/").split("/", 1)[0]
            return first if first in ("national", "provincial") else None

        def do_GET(self):  # noqa: N802 - the base class's name
            url = urlsplit(self.path)
            query = parse_qs(url.query, keep_blank_values=True)
            path = url.path.rstrip("/") or "/"
            provider = self._provider(path)
            if path == "/healthz":
                return self._send(200, b"ok", "text/plain")
            if path == "/control":
                return self._html(200, control_page(store))
            if path == "/control/api/state":
                return self._json(
                    200,
                    {
                        "mode": store.setting("mode", "normal"),
                        "late_seconds": float(store.setting("late_seconds", "5")),
                        "bills": store.bills(),
                        "sent": store.sent(),
                    },
                )
            if path in ("/national/thanh-toan", "/provincial/pay"):
                try:
                    bill = gateway.open_redirect(provider, query)
                except (ValueError, KeyError):
                    return self._html(
                        400,
                        PAGE.format(title="Lỗi", body="<h1>Yêu cầu thanh toán không hợp lệ</h1>"),
                    )
                return self._html(200, bill_page(provider, bill))
            if path == "/national/api/giao-dich":
                params = {k: v[0] for k, v in query.items()}
                secret = gateway.secrets["national"]
                if not hmac.compare_digest(
                    sign(secret, canonical(params)), params.get("checksum", "")
                ):
                    return self._json(401, {"code": "97", "message": "Sai chữ ký"})
                body, headers = gateway.query_answer("national", params.get("bill", ""))
                return self._json(200, body)
            return self._html(
                404, PAGE.format(title="Không tìm thấy", body="<h1>Không tìm thấy</h1>")
            )

        def do_POST(self):  # noqa: N802 - the base class's name
            url = urlsplit(self.path)
            path = url.path.rstrip("/")
            body = self._body()
            provider = self._provider(path)
            if path == "/control" or path == "/control/api/mode":
                if path == "/control":
                    form = {
                        k: v[0] for k, v in parse_qs(body.decode(), keep_blank_values=True).items()
                    }
                else:
                    form = json.loads(body or b"{}")
                mode = str(form.get("mode", "normal"))
                if mode not in MODES:
                    return self._json(400, {"field": "mode", "message": "Chế độ không hợp lệ."})
                try:
                    late = float(form.get("late_seconds", store.setting("late_seconds", "5")))
                except ValueError:
                    return self._json(400, {"field": "late_seconds", "message": "Phải là số."})
                store.set("mode", mode)
                store.set("late_seconds", str(max(0.0, min(late, 600.0))))
                if path == "/control":
                    self.send_response(303)
                    self.send_header("Location", "/control")
                    self.end_headers()
                    return None
                return self._json(200, {"mode": mode, "late_seconds": late})
            if path == "/control/api/resend":
                data = json.loads(body or b"{}")
                bill = store.bill(data.get("provider", ""), data.get("bill", ""))
                if bill is None or bill["status"] == "pending":
                    return self._json(404, {"message": "Không có hoá đơn đã xử lý này."})
                status = gateway.post(
                    bill["provider"], bill, *gateway.notification(bill["provider"], bill)
                )
                return self._json(200, {"answer": status})
            if path in ("/national/chon", "/provincial/chon", "/control/api/choose"):
                if path == "/control/api/choose":
                    data = json.loads(body or b"{}")
                    provider = data.get("provider", "")
                else:
                    data = {
                        k: v[0] for k, v in parse_qs(body.decode(), keep_blank_values=True).items()
                    }
                choice = data.get("choice", "")
                if choice not in ("paid", "failed", "abandoned") or provider not in gateway.secrets:
                    return self._json(400, {"field": "choice", "message": "Lựa chọn không hợp lệ."})
                bill = store.bill(provider, data.get("bill", ""))
                if bill is None:
                    return self._json(404, {"message": "Không có hoá đơn này."})
                was_pending = bill["status"] == "pending"
                bill = store.settle(provider, bill["bill"], choice)
                if was_pending:
                    gateway.notify(provider, bill, wait=path == "/control/api/choose")
                back = f"{bill['return_url']}?{urlencode(gateway.return_params(provider, bill))}"
                if path == "/control/api/choose":
                    return self._json(200, {"bill": bill, "return_url": back})
                self.send_response(303)
                self.send_header("Location", back)
                self.end_headers()
                return None
            if path == "/provincial/api/query":
                secret = gateway.secrets["provincial"]
                if not hmac.compare_digest(sign(secret, body), self.headers.get("X-Signature", "")):
                    return self._json(401, {"resultCode": 97, "message": "Sai chữ ký"})
                data = json.loads(body or b"{}")
                answer, headers = gateway.query_answer("provincial", data.get("orderId", ""))
                return self._json(200, answer, {"X-Signature": headers["X-Signature"]})
            return self._json(404, {"message": "Không tìm thấy"})

    return Handler


def serve(
    *,
    port: int,
    data: Path,
    national_secret: str,
    provincial_secret: str,
    merchant: str,
    host: str = "127.0.0.1",
) -> ThreadingHTTPServer:
    data.mkdir(parents=True, exist_ok=True)
    store = Store(data / "payment.sqlite3")
    gateway = Gateway(
        store,
        secrets_by_provider={"national": national_secret, "provincial": provincial_secret},
        merchant=merchant,
    )
    server = ThreadingHTTPServer((host, port), make_handler(gateway))
    server.daemon_threads = True
    return server
