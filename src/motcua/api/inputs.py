"""The base of every request schema of the API."""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import field_validator


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_has_nul(item) for item in value)
    return False


class In(Schema):
    """A request's parameters or body: no text anywhere may hold a NUL character, which no
    database column stores (PostgreSQL refuses it)."""

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value):
        if _has_nul(value):
            raise ValueError(_("Không được chứa ký tự NUL (\\u0000)."))
        return value
