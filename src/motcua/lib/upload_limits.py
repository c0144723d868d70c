"""An upload handler that caps each file's size while the request streams in.

Django's own limits cover the non-file part of a request; a file is written to memory or a
temporary file as it arrives. This handler counts each file's bytes chunk by chunk and, past the
cap, skips the file (its remaining chunks are read and dropped, never stored) and notes its
field name, so the view can answer with a field-level error instead of holding a 2 GB upload.
"""

from __future__ import annotations

import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.views.decorators.csrf import csrf_exempt, csrf_protect


class SizeCapUploadHandler(FileUploadHandler):
    def __init__(self, request=None, max_bytes: int | None = None):
        super().__init__(request)
        self.max_bytes = max_bytes or settings.UPLOAD_MAX_BYTES
        self.too_large: list[str] = []
        self._received = 0

    def new_file(self, field_name, *args, **kwargs):
        self._received = 0
        super().new_file(field_name, *args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        self._received += len(raw_data)
        if self._received > self.max_bytes:
            self.too_large.append(self.field_name)
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size):
        return None


def install(request, max_bytes: int | None = None) -> SizeCapUploadHandler:
    """Put the cap in front of the request's handlers; call before touching request.FILES."""
    handler = SizeCapUploadHandler(request, max_bytes)
    request.upload_handlers.insert(0, handler)
    return handler


def oversized_fields(request) -> list[str]:
    for handler in request.upload_handlers:
        if isinstance(handler, SizeCapUploadHandler):
            return handler.too_large
    return []


def capped_uploads(view):
    """Cap each uploaded file's size while it streams in. The cap must be in place before
    anything reads the request's body, and the CSRF check reads it: so the check is run here,
    after the cap is installed, instead of by the middleware."""
    protected = csrf_protect(view)

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST":
            install(request)
        return protected(request, *args, **kwargs)

    return wrapper


def spend_bytes(scope: str, key: str, amount: int, *, limit: int, window: int) -> bool:
    """Count `amount` bytes for `key` in the current fixed window of `window` seconds (in the
    shared cache: Redis when REDIS_URL is set); False, counting nothing, when that would pass
    `limit`."""
    slot = int(time.time()) // window
    name = f"motcua:bytes:{scope}:{key}:{slot}"
    cache.add(name, 0, timeout=window + 5)
    try:
        total = cache.incr(name, amount)
    except ValueError:  # expired between add and incr
        cache.add(name, amount, timeout=window + 5)
        total = amount
    if total > limit:
        cache.decr(name, amount)
        return False
    return True
