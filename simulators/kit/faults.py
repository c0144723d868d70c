"""Faults played on purpose, for a period or for a share of calls.

A fault is switched on with a name, an optional period in seconds (none: until cleared), a
share of the calls it hits (0..1, default 1) and, for `slow` and `timeout`, a delay. The share
is applied deterministically: with a share of 0.5 every second call is hit, with 0.25 every
fourth, so a test knows exactly which calls fail. The board lives in the simulator's memory:
restarting the process clears it.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass, field

# The faults every simulator understands; a simulator adds its own (SIM_EXTRA_FAULTS).
GENERIC_FAULTS = {
    "refuse_auth": "Từ chối đăng nhập, không cấp phiên",
    "expire_sessions": "Phiên hết hạn sớm",
    "error_500": "Trả lỗi HTTP 500",
    "timeout": "Giữ yêu cầu rồi cắt kết nối (hết thời gian chờ)",
    "close": "Đóng kết nối, không trả lời",
    "slow": "Trả lời chậm",
    "drop": "Báo thành công nhưng không lưu gì",
}

DEFAULT_DELAYS = {"slow": 5.0, "timeout": 30.0}
MAX_DELAY = 600.0
MAX_PERIOD = 7 * 24 * 3600


class FaultError(ValueError):
    """A bad fault request: `field` names the offending key, the message is Vietnamese."""

    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name
        self.message = message


@dataclass
class Fault:
    name: str
    share: float = 1.0
    seconds: float | None = None
    delay: float | None = None
    started: float = field(default_factory=time.time)
    calls: int = 0
    hits: int = 0

    @property
    def until(self) -> float | None:
        return None if self.seconds is None else self.started + self.seconds

    def active(self, now: float) -> bool:
        return self.until is None or now < self.until

    def as_dict(self) -> dict:
        return {
            "fault": self.name,
            "share": self.share,
            "seconds": self.seconds,
            "delay": self.delay,
            "started_at": self.started,
            "until": self.until,
            "calls": self.calls,
            "hits": self.hits,
        }


class FaultBoard:
    def __init__(self, extra: dict[str, str] | None = None):
        self.names = {**GENERIC_FAULTS, **(extra or {})}
        self._faults: dict[str, Fault] = {}
        self._lock = threading.Lock()

    def set(self, data: dict) -> Fault:
        """Switch a fault on from a request body; replaces the same fault if already on."""
        if not isinstance(data, dict):
            raise FaultError("fault", "Nội dung phải là một đối tượng JSON.")
        name = data.get("fault")
        if name not in self.names:
            raise FaultError(
                "fault",
                f"Sự cố không được hỗ trợ: {name!r}. Chọn một trong: {', '.join(self.names)}.",
            )
        seconds = _number(data, "seconds", 0, MAX_PERIOD, strict_low=True)
        share = _number(data, "share", 0, 1)
        delay = _number(data, "delay", 0, MAX_DELAY)
        fault = Fault(
            name=name,
            share=1.0 if share is None else share,
            seconds=seconds,
            delay=delay if delay is not None else DEFAULT_DELAYS.get(name),
        )
        with self._lock:
            self._faults[name] = fault
        return fault

    def clear(self, name: str | None = None) -> None:
        with self._lock:
            if name is None:
                self._faults.clear()
            else:
                self._faults.pop(name, None)

    def active(self) -> list[Fault]:
        now = time.time()
        with self._lock:
            for name in [n for n, f in self._faults.items() if not f.active(now)]:
                del self._faults[name]
            return list(self._faults.values())

    def hits(self, name: str) -> Fault | None:
        """Count one call against the fault `name`; the fault when this call is hit."""
        now = time.time()
        with self._lock:
            fault = self._faults.get(name)
            if fault is None:
                return None
            if not fault.active(now):
                del self._faults[name]
                return None
            fault.calls += 1
            if math.floor(fault.calls * fault.share + 1e-9) > math.floor(
                (fault.calls - 1) * fault.share + 1e-9
            ):
                fault.hits += 1
                return fault
            return None


def _number(data: dict, key: str, low: float, high: float, strict_low: bool = False):
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FaultError(key, f"{key} phải là một số.")
    if value < low or value > high or (strict_low and value == low):
        raise FaultError(key, f"{key} phải nằm trong khoảng {low}–{high}.")
    return float(value)


_board: FaultBoard | None = None


def board() -> FaultBoard:
    """The process's board, with the simulator's own faults from settings.SIM_EXTRA_FAULTS."""
    global _board
    if _board is None:
        from django.conf import settings

        _board = FaultBoard(getattr(settings, "SIM_EXTRA_FAULTS", {}))
    return _board
