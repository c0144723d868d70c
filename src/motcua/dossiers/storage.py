"""Private file storage for dossier files and issued forms: the `private` entry of STORAGES, on
the local disk under MEDIA_ROOT/private or in the object store's private/ prefix (S3_BUCKET),
never served by URL. Files leave it only through views and endpoints that check the dossier's
permission first and stream the bytes from the storage."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, cached_property, empty


class DurableFileSystemStorage(FileSystemStorage):
    """Flushes each new file and its folder entry to disk before the row that points at it is
    committed: a crash after PostgreSQL's durable commit must not leave a dossier whose
    document (with its recorded SHA-256) is empty or missing. Without a location of its own it
    keeps its files under MEDIA_ROOT/private (following MEDIA_ROOT when a test changes it)."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, os.path.join(settings.MEDIA_ROOT, "private"))

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


class _PrivateStorage(LazyObject):
    """STORAGES["private"], looked up when first used (FileFields take their storage when the
    model is defined, before the test suite or a deployment's settings could change it)."""

    def _setup(self):
        self._wrapped = storages["private"]


_private = _PrivateStorage()


@receiver(setting_changed)
def _settings_changed(*, setting, **kwargs):
    if setting == "STORAGES":
        _private._wrapped = empty


def private_storage() -> Storage:
    return _private
