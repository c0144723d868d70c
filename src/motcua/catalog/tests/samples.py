"""Small but real files of each kind, built byte by byte for the upload tests."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

ENDOFCHAIN, FREESECT, FATSECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF


def pdf() -> bytes:
    """A one-page PDF with a correct cross-reference table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def png() -> bytes:
    """A 1x1 white PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def jpeg() -> bytes:
    """A decodable 1x1 grey baseline JPEG: one DC and one AC Huffman code, both zero."""

    def segment(marker: int, data: bytes) -> bytes:
        return struct.pack(">BBH", 0xFF, marker, len(data) + 2) + data

    app0 = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    dqt = b"\x00" + bytes([1] * 64)
    sof0 = struct.pack(">BHHB", 8, 1, 1, 1) + b"\x01\x11\x00"
    dht_dc = b"\x00" + bytes([1] + [0] * 15) + b"\x00"
    dht_ac = b"\x10" + bytes([1] + [0] * 15) + b"\x00"
    sos = b"\x01\x01\x00\x00\x3f\x00"
    return (
        b"\xff\xd8"
        + segment(0xE0, app0)
        + segment(0xDB, dqt)
        + segment(0xC0, sof0)
        + segment(0xC4, dht_dc)
        + segment(0xC4, dht_ac)
        + segment(0xDA, sos)
        + b"\x3f"
        + b"\xff\xd9"
    )


def _zip(entries: list[tuple[str, bytes]], *, stored_first: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for position, (name, data) in enumerate(entries):
            compress = (
                zipfile.ZIP_STORED if stored_first and position == 0 else zipfile.ZIP_DEFLATED
            )
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=compress)
    return out.getvalue()


CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
)


def docx() -> bytes:
    body = (
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats'
        '.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Tờ khai</w:t></w:r></w:p>'
        "</w:body></w:document>"
    ).encode()
    return _zip(
        [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", b"<Relationships/>"),
            ("word/document.xml", body),
        ]
    )


def xlsx() -> bytes:
    return _zip(
        [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("xl/workbook.xml", b"<workbook/>"),
            ("xl/worksheets/sheet1.xml", b"<worksheet/>"),
        ]
    )


def odt(mimetype: bytes = b"application/vnd.oasis.opendocument.text") -> bytes:
    return _zip(
        [
            ("mimetype", mimetype),
            ("content.xml", b"<office:document-content/>"),
            ("META-INF/manifest.xml", b"<manifest/>"),
        ],
        stored_first=True,
    )


def plain_zip() -> bytes:
    return _zip([("readme.txt", b"not an office document")])


def _directory_entry(name: str, kind: int, *, child=NOSTREAM, start=ENDOFCHAIN, size=0) -> bytes:
    encoded = (name + "\x00").encode("utf-16-le") if name else b""
    return (
        encoded.ljust(64, b"\x00")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", NOSTREAM, NOSTREAM, child)
        + b"\x00" * 16
        + struct.pack("<I", 0)
        + b"\x00" * 16
        + struct.pack("<IQ", start, size)
    )


def ole(stream: str = "WordDocument", *, directory_loops: bool = False) -> bytes:
    """An OLE compound file (MS-CFB version 3) holding one 4096-byte stream named `stream`:
    sector 0 is the FAT, sector 1 the directory, sectors 2-9 the stream."""
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIII", 0, 1, 1, 0)
        + struct.pack("<IIIII", 4096, ENDOFCHAIN, 0, ENDOFCHAIN, 0)
        + struct.pack("<I", 0)
        + struct.pack("<108I", *([FREESECT] * 108))
    )
    fat = [FATSECT, 1 if directory_loops else ENDOFCHAIN] + [3, 4, 5, 6, 7, 8, 9, ENDOFCHAIN]
    fat_sector = struct.pack("<128I", *(fat + [FREESECT] * (128 - len(fat))))
    directory = (
        _directory_entry("Root Entry", 5, child=1)
        + _directory_entry(stream, 2, start=2, size=4096)
        + _directory_entry("", 0)
        + _directory_entry("", 0)
    )
    return header + fat_sector + directory + b"\x00" * 4096
