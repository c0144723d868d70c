"""Storing a dossier's files: type checked by content, hashed, named safely, kept private."""

from __future__ import annotations

import hashlib
import logging
from datetime import UTC, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils import timezone

from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier, DossierFile, IssuedForm
from motcua.dossiers.storage import private_storage
from motcua.lib import uploads

logger = logging.getLogger(__name__)
_validator = uploads.UploadValidator(uploads.DOCUMENT_KINDS)


def check_upload(uploaded, *, field: str) -> tuple[str, str]:
    """Refuse a file that is too large, empty, or whose content is not an accepted kind;
    returns the content type and a safe name whose extension matches the content."""
    try:
        _validator(uploaded)
    except ValidationError as exc:
        raise DossierError(f"{uploaded.name}: {exc.messages[0]}", field=field) from exc
    uploaded.seek(0)
    kind = uploads.sniff(uploaded)
    uploaded.seek(0)
    _label, extension, content_type = uploads.KINDS[kind]
    stem = uploads.safe_filename(uploaded.name).rsplit(".", 1)[0]
    return content_type, f"{stem}.{extension}"


def sha256_of(uploaded) -> str:
    digest = hashlib.sha256()
    uploaded.seek(0)
    for chunk in (
        uploaded.chunks()
        if hasattr(uploaded, "chunks")
        else iter(lambda: uploaded.read(65536), b"")
    ):
        digest.update(chunk)
    uploaded.seek(0)
    return digest.hexdigest()


def store_file(
    dossier: Dossier, uploaded, *, purpose: str, actor, now: datetime, field: str = "file"
) -> DossierFile:
    (stored,) = store_files(dossier, [(uploaded, field)], purpose=purpose, actor=actor, now=now)
    return stored


def store_files(
    dossier: Dossier, uploads: list[tuple], *, purpose: str, actor, now: datetime
) -> list[DossierFile]:
    """Check, hash and write each (uploaded file, form field) pair, then insert their rows at
    once. A file refused by its check raises before any row is written."""
    rows = []
    for uploaded, field in uploads:
        content_type, name = check_upload(uploaded, field=field)
        stored = DossierFile(
            dossier=dossier,
            purpose=purpose,
            original_name=name,
            content_type=content_type,
            size=uploaded.size,
            sha256=sha256_of(uploaded),
            uploaded_at=now,
            uploaded_by=actor if getattr(actor, "pk", None) else None,
        )
        stored.file.save(name, File(uploaded, name=name), save=False)
        rows.append(stored)
    return DossierFile.objects.bulk_create(rows) if rows else []


def delete_files(files: list[DossierFile]) -> None:
    """Delete these files' rows now and their bytes once the caller's transaction commits (a
    rollback keeps both)."""
    if not files:
        return
    names = [stored.file.name for stored in files if stored.file]
    DossierFile.objects.filter(pk__in=[stored.pk for stored in files]).delete()

    def remove():
        storage = private_storage()
        for name in names:
            storage.delete(name)

    transaction.on_commit(remove)


def describe(files) -> list[dict]:
    """What the audit trail records of files: name, purpose, size and SHA-256."""
    return [
        {"name": f.original_name, "purpose": f.purpose, "size": f.size, "sha256": f.sha256}
        for f in files
    ]


# Where each kind of private file lives, and the column that points at it.
_STORED = {"dossiers": (DossierFile, "file"), "forms": (IssuedForm, "pdf")}


def _names_under(storage, folder: str):
    """Every file name under `folder` of the storage, at any depth (a local folder or an object
    store's prefix alike)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _names_under(storage, f"{folder}/{sub}")


def remove_orphan_files(*, older_than: timedelta = timedelta(hours=6), now=None) -> list[str]:
    """Delete private files that no row points at and that are older than `older_than`.

    A file is written before its row, inside the transaction that inserts the row; when that
    transaction rolls back (a later check failed, a racing request won, the process died) the
    file stays in storage with nothing pointing at it. The age margin keeps the files of
    transactions still running. Works on the local disk and on the object store alike (only
    the storage's listing, age and delete are used). Returns the names removed (relative to
    the storage)."""
    storage = private_storage()
    cutoff = (now or timezone.now()) - older_than
    removed: list[str] = []
    for folder, (model, column) in _STORED.items():
        names = list(_names_under(storage, folder))
        if names and not model.objects.exclude(**{column: ""}).exists():
            # Files stored and not one row pointing at any: this is the wrong (or an empty,
            # or a restored) database for these files, not a set of orphans.
            logger.warning(
                "orphan sweep skipped %s/: %d files but no %s row has one",
                folder,
                len(names),
                model.__name__,
            )
            continue
        for start in range(0, len(names), 500):
            batch = names[start : start + 500]
            known = set(
                model.objects.filter(**{f"{column}__in": batch}).values_list(column, flat=True)
            )
            for name in batch:
                # The age is asked only of files no row points at (one request each on an
                # object store).
                if name in known or _modified(storage, name) >= cutoff:
                    continue
                storage.delete(name)
                removed.append(name)
    return removed


def _modified(storage, name: str) -> datetime:
    try:
        return storage.get_modified_time(name)
    except FileNotFoundError:  # deleted since the listing
        return datetime.max.replace(tzinfo=UTC)
