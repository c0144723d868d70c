"""The postal simulator as a subprocess for a test (docs/postal.md, docs/simulators.md): the
kit's SimulatorProcess on a free port with its own data directory, and the calls of its
control API the postal tests make."""

from __future__ import annotations

import time

from tests.sim_process import SimulatorProcess


class PostalSimulator(SimulatorProcess):
    def __init__(
        self, *, data_dir, motcua_url: str, secret: str, api_key: str, token: str, pace: float = 0
    ):
        super().__init__(
            "simulators.postal",
            data_dir=data_dir,
            args=[
                "--motcua-url",
                motcua_url,
                "--secret",
                secret,
                "--api-key",
                api_key,
                "--token",
                token,
                "--pace",
                str(pace),
            ],
        )

    def lose_updates(self) -> None:
        self.set_fault("lose_update")

    def repeat_updates(self) -> None:
        self.set_fault("repeat_update")

    def advance(self, order_id: str, to: str | None = None) -> dict:
        return self._ok("POST", f"orders/{order_id}/advance", {"to": to} if to else {})

    def resend(self, event_id: str) -> None:
        self._ok("POST", "resend", {"event_id": event_id})

    def state(self) -> dict:
        return self._ok("GET", "state")

    def sends_of(self, event_id: str) -> list[dict]:
        return [send for send in self.state()["sends"] if send["event_id"] == event_id]


def wait_for(condition, *, timeout: float = 15.0, what: str = "the condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")
