"""Private file storage for dossier files: under MEDIA_ROOT/private, never served by URL. Files
leave it only through views and endpoints that check the dossier's permission first."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class DurableFileSystemStorage(FileSystemStorage):
    """Flushes each new file and its folder entry to disk before the row that points at it is
    committed: a crash after PostgreSQL's durable commit must not leave a dossier whose
    document (with its recorded SHA-256) is empty or missing."""

    def _save(self, name, content):
        # Folders this save creates (a new month's) must reach the disk too: each new folder's
        # entry lives in its parent.
        new_folders = []
        folder = os.path.dirname(self.path(name))
        while not os.path.isdir(folder) and folder != os.path.dirname(folder):
            new_folders.append(folder)
            folder = os.path.dirname(folder)
        name = super()._save(name, content)
        path = self.path(name)
        _fsync(path, os.O_RDONLY)
        for folder in [os.path.dirname(path), *(os.path.dirname(f) for f in new_folders)]:
            _fsync(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        return name


def _fsync(path: str, flags: int) -> None:
    descriptor = os.open(path, flags)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def private_storage() -> FileSystemStorage:
    return DurableFileSystemStorage(location=settings.MEDIA_ROOT / "private")
