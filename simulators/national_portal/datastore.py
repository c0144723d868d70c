"""The citizens' personal data store (kho dữ liệu cá nhân) and its share call:

    LayGiayToKhoDuLieu  data {"SoDinhDanh": "<12 digits>"}
      -> {"error_code": 0, "data": [{"MaGiayTo", "TenGiayTo", "TenTep", "DuongDan",
                                     "HashTepTin": "sha256:<hex>", "NgayCap"}…]}

Documents are added by the control API (`POST /control/api/personal-documents`); with
SIM_DEMO_DOCUMENTS=1 (the demo's Procfile) the demo citizen's store starts with two documents.
"""

from __future__ import annotations

import hashlib
import os
import uuid

from django.conf import settings

from .models import PersonalDocument, StoredFile

# The demo's citizen account (Motcua's demo: congdan, 001090012345).
DEMO_DOCUMENTS = {
    "001090012345": [
        ("Giấy khai sinh (bản điện tử)", "giay-khai-sinh.pdf", "19900517"),
        ("Giấy chứng nhận quyền sử dụng đất (bản sao điện tử)", "gcn-qsdd.pdf", "20150310"),
    ]
}


def _pdf(title: str) -> bytes:
    """A one-page PDF naming the document (the demo's stand-in for the real scan)."""
    text = title.encode("ascii", "replace").decode()
    stream = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def add(
    personal_id: str, title: str, name: str, content: bytes, issued_on: str = ""
) -> PersonalDocument:
    stored = StoredFile.objects.create(
        id=uuid.uuid4().hex,
        submission=None,
        title=title,
        name=name,
        content_type="application/pdf"
        if name.lower().endswith(".pdf")
        else "application/octet-stream",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
    )
    return PersonalDocument.objects.create(
        code="KDL-" + uuid.uuid4().hex[:12].upper(),
        personal_id=personal_id,
        title=title,
        file=stored,
        issued_on=issued_on,
    )


def _seed_demo(personal_id: str) -> None:
    if os.environ.get("SIM_DEMO_DOCUMENTS") != "1" or personal_id not in DEMO_DOCUMENTS:
        return
    if PersonalDocument.objects.filter(personal_id=personal_id).exists():
        return
    for title, name, issued_on in DEMO_DOCUMENTS[personal_id]:
        add(personal_id, title, name, _pdf(title), issued_on)


def as_dict(document: PersonalDocument) -> dict:
    base_url = settings.SIM_PUBLIC_URL.rstrip("/")
    return {
        "MaGiayTo": document.code,
        "TenGiayTo": document.title,
        "TenTep": document.file.name,
        "DuongDan": f"{base_url}/files/{document.file_id}",
        "HashTepTin": f"sha256:{document.file.sha256}",
        "NgayCap": document.issued_on,
    }


def share(data: dict) -> dict:
    personal_id = str(data.get("SoDinhDanh") or "")
    if len(personal_id) != 12 or not personal_id.isdigit():
        return {"error_code": 1, "message": "SoDinhDanh phải gồm 12 chữ số."}
    _seed_demo(personal_id)
    documents = PersonalDocument.objects.filter(personal_id=personal_id).select_related("file")
    return {"error_code": 0, "data": [as_dict(d) for d in documents]}
