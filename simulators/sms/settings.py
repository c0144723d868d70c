"""Settings of the SMS provider's simulator (its options arrive as SIM_* variables)."""

import os

from simulators.kit.settings import base

globals().update(base("sms", "simulators.sms.urls"))

SIM_NAME = "Nhà cung cấp SMS (giả lập)"
SIM_EXTRA_FAULTS = {
    "reject": "Từ chối tin nhắn (HTTP 503, không gửi)",
    "accept_then_fail": "Gửi tin rồi trả lỗi 500 (người gọi tưởng chưa gửi)",
}
# The protocol is under /v1/: the kit's transport faults apply there.
SIM_FAULT_PATHS = ("/v1/",)
SIM_SMS = {"api_key": os.environ.get("SIM_API_KEY", "demo-sms-key")}
