"""What the control API may change while the simulator runs; a reset restores the start values."""

from __future__ import annotations

import threading

from django.conf import settings

_lock = threading.Lock()
_values: dict | None = None

TYPES = {
    "motcua_url": str,
    "inbound_secret": str,
    "username": str,
    "password": str,
    "province": str,
    "session_ttl": int,
}


def get() -> dict:
    global _values
    with _lock:
        if _values is None:
            _values = dict(settings.SIM_START_CONFIG)
        return dict(_values)


def update(changes: dict) -> dict:
    """Apply changes; ValueError(field, message) on a bad one (nothing changed then)."""
    current = get()
    for key, value in changes.items():
        kind = TYPES.get(key)
        if kind is None:
            raise ValueError(key, f"Thiết lập không tồn tại: {key}.")
        if kind is int and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            raise ValueError(key, f"{key} phải là số nguyên dương.")
        if kind is str and not isinstance(value, str):
            raise ValueError(key, f"{key} phải là chuỗi.")
        current[key] = value.rstrip("/") if key == "motcua_url" else value
    global _values
    with _lock:
        _values = current
    return dict(current)


def restore() -> dict:
    global _values
    with _lock:
        _values = dict(settings.SIM_START_CONFIG)
        return dict(_values)
