"""Is this result authentic and unaltered? pyHanko's validation of the PDF's signature against
the trust roots we configure (`RESULT_TRUST_ROOTS`; the demo CA in the demo).

A result passes when its last signature is intact (the signed bytes hash to what was signed),
valid (the signature verifies with the certificate's key), trusted (the certificate chains to
a configured root) and covers the entire file (nothing was appended after signing).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)

VALID = "valid"
ALTERED = "altered"
UNTRUSTED = "untrusted"
UNSIGNED = "unsigned"
UNREADABLE = "unreadable"
UNKNOWN_CODE = "unknown_code"


def message(status: str) -> str:
    return {
        VALID: _("Văn bản hợp lệ: chữ ký số đúng, văn bản không bị sửa đổi kể từ khi được ký."),
        ALTERED: _(
            "Văn bản đã bị sửa đổi sau khi ký: nội dung không còn khớp với chữ ký số. "
            "Không sử dụng bản này; hãy tải lại bản gốc hoặc liên hệ cơ quan giải quyết."
        ),
        UNTRUSTED: _(
            "Chữ ký số trên văn bản không thuộc cơ quan được tin cậy: văn bản không do hệ "
            "thống một cửa điện tử cấp."
        ),
        UNSIGNED: _("Tệp này không có chữ ký số: không thể xác thực."),
        UNREADABLE: _("Tệp không đọc được như một văn bản PDF."),
        UNKNOWN_CODE: _(
            "Không tìm thấy kết quả nào có mã xác thực này. Hãy kiểm tra lại mã in trên văn bản."
        ),
    }[status]


@dataclass
class Verdict:
    status: str
    signer: str = ""
    signed_at: datetime | None = None
    sha256: str = ""
    details: dict = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return self.status == VALID

    @property
    def message(self) -> str:
        return message(self.status)


def trust_roots() -> list:
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509

    roots = []
    for name in settings.RESULT_TRUST_ROOTS:
        path = Path(name)
        if not path.exists():
            continue
        data = path.read_bytes()
        if pem.detect(data):
            for _type, _headers, der in pem.unarmor(data, multiple=True):
                roots.append(asn1_x509.Certificate.load(der))
        else:
            roots.append(asn1_x509.Certificate.load(data))
    return roots


def verify_pdf(data: bytes) -> Verdict:
    """The verdict on these bytes, as a PDF carrying a result's signature."""
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko_certvalidator import ValidationContext

    sha256 = hashlib.sha256(data).hexdigest()
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError) as exc:
        log.info("unreadable PDF offered for verification: %s", exc)
        # A signed result whose bytes were changed often no longer parses: say altered when
        # it still names a signature, unreadable otherwise.
        status = ALTERED if b"/ByteRange" in data else UNREADABLE
        return Verdict(status, sha256=sha256)
    if not signatures:
        return Verdict(UNSIGNED, sha256=sha256)
    signature = signatures[-1]
    context = ValidationContext(trust_roots=trust_roots(), allow_fetching=False)
    try:
        status = validate_pdf_signature(signature, context)
    except (SignatureValidationError, ValueError, KeyError, TypeError) as exc:
        log.info("signature could not be validated: %s", exc)
        return Verdict(ALTERED, sha256=sha256)
    signer = ""
    if status.signing_cert is not None:
        signer = status.signing_cert.subject.native.get("common_name", "")
    signed_at = signature.self_reported_timestamp
    coverage_whole = status.coverage is not None and status.coverage.name == "ENTIRE_FILE"
    if not (status.intact and status.valid and coverage_whole):
        verdict = ALTERED
    elif not status.trusted:
        verdict = UNTRUSTED
    else:
        verdict = VALID
    return Verdict(verdict, signer=signer, signed_at=signed_at, sha256=sha256)
