"""Settings of the remote-signing gateway simulator (its options arrive as SIM_* variables)."""

import os

from simulators.kit.settings import base

globals().update(base("signing", "simulators.signing.urls"))

SIM_NAME = "Dịch vụ ký số từ xa (giả lập)"
SIM_EXTRA_FAULTS = {
    "wrong_digest": "Ký một bản tóm lược khác với bản được gửi (chữ ký không khớp văn bản)",
}
SIM_PKCS12 = os.environ.get("SIM_PKCS12", "var/signing/gateway.p12")
SIM_PASSPHRASE = os.environ.get("SIM_PASSPHRASE", "insecure-demo-pkcs12-passphrase")
SIM_SERVICE_ID = os.environ.get("SIM_SERVICE_ID", "motcua")
SIM_SECRET = os.environ.get("SIM_SECRET", "insecure-demo-signing-secret")
