"""Private file storage for dossier files: under MEDIA_ROOT/private, never served by URL. Files
leave it only through views and endpoints that check the dossier's permission first."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage() -> FileSystemStorage:
    return FileSystemStorage(location=settings.MEDIA_ROOT / "private")
