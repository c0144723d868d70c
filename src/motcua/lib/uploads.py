"""Uploaded files: what they really are, how big they may be, and what to call them.

A file's name and the browser's Content-Type are whatever the sender chose, so neither is
trusted: the kind is read from the content's magic bytes, and for container formats from
inside the container (the entries of a zip, the streams of an OLE compound file). Names are
folded to plain ASCII ("Tờ khai đăng ký.pdf" -> "To-khai-dang-ky.pdf") with any directory part
and risky character removed, because they end up in paths, headers and archives.

`UploadValidator(kinds=...)` puts the two checks on a FileField or a form field; the allowed
kinds are a parameter so dossier attachments and form templates share the code.
"""

from __future__ import annotations

import re
import struct
import unicodedata
import zipfile
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

# kind -> (label shown to people, canonical extension, MIME type)
KINDS: dict[str, tuple[str, str, str]] = {
    "pdf": ("PDF", "pdf", "application/pdf"),
    "png": ("PNG", "png", "image/png"),
    "jpeg": ("JPEG", "jpg", "image/jpeg"),
    "doc": ("DOC", "doc", "application/msword"),
    "xls": ("XLS", "xls", "application/vnd.ms-excel"),
    "docx": (
        "DOCX",
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": ("XLSX", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "odt": ("ODT", "odt", "application/vnd.oasis.opendocument.text"),
    "ods": ("ODS", "ods", "application/vnd.oasis.opendocument.spreadsheet"),
}
FORM_TEMPLATE_KINDS = ("pdf", "doc", "docx", "xlsx", "odt")
# Kinds that are zip archives inside, checked for what they would unpack to (`archive_problem`).
ZIP_KINDS = ("docx", "xlsx", "odt", "ods")
DOCUMENT_KINDS = ("pdf", "png", "jpeg", "doc", "docx", "xlsx", "odt")

_PDF = b"%PDF-"
_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_END_OF_CHAIN = 0xFFFFFFFE
_MAX_SECTORS_WALKED = 4096
_RESERVED_NAMES = {"con", "prn", "aux", "nul"} | {
    f"{p}{n}" for p in ("com", "lpt") for n in range(10)
}


# --- what a file is ------------------------------------------------------------------------


def sniff(fileobj: IO[bytes]) -> str | None:
    """The kind of a file (a key of KINDS) from its content, or None when it is none of them.
    The file must be seekable; its position is restored."""
    position = fileobj.tell()
    try:
        fileobj.seek(0)
        head = fileobj.read(8)
        if head.startswith(_PDF):
            return "pdf"
        if head.startswith(_PNG):
            return "png"
        if head.startswith(_JPEG):
            return "jpeg"
        if head.startswith(_ZIP):
            return _sniff_zip(fileobj)
        if head.startswith(_OLE):
            return _sniff_ole(fileobj)
        return None
    finally:
        fileobj.seek(position)


def _sniff_zip(fileobj: IO[bytes]) -> str | None:
    """DOCX and XLSX are zips with a content-types part and their main part; ODF files
    start with a `mimetype` entry naming the document type."""
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return "docx"
                if "xl/workbook.xml" in names:
                    return "xlsx"
                return None
            if "mimetype" in names:
                with archive.open("mimetype") as entry:
                    mimetype = entry.read(100).strip()
                return {
                    b"application/vnd.oasis.opendocument.text": "odt",
                    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
                }.get(mimetype)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, KeyError, ValueError):
        return None
    return None


def _sniff_ole(fileobj: IO[bytes]) -> str | None:
    """A Word 97-2003 document is an OLE compound file with a `WordDocument` stream; an
    Excel one has a `Workbook` (or `Book`) stream. Anything else in OLE is refused."""
    try:
        names = _ole_stream_names(fileobj)
    except (struct.error, ValueError, OSError):
        return None
    if "WordDocument" in names:
        return "doc"
    if "Workbook" in names or "Book" in names:
        return "xls"
    return None


def _ole_stream_names(fileobj: IO[bytes]) -> set[str]:
    """Names of the streams in an OLE compound file's directory (MS-CFB), reading only the
    header, the FAT entries of the directory chain and the directory sectors."""
    fileobj.seek(0)
    header = fileobj.read(512)
    if len(header) < 512:
        raise ValueError("short header")
    sector_shift = struct.unpack_from("<H", header, 0x1E)[0]
    if sector_shift not in (9, 12):
        raise ValueError("bad sector size")
    sector_size = 1 << sector_shift
    first_directory = struct.unpack_from("<I", header, 0x30)[0]
    first_difat, difat_count = struct.unpack_from("<II", header, 0x44)
    difat = list(struct.unpack_from("<109I", header, 0x4C))
    entries_per_sector = sector_size // 4

    def read_sector(number: int) -> bytes:
        fileobj.seek((number + 1) * sector_size)
        data = fileobj.read(sector_size)
        if len(data) < sector_size:
            raise ValueError("truncated sector")
        return data

    def fat_sector_location(index: int) -> int:
        if index < 109:
            return difat[index]
        index -= 109
        sector, per_difat = first_difat, entries_per_sector - 1
        for _step in range(min(difat_count, _MAX_SECTORS_WALKED)):
            data = read_sector(sector)
            if index < per_difat:
                return struct.unpack_from("<I", data, index * 4)[0]
            index -= per_difat
            sector = struct.unpack_from("<I", data, per_difat * 4)[0]
        raise ValueError("FAT sector beyond DIFAT")

    def next_sector(number: int) -> int:
        location = fat_sector_location(number // entries_per_sector)
        fileobj.seek((location + 1) * sector_size + (number % entries_per_sector) * 4)
        raw = fileobj.read(4)
        if len(raw) < 4:
            raise ValueError("truncated FAT")
        return struct.unpack("<I", raw)[0]

    names: set[str] = set()
    sector, visited = first_directory, set()
    while sector != _END_OF_CHAIN and len(visited) < _MAX_SECTORS_WALKED:
        if sector in visited or sector > 0xFFFFFFFA:
            raise ValueError("bad directory chain")
        visited.add(sector)
        data = read_sector(sector)
        for offset in range(0, sector_size, 128):
            name_length = struct.unpack_from("<H", data, offset + 64)[0]
            object_type = data[offset + 66]
            if object_type == 2 and 2 <= name_length <= 64:
                names.add(data[offset : offset + name_length - 2].decode("utf-16-le", "replace"))
        sector = next_sector(sector)
    return names


# --- what an archive would unpack to --------------------------------------------------------

# A member this small is never refused for its ratio: short repetitive XML compresses well.
_RATIO_FLOOR_BYTES = 1024 * 1024


def archive_problem(fileobj: IO[bytes]) -> str | None:
    """Why the zip archive `fileobj` (a .docx, .xlsx, .odt or plain .zip) must be refused, or
    None. Whoever opens it (an official's office suite, a converter, an indexer) unpacks what
    its directory declares, so a few megabytes can unpack to gigabytes: refused when the
    declared sizes add up to more than UPLOAD_ARCHIVE_MAX_BYTES, when one member would grow
    more than UPLOAD_ARCHIVE_MAX_RATIO times, or when it holds more than
    UPLOAD_ARCHIVE_MAX_MEMBERS members. Only the directory is read, nothing is unpacked."""
    position = fileobj.tell()
    try:
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return _("Tệp nén bị hỏng, không đọc được.")
    finally:
        fileobj.seek(position)
    if len(members) > settings.UPLOAD_ARCHIVE_MAX_MEMBERS:
        return _("Tệp chứa quá nhiều thành phần (%(count)d; tối đa %(limit)d).") % {
            "count": len(members),
            "limit": settings.UPLOAD_ARCHIVE_MAX_MEMBERS,
        }
    total = sum(member.file_size for member in members)
    if total > settings.UPLOAD_ARCHIVE_MAX_BYTES:
        return _("Tệp khi giải nén sẽ chiếm %(size)s, vượt mức tối đa %(limit)s: không nhận.") % {
            "size": format_size(total),
            "limit": format_size(settings.UPLOAD_ARCHIVE_MAX_BYTES),
        }
    for member in members:
        if member.file_size <= _RATIO_FLOOR_BYTES:
            continue
        if member.file_size > settings.UPLOAD_ARCHIVE_MAX_RATIO * max(member.compress_size, 1):
            return _(
                "Tệp có thành phần nén bất thường (giải nén lớn gấp hơn %(ratio)d lần): không nhận."
            ) % {"ratio": settings.UPLOAD_ARCHIVE_MAX_RATIO}
    return None


# --- what a file may be --------------------------------------------------------------------


def upload_max_bytes() -> int:
    return settings.UPLOAD_MAX_BYTES


def format_size(size: int) -> str:
    """A size for people, in MB or KB with a decimal comma."""
    if size >= 1024 * 1024:
        text = f"{size / (1024 * 1024):.1f}".removesuffix(".0")
        return f"{text.replace('.', ',')} MB"
    text = f"{size / 1024:.1f}".removesuffix(".0")
    return f"{text.replace('.', ',')} KB"


def kinds_label(kinds: tuple[str, ...] | list[str]) -> str:
    return ", ".join(KINDS[kind][0] for kind in kinds)


@deconstructible
class UploadValidator:
    """Refuses a file whose content is not one of `kinds` or which is larger than
    `max_bytes` (default: settings.UPLOAD_MAX_BYTES, read when validating).

    On a model FileField it checks new uploads only: a file already in storage was checked
    when it arrived, and re-reading it on every save would cost a storage round trip.
    """

    def __init__(self, kinds: tuple[str, ...] | list[str], max_bytes: int | None = None):
        unknown = [kind for kind in kinds if kind not in KINDS]
        if unknown:
            raise ValueError(f"unknown file kinds: {unknown}")
        self.kinds = tuple(kinds)
        self.max_bytes = max_bytes

    def __call__(self, value: Any) -> None:
        if getattr(value, "_committed", False):
            return
        limit = self.max_bytes if self.max_bytes is not None else upload_max_bytes()
        size = getattr(value, "size", None)
        if size is not None and size > limit:
            raise ValidationError(
                _("Tệp quá lớn (%(size)s): dung lượng tối đa là %(limit)s.")
                % {"size": format_size(size), "limit": format_size(limit)},
                code="file_too_large",
            )
        if size == 0:
            raise ValidationError(_("Tệp rỗng, không có nội dung."), code="empty_file")
        fileobj = getattr(value, "file", value)
        kind = sniff(fileobj)
        if kind not in self.kinds:
            raise ValidationError(
                _("Tệp không đúng loại cho phép; chỉ nhận tệp %(kinds)s.")
                % {"kinds": kinds_label(self.kinds)},
                code="file_kind",
            )
        if kind in ZIP_KINDS and (problem := archive_problem(fileobj)):
            raise ValidationError(problem, code="archive_too_large")

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, UploadValidator)
            and self.kinds == other.kinds
            and self.max_bytes == other.max_bytes
        )

    def __hash__(self) -> int:
        return hash((self.kinds, self.max_bytes))


# --- what to call it -----------------------------------------------------------------------


def safe_filename(name: str, *, max_length: int = 100, default: str = "tep") -> str:
    """A file name safe for any storage and header: the last path part of `name`, Vietnamese
    letters folded to ASCII, runs of anything but letters, digits, _ and - turned into one
    -, no leading dot, the extension lower-cased, at most `max_length` characters."""
    base = str(name).replace("\\", "/").rsplit("/", 1)[-1]
    base = base.replace("đ", "d").replace("Đ", "D")
    base = unicodedata.normalize("NFKD", base)
    base = "".join(ch for ch in base if not unicodedata.combining(ch))
    base = base.encode("ascii", "ignore").decode("ascii")
    stem, dot, extension = base.rpartition(".")
    if not dot:
        stem, extension = base, ""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem)
    stem = re.sub(r"-{2,}", "-", stem).strip("-_")
    extension = re.sub(r"[^A-Za-z0-9]", "", extension).lower()[:10]
    if not stem:
        stem = default
    if stem.lower() in _RESERVED_NAMES:
        stem = f"{stem}-{default}"
    room = max_length - (len(extension) + 1 if extension else 0)
    stem = stem[: max(room, 1)].rstrip("-_") or default[: max(room, 1)]
    return f"{stem}.{extension}" if extension else stem


@deconstructible
class SafeUploadTo:
    """`upload_to` for a FileField: `<prefix>/<safe file name>`; storage adds a suffix when a
    name is taken."""

    def __init__(self, prefix: str):
        self.prefix = prefix.strip("/")

    def __call__(self, instance: Any, filename: str) -> str:
        return f"{self.prefix}/{safe_filename(filename)}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SafeUploadTo) and self.prefix == other.prefix

    def __hash__(self) -> int:
        return hash(self.prefix)
