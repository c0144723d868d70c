"""Sending a settled bill's notification to Motcua, as the fault board says: twice, late,
tampered, or not at all."""

from __future__ import annotations

import secrets
import threading
import time
import urllib.error
import urllib.request

from django.db import close_old_connections, transaction

from simulators.kit import faults

from . import protocol
from .models import Bill, Sent


def post(bill: Bill, body: bytes, headers: dict, *, tampered: bool = False) -> int:
    """One POST to the bill's notification address; Motcua's status (0: unreachable)."""
    status = 0
    if bill.notify_url.startswith(("http://", "https://")):
        request = urllib.request.Request(bill.notify_url, data=body, headers=headers)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=15) as answer:  # noqa: S310
                status = answer.status
        except urllib.error.HTTPError as exc:
            status = exc.code
        except (urllib.error.URLError, OSError):
            status = 0
    Sent.objects.create(bill=bill, body=body.decode(), tampered=tampered, answer=status)
    return status


def settle(bill: Bill, choice: str) -> Bill:
    """The payer's choice, once: a bill already settled keeps its outcome."""
    with transaction.atomic():
        bill = Bill.objects.select_for_update().get(pk=bill.pk)
        if bill.status == Bill.PENDING:
            bill.status = choice
            if choice == Bill.PAID:
                prefix = "NP" if bill.provider == "national" else "PG"
                bill.transaction = prefix + secrets.token_hex(6).upper()
            bill.save()
    return bill


def notify(bill: Bill, *, wait: bool = False) -> None:
    """Send the notification of a just-settled bill, playing the notification faults. `wait`:
    send before returning (unless it is to be late)."""
    board = faults.board()
    if board.hits("notify_none"):
        return
    body, headers = protocol.notification(bill)
    tampered = bool(board.hits("notify_tampered"))
    if tampered:
        body = protocol.tamper(bill, body)
    times = 2 if board.hits("notify_twice") else 1
    late = board.hits("notify_late")
    delay = (late.delay or 5.0) if late else 0.0

    def send():
        if delay:
            time.sleep(delay)
        for _ in range(times):
            post(bill, body, headers, tampered=tampered)

    def in_background():
        try:
            send()
        finally:
            close_old_connections()

    if wait and not delay:
        send()
    else:
        threading.Thread(target=in_background, daemon=True).start()
