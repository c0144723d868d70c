from simulators.kit.server import run


def add_arguments(parser):
    parser.add_argument("--motcua-url", default="", help="Motcua's address (its webhook's base)")
    parser.add_argument("--secret", default="demo-postal-secret", help="the webhooks' HMAC secret")
    parser.add_argument("--api-key", default="", help="Motcua's API key for the operator")
    parser.add_argument(
        "--api-key-file", default="", help="or a file holding it, read at each send (the demo's)"
    )
    parser.add_argument(
        "--token", default="demo-postal-token", help="the token Motcua presents (Bearer)"
    )
    parser.add_argument(
        "--pace",
        type=float,
        default=20.0,
        help="seconds between two steps of an order; 0: only when told",
    )


run("simulators.postal.settings", "Giả lập bưu chính công ích", add_arguments=add_arguments)
