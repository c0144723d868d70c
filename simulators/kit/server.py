"""Run a simulator: parse its command line, migrate its own SQLite file, serve it threaded.

The protocol endpoints (settings.SIM_FAULT_PATHS) go through `FaultWrapper`, which plays the
transport faults before Django sees the request: `close` shuts the socket without a byte of
answer, `timeout` holds the request for its delay and then does the same, `slow` waits before
answering normally, `error_500` answers 500. The faults that need the protocol's own knowledge
(refused sign-in, expired sessions, dropped writes) are played by the simulator's views.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import sys
import threading
import time
from socketserver import ThreadingMixIn
from wsgiref.simple_server import ServerHandler, WSGIRequestHandler, WSGIServer

from . import faults


class FaultWrapper:
    def __init__(self, app, paths):
        self.app = app
        self.paths = tuple(paths)

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if self.paths and path.startswith(self.paths):
            board = faults.board()
            if board.hits("close"):
                _drop_connection(environ)
            fault = board.hits("timeout")
            if fault:
                time.sleep(fault.delay or 0)
                _drop_connection(environ)
            fault = board.hits("slow")
            if fault:
                time.sleep(fault.delay or 0)
            if board.hits("error_500"):
                body = json.dumps(
                    {"error_code": 500, "message": "Lỗi máy chủ (giả lập sự cố)."},
                    ensure_ascii=False,
                ).encode()
                start_response(
                    "500 Internal Server Error",
                    [
                        ("Content-Type", "application/json; charset=utf-8"),
                        ("Content-Length", str(len(body))),
                    ],
                )
                return [body]
        return self.app(environ, start_response)


def _drop_connection(environ):
    sock = environ.get("simkit.socket")
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
    # wsgiref's handler returns quietly on this one: no 500 written to a dead socket.
    raise ConnectionAbortedError("simulated fault: connection closed")


class _Handler(WSGIRequestHandler):
    def get_environ(self):
        environ = super().get_environ()
        environ["simkit.socket"] = self.connection
        return environ

    def handle(self):
        # As WSGIRequestHandler.handle, with our ServerHandler (quiet on dropped sockets).
        self.raw_requestline = self.rfile.readline(65537)
        if len(self.raw_requestline) > 65536:
            self.send_error(414)
            return
        if not self.parse_request():
            return
        handler = _ServerHandler(
            self.rfile, self.wfile, self.get_stderr(), self.get_environ(), multithread=True
        )
        handler.request_handler = self
        handler.run(self.server.get_app())

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        if os.environ.get("SIM_QUIET") != "1":
            sys.stderr.write(f"{self.address_string()} {format % args}\n")


class _ServerHandler(ServerHandler):
    def handle_error(self):
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error()


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64


def run(settings_module: str, description: str, argv=None, add_arguments=None) -> None:
    """Start a simulator. `add_arguments(parser)` adds its own options; every option ends up
    in the environment as SIM_<OPTION> for its settings module to read."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--data", required=True, help="directory for the simulator's storage")
    parser.add_argument(
        "--public-url", default="", help="the address others reach it at (default http://host:port)"
    )
    if add_arguments:
        add_arguments(parser)
    args = parser.parse_args(argv)
    os.makedirs(args.data, exist_ok=True)
    if not args.public_url:
        args.public_url = f"http://{args.host}:{args.port}"
    for key, value in vars(args).items():
        if value is not None:
            os.environ[f"SIM_{key.upper()}"] = str(value)
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module

    import django
    from django.conf import settings
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    app = FaultWrapper(get_wsgi_application(), getattr(settings, "SIM_FAULT_PATHS", ()))
    server = _ThreadingServer((args.host, args.port), _Handler)
    server.set_app(app)

    def stop(signum, frame):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"{description}: {args.public_url} (dữ liệu: {args.data})", flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
