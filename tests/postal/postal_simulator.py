"""The postal simulator as a subprocess for a test (docs/postal.md): started from the
repository's root on a free port (it binds port 0 and prints it), with its own data directory,
and stopped with its process when the test ends."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import httpx

REPO_ROOT = Path(__file__).resolve().parents[2]


class PostalSimulator:
    def __init__(
        self,
        *,
        data_dir: Path,
        motcua_url: str,
        secret: str,
        api_key: str,
        token: str,
        pace: float = 0,
    ):
        self.args = [
            sys.executable,
            "-m",
            "simulators.postal",
            "--port",
            "0",
            "--data",
            str(data_dir),
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
        ]
        self.process: subprocess.Popen | None = None
        self.url = ""

    def start(self) -> PostalSimulator:
        self.process = subprocess.Popen(  # noqa: S603 - our own module, fixed arguments
            self.args, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        line = self.process.stdout.readline()
        found = re.search(r"http://[\d.]+:(\d+)", line)
        if not found:
            self.stop()
            raise RuntimeError(f"the postal simulator did not start: {line!r}")
        self.url = f"http://127.0.0.1:{found.group(1)}"
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.05)
        raise RuntimeError("the postal simulator does not answer")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()

    # the control API
    def faults(self, **counts) -> None:
        httpx.post(f"{self.url}/control/faults", json=counts, timeout=5).raise_for_status()

    def advance(self, order_id: str, to: str | None = None) -> dict:
        response = httpx.post(
            f"{self.url}/control/orders/{order_id}/advance",
            json={"to": to} if to else {},
            timeout=5,
        )
        response.raise_for_status()
        return response.json()

    def resend(self, event_id: str) -> None:
        httpx.post(
            f"{self.url}/control/resend", json={"event_id": event_id}, timeout=5
        ).raise_for_status()

    def state(self) -> dict:
        return httpx.get(f"{self.url}/control/state", timeout=5).json()

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
