"""python -m simulators.postal --port 8103 --data var/postal --motcua-url http://127.0.0.1:8000
--secret S --api-key K [--token T] [--pace 5]"""

from __future__ import annotations

import argparse
import os
import signal
import sys

from .server import Simulator, serve
from .store import Store


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read().strip()
    except OSError:
        return ""


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="simulators.postal", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8103, help="0: any free port (printed)")
    parser.add_argument("--data", default="var/postal", help="directory of its SQLite file")
    parser.add_argument("--motcua-url", default="http://127.0.0.1:8000")
    parser.add_argument(
        "--secret",
        default=os.environ.get("POSTAL_WEBHOOK_SECRET", "demo-postal-secret"),
        help="the webhooks' HMAC secret",
    )
    parser.add_argument(
        "--api-key",
        default=os.environ.get("POSTAL_MOTCUA_API_KEY", ""),
        help="Motcua's API key for the operator (X-API-Key of the webhooks)",
    )
    parser.add_argument(
        "--api-key-file",
        default="",
        help="a file holding the API key (read at each send: the demo writes it at load time)",
    )
    parser.add_argument(
        "--token",
        default=os.environ.get("POSTAL_API_TOKEN", "demo-postal-token"),
        help="the token Motcua must present (Authorization: Bearer)",
    )
    parser.add_argument(
        "--pace",
        type=float,
        default=5.0,
        help="seconds between two steps of an order; 0: only when told",
    )
    args = parser.parse_args(argv)
    api_key = args.api_key
    if args.api_key_file:
        api_key = lambda: _read(args.api_key_file)  # noqa: E731
    sim = Simulator(
        store=Store(args.data),
        motcua_url=args.motcua_url,
        secret=args.secret,
        api_key=api_key,
        token=args.token,
        pace=args.pace,
    )
    server = serve(sim, args.host, args.port)
    print(
        f"postal simulator listening on http://{args.host}:{server.server_address[1]}", flush=True
    )
    signal.signal(signal.SIGTERM, lambda *_: (sim.stopping.set(), sys.exit(0)))
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        sim.stopping.set()
        server.server_close()


if __name__ == "__main__":
    main()
