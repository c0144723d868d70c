"""Settings of the national portal simulator (its options arrive as SIM_* variables)."""

import os

from simulators.kit.settings import base

globals().update(base("national_portal", "simulators.national_portal.urls"))

SIM_NAME = "Cổng Dịch vụ công quốc gia (giả lập)"
SIM_EXTRA_FAULTS = {
    "push_twice": "Đẩy hồ sơ sang tỉnh hai lần",
    "wrong_hash": "Đẩy hồ sơ với mã băm tệp sai",
    "no_push": "Không đẩy hồ sơ (tỉnh chỉ lấy được qua truy vấn)",
}
# The start values of what the control API may change at run time (config.py).
SIM_START_CONFIG = {
    "motcua_url": os.environ.get("SIM_MOTCUA_URL", "").rstrip("/"),
    "inbound_secret": os.environ.get("SIM_INBOUND_SECRET", ""),
    "username": os.environ.get("SIM_USERNAME", "motcua"),
    "password": os.environ.get("SIM_PASSWORD", "motcua-demo"),
    "province": os.environ.get("SIM_PROVINCE", "H26"),
    "session_ttl": int(os.environ.get("SIM_SESSION_TTL", "1800")),
}
