"""Small, valid one-page PDF files made in memory, standing in for scanned documents.

Each carries a title and a few lines (folded to ASCII: the standard Helvetica font has no
Vietnamese glyphs), so each file has its own content and hash. The cross-reference table
holds the real byte offsets, so any PDF reader opens them.
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.lib.text import fold


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_bytes(title: str, lines: list[str] = ()) -> bytes:
    text = [fold(title).upper()[:90], *(fold(line)[:95] for line in lines)]
    stream_lines = ["BT", "/F1 13 Tf", "56 780 Td", f"({_escape(text[0])}) Tj", "/F1 10 Tf"]
    for line in text[1:]:
        stream_lines += ["0 -18 Td", f"({_escape(line)}) Tj"]
    stream_lines.append("ET")
    stream = "\n".join(stream_lines).encode("ascii", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def pdf_upload(filename: str, title: str, lines: list[str] = ()) -> SimpleUploadedFile:
    return SimpleUploadedFile(filename, pdf_bytes(title, lines), content_type="application/pdf")
