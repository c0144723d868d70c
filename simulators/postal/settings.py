"""Settings of the postal operator's simulator (its options arrive as SIM_* variables)."""

import os

from simulators.kit.settings import base

globals().update(base("postal", "simulators.postal.urls"))

SIM_NAME = "Bưu chính công ích (giả lập)"
SIM_EXTRA_FAULTS = {
    "lose_update": "Làm mất cập nhật hành trình (không gửi sang Motcua)",
    "repeat_update": "Gửi lặp cập nhật hành trình (hai lần)",
}
# The order API is under /v1/: the kit's transport faults (close, timeout, slow, error_500)
# apply there.
SIM_FAULT_PATHS = ("/v1/",)
SIM_POSTAL = {
    "motcua_url": os.environ.get("SIM_MOTCUA_URL", "").rstrip("/"),
    "secret": os.environ.get("SIM_SECRET", "demo-postal-secret"),
    "api_key": os.environ.get("SIM_API_KEY", ""),
    "api_key_file": os.environ.get("SIM_API_KEY_FILE", ""),
    "token": os.environ.get("SIM_TOKEN", "demo-postal-token"),
    "pace": float(os.environ.get("SIM_PACE", "20")),
}
# Started by the runner only (a test importing these settings starts no thread).
SIM_RUNNING = bool(os.environ.get("SIM_PORT"))
