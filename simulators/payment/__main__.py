import os

from simulators.kit.server import run


def add_arguments(parser):
    parser.add_argument(
        "--national-secret",
        default=os.environ.get("PAYMENT_NATIONAL_SECRET", "insecure-demo-national-payment-secret"),
        help="the secret shared with Motcua for the national payment platform",
    )
    parser.add_argument(
        "--provincial-secret",
        default=os.environ.get(
            "PAYMENT_PROVINCIAL_SECRET", "insecure-demo-provincial-payment-secret"
        ),
        help="the secret shared with Motcua for the province's gateway",
    )
    parser.add_argument("--merchant", default="MOTCUA-HN", help="the merchant code Motcua uses")


run(
    "simulators.payment.settings",
    "Giả lập cổng thanh toán (Nền tảng thanh toán quốc gia, cổng thanh toán của tỉnh)",
    add_arguments=add_arguments,
)
