"""The simulator's two threads: the mover, which walks orders along their path at the pace,
and the sender, which signs and posts each tracking update to Motcua (retrying a failure to
answer or a 5xx with backoff; a 4xx is an answer). The faults `lose_update` (not sent) and
`repeat_update` (sent twice) are played when an update is announced."""

from __future__ import annotations

import hashlib
import hmac
import json
import queue
import threading
import time
from pathlib import Path

import httpx
from django.conf import settings
from django.db import close_old_connections
from django.db.utils import OperationalError

from simulators.kit import faults

from . import orders
from .models import Send

WEBHOOK_PATH = "/api/v1/postal/tracking"
RETRIES = 5
_outbox: queue.Queue = queue.Queue()
_started = threading.Event()


def config() -> dict:
    return settings.SIM_POSTAL


def api_key() -> str:
    conf = config()
    if conf["api_key_file"]:
        try:
            return Path(conf["api_key_file"]).read_text(encoding="utf-8").strip()
        except OSError:
            return ""
    return conf["api_key"]


def sign(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"sha256={digest.hexdigest()}"


def announce(order, event) -> None:
    """Queue the update for Motcua, unless a fault loses it (or sends it twice)."""
    payload = {**event.as_dict(), "order_id": order.order_id, "reference": order.reference}
    board = faults.board()
    if board.hits("lose_update"):
        Send.objects.create(event_id=event.event_id, attempt=0, outcome="lost")
        return
    copies = 2 if board.hits("repeat_update") else 1
    for _copy in range(copies):
        _outbox.put((payload, 1))


def resend(payload: dict) -> None:
    _outbox.put((payload, 1))


def _post(payload: dict, attempt: int) -> None:
    conf = config()
    body = json.dumps(payload, ensure_ascii=False).encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "X-API-Key": api_key(),
        "X-Postal-Timestamp": timestamp,
        "X-Postal-Signature": sign(conf["secret"], timestamp, body),
    }
    try:
        response = httpx.post(
            conf["motcua_url"] + WEBHOOK_PATH, content=body, headers=headers, timeout=10
        )
        outcome = str(response.status_code)
    except httpx.HTTPError as exc:
        outcome = f"error: {exc}"[:200]
    Send.objects.create(event_id=payload["event_id"], attempt=attempt, outcome=outcome)
    if not outcome.startswith(("2", "4")) and attempt < RETRIES:
        threading.Timer(
            min(0.5 * 2**attempt, 30), _outbox.put, args=((payload, attempt + 1),)
        ).start()


def _send_loop() -> None:
    while True:
        try:
            payload, attempt = _outbox.get(timeout=0.5)
        except queue.Empty:
            continue
        close_old_connections()
        try:
            _post(payload, attempt)
        except OperationalError:
            _outbox.put((payload, attempt))
            time.sleep(0.2)


def _move_loop() -> None:
    while True:
        time.sleep(0.1)
        close_old_connections()
        try:
            for order_id in orders.due():
                moved = orders.advance(order_id, config()["pace"])
                if moved is not None:
                    announce(*moved)
        except OperationalError:  # the tables are being made (the runner's migrate)
            time.sleep(0.5)


def start() -> None:
    if _started.is_set():
        return
    _started.set()
    threading.Thread(target=_send_loop, name="postal-sender", daemon=True).start()
    threading.Thread(target=_move_loop, name="postal-mover", daemon=True).start()
