"""A bounded, closed-loop HTTP load generator: `concurrency` clients, each sending its next
request as soon as the previous answer arrives, for a fixed time or request count.

Clients are threads spread over a few processes (so the client's own GIL does not become the
bottleneck at 16 clients), each thread with its own http.client connection. Only loopback
addresses are accepted as targets. Every answer that is not 2xx counts as an error, by status;
a failed connection or a timeout counts as an error by exception name.
"""

from __future__ import annotations

import http.client
import ipaddress
import multiprocessing
import random
import socket
import threading
import time
from dataclasses import dataclass
from typing import Protocol

from bench.stats import RunResult

MAX_HARVEST = 20_000
TIMEOUT_S = 60


@dataclass
class Request:
    method: str
    path: str
    body: bytes | None = None
    headers: dict[str, str] | None = None


class Scenario(Protocol):
    name: str

    def request(self, rng: random.Random) -> Request: ...

    def harvest(self, status: int, body: bytes) -> object | None:
        """Something worth keeping from a 2xx answer (a new dossier's code and secret), or None."""


def check_loopback(host: str) -> None:
    """Refuse any target that is not this machine: the benchmark loads only its own server."""
    for info in socket.getaddrinfo(host, None):
        address = ipaddress.ip_address(info[4][0])
        if not address.is_loopback:
            raise ValueError(f"{host} resolves to {address}, which is not a loopback address")


@dataclass
class _Plan:
    host: str
    port: int
    start: float  # time.monotonic() when measuring starts (after the warm-up)
    deadline: float  # no request starts after this
    max_requests: int  # per thread
    seed: int


def _client(scenario: Scenario, plan: _Plan, out: dict, lock: threading.Lock) -> None:
    rng = random.Random(plan.seed)
    connection = http.client.HTTPConnection(plan.host, plan.port, timeout=TIMEOUT_S)
    latencies: list[float] = []
    errors: dict[str, int] = {}
    samples: dict[str, str] = {}
    harvested: list = []
    ok = sent = 0
    last = plan.start
    while sent < plan.max_requests:
        began = time.monotonic()
        if began >= plan.deadline:
            break
        measuring = began >= plan.start
        req = scenario.request(rng)
        try:
            connection.request(req.method, req.path, body=req.body, headers=req.headers or {})
            response = connection.getresponse()
            body = response.read()
            status = response.status
            if response.will_close:
                connection.close()
        except (OSError, http.client.HTTPException) as exc:
            connection.close()
            status, body = None, f"{type(exc).__name__}: {exc}".encode()
        ended = time.monotonic()
        if not measuring:
            continue
        sent += 1
        last = max(last, ended)
        latencies.append(ended - began)
        if status is not None and 200 <= status < 300:
            ok += 1
            item = scenario.harvest(status, body)
            if item is not None and len(harvested) < MAX_HARVEST:
                harvested.append(item)
        else:
            kind = f"HTTP {status}" if status is not None else body.decode().split(":")[0]
            errors[kind] = errors.get(kind, 0) + 1
            samples.setdefault(kind, body[:300].decode("utf-8", errors="replace"))
    connection.close()
    with lock:
        out["latencies"].extend(latencies)
        out["ok"] += ok
        out["last"] = max(out["last"], last)
        out["harvested"].extend(harvested)
        for kind, count in errors.items():
            out["errors"][kind] = out["errors"].get(kind, 0) + count
        for kind, text in samples.items():
            out["samples"].setdefault(kind, text)


def _process(scenario: Scenario, plans: list[_Plan], queue) -> None:
    out = {"latencies": [], "ok": 0, "errors": {}, "samples": {}, "harvested": [], "last": 0.0}
    lock = threading.Lock()
    threads = [
        threading.Thread(target=_client, args=(scenario, plan, out, lock), daemon=True)
        for plan in plans
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    queue.put(out)


def run(
    scenario: Scenario,
    *,
    host: str,
    port: int,
    concurrency: int,
    duration: float,
    max_requests: int,
    warmup: float = 2.0,
    processes: int = 2,
    seed: int = 1,
) -> tuple[RunResult, list, dict[str, str]]:
    """Load `scenario` and return its result, what it harvested, and one sample body per kind
    of error. Stops at `duration` seconds of measurement or `max_requests` measured requests,
    whichever comes first; the warm-up's requests are not counted."""
    check_loopback(host)
    processes = max(1, min(processes, concurrency))
    per_thread = max(1, max_requests // concurrency)
    start = time.monotonic() + warmup + 0.2
    plans = [
        _Plan(host, port, start, start + duration, per_thread, seed * 1000 + index)
        for index in range(concurrency)
    ]
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    workers = [
        context.Process(target=_process, args=(scenario, plans[i::processes], queue))
        for i in range(processes)
    ]
    for worker in workers:
        worker.start()
    outs = [queue.get(timeout=duration + warmup + TIMEOUT_S + 30) for _ in workers]
    for worker in workers:
        worker.join()
    result = RunResult(scenario=scenario.name, concurrency=concurrency, duration=0.0)
    harvested: list = []
    samples: dict[str, str] = {}
    last = start
    for out in outs:
        result.merge(
            RunResult(scenario.name, concurrency, 0.0, out["latencies"], out["ok"], out["errors"])
        )
        harvested.extend(out["harvested"])
        for kind, text in out["samples"].items():
            samples.setdefault(kind, text)
        last = max(last, out["last"])
    result.duration = last - start
    return result, harvested, samples
