"""Storing a dossier's files: type checked by content, hashed, named safely, kept private."""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import File

from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier, DossierFile
from motcua.lib import uploads

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
    content_type, name = check_upload(uploaded, field=field)
    digest = sha256_of(uploaded)
    stored = DossierFile(
        dossier=dossier,
        purpose=purpose,
        original_name=name,
        content_type=content_type,
        size=uploaded.size,
        sha256=digest,
        uploaded_at=now,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    stored.file.save(name, File(uploaded, name=name), save=False)
    stored.save()
    return stored


def describe(files) -> list[dict]:
    """What the audit trail records of files: name, purpose, size and SHA-256."""
    return [
        {"name": f.original_name, "purpose": f.purpose, "size": f.size, "sha256": f.sha256}
        for f in files
    ]
