"""Simulators as subprocesses, for any test: `SimulatorProcess` and the `national_portal_sim`
fixture (registered by the root conftest.py; docs/simulators.md).

A simulator runs `python -m simulators.<name> --port P --data DIR ...` from the repository's
root, on a free port and in a temporary data directory. `stop()` then `start()` brings it back
on the same port with the same data (an "unreachable" period); `kill()` is SIGKILL.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SimulatorProcess:
    def __init__(
        self,
        module: str,
        *,
        data_dir: str | Path | None = None,
        port: int | None = None,
        args: list[str] | tuple[str, ...] = (),
        env: dict[str, str] | None = None,
        ready_timeout: float = 30.0,
    ):
        self.module = module
        self.data_dir = Path(data_dir or tempfile.mkdtemp(prefix="sim-"))
        self.port = port
        self.args = list(args)
        self.env = env or {}
        self.ready_timeout = ready_timeout
        self.process: subprocess.Popen | None = None
        self.log_path = self.data_dir / "simulator.log"
        self._http: httpx.Client | None = None

    # --- Life ---------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        """The protocol's base (the adapter's NATIONAL_PORTAL_URL for the national portal)."""
        return self.url + "/api"

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self) -> SimulatorProcess:
        if self.running:
            return self
        if self.port is None:
            self.port = free_port()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "ab")  # noqa: SIM115 - handed to the child
        env = {**os.environ, "SIM_QUIET": "1", **self.env}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
        env.pop("DJANGO_SETTINGS_MODULE", None)
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [
                sys.executable,
                "-m",
                self.module,
                "--port",
                str(self.port),
                "--data",
                str(self.data_dir),
                *self.args,
            ],
            cwd=REPO_ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        log.close()
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.ready_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.module} stopped at start:\n{self.log()[-3000:]}")
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.kill()
        raise RuntimeError(
            f"{self.module} not ready in {self.ready_timeout} s:\n{self.log()[-3000:]}"
        )

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM and wait; the port and data stay for a later start()."""
        if not self.running:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        if self.running:
            self.process.kill()
            self.process.wait(10)

    def restart(self) -> SimulatorProcess:
        self.stop()
        return self.start()

    def log(self) -> str:
        return self.log_path.read_text("utf-8", "replace") if self.log_path.exists() else ""

    # --- Control API --------------------------------------------------------------------

    def control(self, method: str, path: str, json=None, timeout: float = 60.0) -> httpx.Response:
        """A call to the control API: control("POST", "faults", {...}) -> httpx.Response."""
        return self.http.request(
            method, f"{self.url}/control/api/{path.lstrip('/')}", json=json, timeout=timeout
        )

    @property
    def http(self) -> httpx.Client:
        """One HTTP client for the control calls (a new client per call costs ~50 ms)."""
        if self._http is None:
            self._http = httpx.Client()
        return self._http

    def _ok(self, method: str, path: str, json=None):
        response = self.control(method, path, json)
        assert response.status_code < 300, (
            f"{method} {path}: {response.status_code} {response.text}"
        )
        return response.json()

    def set_fault(self, fault: str, *, seconds=None, share=None, delay=None) -> dict:
        body = {"fault": fault}
        body.update(
            {
                k: v
                for k, v in (("seconds", seconds), ("share", share), ("delay", delay))
                if v is not None
            }
        )
        return self._ok("POST", "faults", body)

    def clear_faults(self) -> None:
        self._ok("DELETE", "faults")

    def faults(self) -> list[dict]:
        return self._ok("GET", "faults")["faults"]

    def reset(self) -> None:
        self._ok("POST", "reset")

    def configure(self, **changes) -> dict:
        return self._ok("POST", "config", changes)

    def dossiers(self) -> list[dict]:
        return self._ok("GET", "dossiers")["dossiers"]

    def dossier(self, ma_ho_so: str) -> dict | None:
        response = self.control("GET", f"dossiers/{ma_ho_so}")
        return None if response.status_code == 404 else response.json()

    def feedback(self, kind: str | None = None) -> list[dict]:
        """The ratings ("rating") and complaints ("complaint") the province synced."""
        return self._ok("GET", "feedback" + (f"?kind={kind}" if kind else ""))["records"]

    def send_complaint(self, **complaint) -> dict:
        """A citizen sends a complaint or petition on the portal (for the province's poll)."""
        return self._ok("POST", "complaints", complaint)

    def complaints(self) -> list[dict]:
        return self._ok("GET", "complaints")["complaints"]

    def submit(self, **submission) -> dict:
        return self._ok("POST", "submissions", submission)

    def submissions(self) -> list[dict]:
        return self._ok("GET", "submissions")["submissions"]

    def figures(self) -> dict:
        return self._ok("GET", "figures")

    def calls(self, service: str | None = None) -> dict:
        return self._ok("GET", "calls" + (f"?service={service}" if service else ""))

    def load_catalog(self, procedures: list[dict]) -> int:
        return self._ok("POST", "catalog/load", {"procedures": procedures})["count"]


NATIONAL_PORTAL_USERNAME = "motcua"
NATIONAL_PORTAL_PASSWORD = "mat-khau-gia-lap"
NATIONAL_PORTAL_SECRET = "bi-mat-day-ho-so-gia-lap"
NATIONAL_PORTAL_PROVINCE = "H26"


def national_portal_process(data_dir, *, motcua_url: str = "") -> SimulatorProcess:
    sim = SimulatorProcess(
        "simulators.national_portal",
        data_dir=data_dir,
        args=[
            "--username",
            NATIONAL_PORTAL_USERNAME,
            "--password",
            NATIONAL_PORTAL_PASSWORD,
            "--inbound-secret",
            NATIONAL_PORTAL_SECRET,
            "--province",
            NATIONAL_PORTAL_PROVINCE,
            *(["--motcua-url", motcua_url] if motcua_url else []),
        ],
    )
    sim.username = NATIONAL_PORTAL_USERNAME
    sim.password = NATIONAL_PORTAL_PASSWORD
    sim.inbound_secret = NATIONAL_PORTAL_SECRET
    sim.province = NATIONAL_PORTAL_PROVINCE
    return sim


@pytest.fixture(scope="session")
def _national_portal_sim_process(tmp_path_factory):
    sim = national_portal_process(tmp_path_factory.mktemp("national-portal-sim"))
    sim.start()
    yield sim
    sim.stop()


@pytest.fixture
def national_portal_sim(_national_portal_sim_process):
    """The national portal simulator, one process for the session, emptied before each test:
    storage, faults and configuration (motcua_url empty; set it with sim.configure(...)).
    A test may stop() or kill() it: it is started again for the next test."""
    sim = _national_portal_sim_process
    sim.start()
    sim.reset()
    yield sim
    sim.start()
