"""The page parameters every list of the API takes, with the bounds it enforces and states."""

from __future__ import annotations

from django.conf import settings
from ninja import Field

# The last page anyone may ask for: far beyond any list, and an offset every database takes.
PAGE_MAX = 1_000_000
DEFAULT_PAGE_SIZE = 20


def page_field():
    return Field(1, ge=1, le=PAGE_MAX, description="Số trang, bắt đầu từ 1.")


def page_size_field():
    return Field(
        DEFAULT_PAGE_SIZE,
        ge=1,
        le=settings.API_PAGE_SIZE_MAX,
        description=f"Số kết quả mỗi trang, từ 1 đến {settings.API_PAGE_SIZE_MAX}.",
    )
