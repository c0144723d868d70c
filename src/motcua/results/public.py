"""Public verification, shared by the portal page and the API: by the code printed on a
result, or by the PDF itself. What it tells is what the result shows on its face (title,
number, procedure, agency, who signed and when) and nothing else of the dossier."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from motcua.dossiers.errors import DossierError
from motcua.lib import uploads
from motcua.results import codes, selectors, verification
from motcua.results.verification import Verdict


def _describe(verdict: Verdict, result) -> Verdict:
    if result is None:
        return verdict
    dossier = result.dossier
    snapshot = dossier.procedure_snapshot or {}
    verdict.details = {
        "code": result.code,
        "title": result.document.title,
        "number": result.document.number,
        "signed_on": result.document.signed_on,
        "procedure": (snapshot.get("procedure") or {}).get("name") or dossier.procedure.name,
        "agency": dossier.receiving_agency.name,
        "signed_at": result.signed_at,
    }
    return verdict


def verify_code(code: str) -> Verdict:
    code = codes.normalise(code)
    if not code:
        raise DossierError(_("Hãy nhập mã xác thực in trên văn bản."), field="code")
    result = selectors.by_code(code)
    if result is None:
        return Verdict(verification.UNKNOWN_CODE)
    with result.file.file.open("rb") as handle:
        data = handle.read()
    return _describe(verification.verify_pdf(data), result)


def verify_upload(uploaded) -> Verdict:
    """`uploaded`: a Django UploadedFile. Refused (DossierError on `file`) when too large,
    empty or not a PDF by its content."""
    validator = uploads.UploadValidator(("pdf",), max_bytes=settings.RESULT_VERIFY_MAX_BYTES)
    try:
        validator(uploaded)
    except ValidationError as exc:
        raise DossierError(exc.messages[0], field="file") from exc
    uploaded.seek(0)
    data = uploaded.read()
    verdict = verification.verify_pdf(data)
    if verdict.valid:
        _describe(verdict, selectors.by_sha256(verdict.sha256))
    return verdict
