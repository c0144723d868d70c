"""python -m simulators.payment --port 8102 --data var/sim/payment [--national-secret S]
[--provincial-secret S] [--merchant M]

The secrets default to the demo's (motcua settings' DEBUG defaults), or come from the same
environment variables the product reads (PAYMENT_NATIONAL_SECRET, PAYMENT_PROVINCIAL_SECRET).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from simulators.payment.server import serve


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m simulators.payment")
    parser.add_argument("--port", type=int, default=8102)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--data", default="var/sim/payment")
    parser.add_argument(
        "--national-secret",
        default=os.environ.get("PAYMENT_NATIONAL_SECRET", "insecure-demo-national-payment-secret"),
    )
    parser.add_argument(
        "--provincial-secret",
        default=os.environ.get(
            "PAYMENT_PROVINCIAL_SECRET", "insecure-demo-provincial-payment-secret"
        ),
    )
    parser.add_argument("--merchant", default=os.environ.get("PAYMENT_MERCHANT", "MOTCUA-HN"))
    args = parser.parse_args(argv)
    server = serve(
        port=args.port,
        host=args.host,
        data=Path(args.data),
        national_secret=args.national_secret,
        provincial_secret=args.provincial_secret,
        merchant=args.merchant,
    )
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    if not os.environ.get("SIM_QUIET"):
        print(f"payment simulator on http://{args.host}:{server.server_port}/control", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
