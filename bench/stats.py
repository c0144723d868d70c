"""Pure arithmetic of a load run: percentiles and one summary row per scenario run."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0-100) by the nearest-rank method: the smallest value with at least
    p% of the values at or below it. Nearest rank never invents a latency nobody saw."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= p <= 100:
        raise ValueError(f"percentile {p} is outside 0-100")
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass
class RunResult:
    """What one scenario at one concurrency produced."""

    scenario: str
    concurrency: int
    duration: float  # seconds of measured load
    latencies: list[float] = field(default_factory=list)  # seconds, successful or not
    ok: int = 0
    errors: dict[str, int] = field(default_factory=dict)  # "HTTP 500", "ConnectionResetError"

    @property
    def requests(self) -> int:
        return self.ok + self.error_count

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    @property
    def rate(self) -> float:
        """Completed requests per second, errors included (they cost the server too)."""
        return self.requests / self.duration if self.duration > 0 else 0.0

    def latency_ms(self, p: float) -> float:
        return percentile(self.latencies, p) * 1000 if self.latencies else float("nan")

    def merge(self, other: RunResult) -> None:
        self.latencies.extend(other.latencies)
        self.ok += other.ok
        for kind, count in other.errors.items():
            self.errors[kind] = self.errors.get(kind, 0) + count

    def as_dict(self) -> dict:
        return {
            "scenario": self.scenario,
            "concurrency": self.concurrency,
            "duration_s": round(self.duration, 3),
            "requests": self.requests,
            "ok": self.ok,
            "errors": dict(self.errors),
            "rate": round(self.rate, 1),
            "p50_ms": round(self.latency_ms(50), 2),
            "p95_ms": round(self.latency_ms(95), 2),
            "p99_ms": round(self.latency_ms(99), 2),
        }
