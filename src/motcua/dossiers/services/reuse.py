"""Reuse: a component the applicant already gave, taken again instead of handed in again
(Decree 45/2020: never ask again for what the government holds; docs/data-reuse.md).

The file is copied into the new dossier, never shared: its bytes are read back, checked
against the hash kept when it was stored (or the one the national store announced) and checked
by content like any upload, then stored as the new dossier's own file. The line records where
it came from (`reused_from`, `reused_reference`), which the national-portal sync reports.
"""

from __future__ import annotations

import hashlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from motcua.dossiers import selectors
from motcua.dossiers.choices import Action, ReuseSource
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier, DossierDocument
from motcua.dossiers.services.base import now_or, record
from motcua.dossiers.services.drafts import Upload, update_draft


def _refused(code: str, message: str) -> DossierError:
    return DossierError(message, errors={f"documents.{code}": [message]})


def reuse_own_file(
    dossier: Dossier, *, actor, document_code: str, file_id: int, proof=None, now=None
) -> Dossier:
    """Copy one of the applicant's own earlier files (selectors.reusable_files) into this
    draft's line `document_code`. Another person's file is refused as if it did not exist."""
    now = now_or(now)
    source = (
        selectors.reusable_files(actor, excluding=dossier).filter(pk=file_id).first()
        if isinstance(file_id, int)
        else None
    )
    if source is None:
        raise _refused(document_code, _("Không tìm thấy giấy tờ này trong kho dữ liệu của bạn."))
    with source.file.open("rb") as stream:
        content = stream.read()
    if hashlib.sha256(content).hexdigest() != source.sha256:
        raise _refused(
            document_code,
            _("Giấy tờ trong kho không còn nguyên vẹn (sai mã băm); hãy tải lên bản khác."),
        )
    return _copy_in(
        dossier,
        actor=actor,
        proof=proof,
        document_code=document_code,
        name=source.original_name,
        content=content,
        source=ReuseSource.OWN_STORE,
        reference=f"{source.dossier.code}/{source.pk}",
        now=now,
    )


def reuse_national_document(
    dossier: Dossier,
    *,
    actor,
    document_code: str,
    name: str,
    content: bytes,
    sha256: str,
    reference: str,
    proof=None,
    now=None,
) -> Dossier:
    """Copy a document fetched from the national personal data store (by the national-portal
    adapter, asked for this applicant's own personal ID) into this draft's line."""
    now = now_or(now)
    announced = sha256.removeprefix("sha256:").lower()
    if hashlib.sha256(content).hexdigest() != announced:
        raise _refused(
            document_code,
            _("Giấy tờ tải từ kho dữ liệu quốc gia không khớp mã băm; hãy thử lại hoặc tải lên."),
        )
    return _copy_in(
        dossier,
        actor=actor,
        proof=proof,
        document_code=document_code,
        name=name,
        content=content,
        source=ReuseSource.NATIONAL_STORE,
        reference=reference,
        now=now,
    )


def _copy_in(
    dossier, *, actor, proof, document_code, name, content, source, reference, now
) -> Dossier:
    if not dossier.documents.filter(code=document_code).exists():
        raise _refused(
            document_code, _("Thủ tục không có giấy tờ mã %(code)s.") % {"code": document_code}
        )
    if getattr(actor, "pk", None) is None or dossier.owner_id != actor.pk:
        raise _refused(
            document_code, _("Chỉ người nộp đã đăng nhập mới lấy được giấy tờ từ kho dữ liệu.")
        )
    copy = SimpleUploadedFile(name or "giay-to", content)
    with transaction.atomic():
        # update_draft checks the draft's owner, its status, the file's type and size.
        dossier = update_draft(
            dossier, actor=actor, proof=proof, uploads=[Upload(document_code, copy)], now=now
        )
        DossierDocument.objects.filter(dossier=dossier, code=document_code).update(
            reused_from=source, reused_reference=reference[:300]
        )
        record(
            dossier,
            actor=actor,
            action=Action.REUSE_DOCUMENT,
            from_status=dossier.status,
            now=now,
            data={"document": document_code, "from": source, "reference": reference[:300]},
            changed=(),
        )
    return dossier
