"""The simulator's own SQLite file: orders, their events, the webhooks sent, the faults."""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

PATHS = {
    "collection": ["registered", "collecting", "delivered_to_agency"],
    "delivery": ["registered", "dispatched", "delivered"],
}
FINAL = {"delivered_to_agency", "delivered", "returned_to_sender", "cancelled"}

SCHEMA = """
create table if not exists orders (
    order_id text primary key,
    reference text unique not null,
    service text not null,
    status text not null,
    body text not null,
    created_at text not null,
    next_at real
);
create table if not exists events (
    event_id text primary key,
    order_id text not null,
    status text not null,
    at text not null,
    note text not null default ''
);
create table if not exists sends (
    id integer primary key autoincrement,
    event_id text not null,
    attempt integer not null,
    outcome text not null,
    at text not null
);
create table if not exists faults (
    kind text primary key,
    remaining integer not null
);
"""


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class Store:
    def __init__(self, data_dir: str):
        Path(data_dir).mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(
            str(Path(data_dir) / "postal.sqlite3"), check_same_thread=False, isolation_level=None
        )
        self.db.row_factory = sqlite3.Row
        self.lock = threading.RLock()
        with self.lock:
            self.db.executescript(SCHEMA)

    def _count(self, table: str) -> int:
        return self.db.execute(f"select count(*) from {table}").fetchone()[0]  # noqa: S608

    def create_order(self, body: dict, pace: float, clock: float) -> tuple[dict, bool, dict | None]:
        """(order, created, first event): the same reference gives back the same order."""
        with self.lock:
            row = self.db.execute(
                "select * from orders where reference = ?", (body["reference"],)
            ).fetchone()
            if row is not None:
                return self.order(row["order_id"]), False, None
            order_id = f"VN{self._count('orders') + 1:08d}"
            self.db.execute(
                "insert into orders values (?, ?, ?, 'registered', ?, ?, ?)",
                (
                    order_id,
                    body["reference"],
                    body["service"],
                    json.dumps(body, ensure_ascii=False),
                    now_text(),
                    clock + pace if pace > 0 else None,
                ),
            )
            event = self.add_event(order_id, "registered", "Bưu điện đã nhận yêu cầu.")
            return self.order(order_id), True, event

    def add_event(self, order_id: str, status: str, note: str = "") -> dict:
        with self.lock:
            event_id = f"EV{self._count('events') + 1:08d}"
            at = now_text()
            self.db.execute(
                "insert into events values (?, ?, ?, ?, ?)", (event_id, order_id, status, at, note)
            )
            self.db.execute("update orders set status = ? where order_id = ?", (status, order_id))
            return {
                "event_id": event_id,
                "order_id": order_id,
                "status": status,
                "at": at,
                "note": note,
            }

    def order(self, order_id: str) -> dict | None:
        with self.lock:
            return self._order(order_id)

    def _order(self, order_id: str) -> dict | None:
        row = self.db.execute("select * from orders where order_id = ?", (order_id,)).fetchone()
        if row is None:
            return None
        events = [
            dict(event)
            for event in self.db.execute(
                "select event_id, status, at, note from events where order_id = ? order by event_id",
                (order_id,),
            )
        ]
        return {
            "order_id": row["order_id"],
            "reference": row["reference"],
            "service": row["service"],
            "status": row["status"],
            "created_at": row["created_at"],
            "request": json.loads(row["body"]),
            "events": events,
        }

    def orders(self) -> list[dict]:
        with self.lock:
            ids = [r[0] for r in self.db.execute("select order_id from orders order by order_id")]
            return [self._order(order_id) for order_id in ids]

    def advance(self, order_id: str, to: str | None = None, pace: float = 0, clock: float = 0):
        """Move the order one step along its path (or to `to`); the new event, or None."""
        with self.lock:
            order = self.order(order_id)
            if order is None or order["status"] in FINAL:
                return None
            path = PATHS[order["service"]]
            if to is None:
                position = path.index(order["status"]) if order["status"] in path else 0
                if position + 1 >= len(path):
                    return None
                to = path[position + 1]
            notes = {
                "collecting": "Bưu tá đang đến lấy hồ sơ.",
                "delivered_to_agency": "Đã giao hồ sơ cho bộ phận một cửa.",
                "dispatched": "Đang chuyển phát kết quả.",
                "delivered": "Đã phát thành công cho người nhận.",
                "returned_to_sender": "Không phát được, chuyển hoàn về cơ quan.",
            }
            event = self.add_event(order_id, to, notes.get(to, ""))
            next_at = clock + pace if pace > 0 and to not in FINAL else None
            self.db.execute("update orders set next_at = ? where order_id = ?", (next_at, order_id))
            return event

    def due(self, clock: float) -> list[str]:
        with self.lock:
            return self._due(clock)

    def _due(self, clock: float) -> list[str]:
        return [
            r[0]
            for r in self.db.execute(
                "select order_id from orders where next_at is not null and next_at <= ?", (clock,)
            )
        ]

    def cancel(self, order_id: str) -> tuple[dict | None, bool]:
        with self.lock:
            order = self.order(order_id)
            if order is None:
                return None, False
            if order["status"] == "cancelled":
                return order, True
            if order["status"] != "registered":
                return order, False
            self.db.execute(
                "update orders set status = 'cancelled', next_at = null where order_id = ?",
                (order_id,),
            )
            return self.order(order_id), True

    # faults: the next N webhooks lost, or sent twice
    def set_fault(self, kind: str, remaining: int) -> None:
        with self.lock:
            self.db.execute(
                "insert into faults values (?, ?) on conflict(kind) do update set remaining = ?",
                (kind, remaining, remaining),
            )

    def take_fault(self, kind: str) -> bool:
        with self.lock:
            row = self.db.execute("select remaining from faults where kind = ?", (kind,)).fetchone()
            if row is None or row[0] <= 0:
                return False
            self.db.execute("update faults set remaining = remaining - 1 where kind = ?", (kind,))
            return True

    def faults(self) -> dict:
        with self.lock:
            return {r[0]: r[1] for r in self.db.execute("select kind, remaining from faults")}

    def log_send(self, event_id: str, attempt: int, outcome: str) -> None:
        with self.lock:
            self.db.execute(
                "insert into sends (event_id, attempt, outcome, at) values (?, ?, ?, ?)",
                (event_id, attempt, outcome, now_text()),
            )

    def sends(self) -> list[dict]:
        with self.lock:
            return [dict(r) for r in self.db.execute("select * from sends order by id")]
