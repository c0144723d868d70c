from simulators.kit.server import run


def add_arguments(parser):
    parser.add_argument(
        "--motcua-url", default="", help="Motcua's address, e.g. http://127.0.0.1:8000"
    )
    parser.add_argument("--inbound-secret", default="", help="the HMAC secret of pushes to Motcua")
    parser.add_argument("--username", default="motcua")
    parser.add_argument("--password", default="motcua-demo")
    parser.add_argument("--province", default="H26", help="the dstcode this portal serves")
    parser.add_argument("--session-ttl", type=int, default=1800, help="seconds a session lives")


run(
    "simulators.national_portal.settings",
    "Giả lập Cổng Dịch vụ công quốc gia",
    add_arguments=add_arguments,
)
