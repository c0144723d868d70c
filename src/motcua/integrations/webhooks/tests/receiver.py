"""The example receiver of docs/examples, loaded from its file as a reader would use it, and a
server of it run in a thread for the tests."""

from __future__ import annotations

import importlib.util
import threading
from contextlib import contextmanager
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[5] / "docs" / "examples" / "webhook_receiver.py"


def load_example():
    spec = importlib.util.spec_from_file_location("webhook_receiver_example", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextmanager
def running(server):
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def url_of(server) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}/hooks"
