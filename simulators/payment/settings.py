"""Settings of the payment gateway simulator (its options arrive as SIM_* variables)."""

import os

from simulators.kit.settings import base

globals().update(base("payment", "simulators.payment.urls"))

SIM_NAME = "Cổng thanh toán (giả lập)"
SIM_EXTRA_FAULTS = {
    "notify_twice": "Gửi thông báo thanh toán hai lần",
    "notify_late": "Gửi thông báo thanh toán muộn (sau số giây của độ trễ)",
    "notify_tampered": "Sửa số tiền trong thông báo sau khi ký",
    "notify_none": "Không gửi thông báo thanh toán",
}
# The transport faults (error_500, slow, timeout, close) hit the query endpoints.
SIM_FAULT_PATHS = ("/national/api/", "/provincial/api/")
# The secrets both sides sign with; the defaults are the demo's (Motcua's DEBUG defaults).
SIM_SECRETS = {
    "national": os.environ.get("SIM_NATIONAL_SECRET", "insecure-demo-national-payment-secret"),
    "provincial": os.environ.get(
        "SIM_PROVINCIAL_SECRET", "insecure-demo-provincial-payment-secret"
    ),
}
SIM_MERCHANT = os.environ.get("SIM_MERCHANT", "MOTCUA-HN")
