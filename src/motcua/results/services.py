"""Making and signing a dossier's result documents.

`sign_results(dossier, sign=..., source=...)` makes the PDF of every result document not yet
signed, has it signed by `sign(pdf_bytes) -> signed_bytes` (a key source of
`integrations/signing`), and keeps it: the signed PDF becomes the document's file (the one the
applicant downloads and the national portal links to), with its verification code, an audit
event on the dossier's chain and an outbox event, in one transaction per document.

Idempotent: a document already signed is skipped, and if two workers sign the same document
at once the second one's PDF is discarded under the dossier's row lock. Signing happens before
the transaction (a remote gateway may be slow); if it fails, nothing is written and the outbox
retries — the decision itself was committed long before.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from motcua.dossiers.choices import Action, FilePurpose
from motcua.dossiers.models import Dossier, DossierFile, ResultDocument
from motcua.events.services import AUDIT_HEAD_FIELDS, append_audit, emit
from motcua.results import codes, policies, verification
from motcua.results.models import SignedResult, new_link_nonce
from motcua.results.pdf import result_pdf


def sign_results(
    dossier: Dossier,
    *,
    sign: Callable[[bytes], bytes],
    source: str,
    actor=None,
    now=None,
) -> list[SignedResult]:
    now = now or timezone.now()
    policies.check_may_sign(actor, dossier)
    made = []
    pending = (
        ResultDocument.objects.filter(dossier=dossier, signed__isnull=True)
        .select_related("dossier", "dossier__receiving_agency", "dossier__procedure")
        .order_by("pk")
    )
    for document in pending:
        code = _free_code()
        signed_pdf = sign(result_pdf(document, code=code))
        verdict = verification.verify_pdf(signed_pdf)
        if not verdict.valid:
            # A key our own trust roots do not accept (or a broken signer): keep nothing.
            raise RuntimeError(f"signed result does not verify: {verdict.status}")
        result = _keep(document, code, signed_pdf, verdict, source=source, actor=actor, now=now)
        if result is not None:
            made.append(result)
    return made


def _free_code() -> str:
    while True:
        code = codes.new_code()
        if not SignedResult.objects.filter(code=code).exists():
            return code


def _keep(document, code, signed_pdf, verdict, *, source, actor, now) -> SignedResult | None:
    with transaction.atomic():
        dossier = Dossier.objects.select_for_update().get(pk=document.dossier_id)
        if SignedResult.objects.filter(document=document).exists():
            return None  # another worker signed it meanwhile
        name = f"ket-qua-{dossier.code or dossier.pk}-{document.pk}.pdf"
        sha256 = hashlib.sha256(signed_pdf).hexdigest()
        stored = DossierFile(
            dossier=dossier,
            purpose=FilePurpose.RESULT,
            original_name=name,
            content_type="application/pdf",
            size=len(signed_pdf),
            sha256=sha256,
            uploaded_at=now,
            uploaded_by=actor if getattr(actor, "pk", None) else None,
        )
        stored.file.save(name, ContentFile(signed_pdf, name=name), save=False)
        stored.save()
        replaced = document.file_id
        ResultDocument.objects.filter(pk=document.pk).update(file=stored)
        result = SignedResult.objects.create(
            document=document,
            dossier=dossier,
            code=code,
            file=stored,
            signer_name=verdict.signer[:300],
            source=source,
            signed_at=now,
        )
        data = {
            "code": code,
            "document": document.number,
            "source": source,
            "signer": verdict.signer,
            "sha256": sha256,
            "size": len(signed_pdf),
            "replaced_file": replaced,
        }
        append_audit(
            dossier,
            actor=actor,
            action=Action.RESULT_SIGN,
            from_status=dossier.status,
            to_status=dossier.status,
            data=data,
            now=now,
        )
        dossier.save(update_fields=list(AUDIT_HEAD_FIELDS))
        emit(
            f"dossier.{Action.RESULT_SIGN}",
            subject=dossier.code or f"#{dossier.pk}",
            dossier=dossier,
            payload={"code": dossier.code, "status": dossier.status, "at": now.isoformat(), **data},
            now=now,
        )
    return result


def renew_public_link(result: SignedResult, *, actor, now=None) -> SignedResult:
    """Revoke the result's public download link (a leaked one stops working at once) and
    issue a new one: an audit event on the dossier's chain and an outbox event in the same
    transaction (the national portal's sync sends the new link)."""
    now = now or timezone.now()
    with transaction.atomic():
        dossier = (
            Dossier.objects.select_for_update()
            .select_related("receiving_agency", "responsible_agency")
            .get(pk=result.dossier_id)
        )
        policies.check_may_renew_link(actor, dossier)
        result = SignedResult.objects.select_for_update().get(pk=result.pk)
        result.link_nonce = new_link_nonce()
        result.link_renewed_at = now
        result.save(update_fields=["link_nonce", "link_renewed_at"])
        data = {"code": result.code, "document": result.document.number}
        append_audit(
            dossier,
            actor=actor,
            action=Action.RESULT_LINK_RENEW,
            from_status=dossier.status,
            to_status=dossier.status,
            data=data,
            now=now,
        )
        dossier.save(update_fields=list(AUDIT_HEAD_FIELDS))
        emit(
            f"dossier.{Action.RESULT_LINK_RENEW}",
            subject=dossier.code or f"#{dossier.pk}",
            dossier=dossier,
            payload={"code": dossier.code, "status": dossier.status, "at": now.isoformat(), **data},
            now=now,
        )
    return result
