import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.catalog.models import RequiredDocument
from motcua.catalog.tests import samples
from motcua.catalog.tests.factories import RequiredDocumentFactory
from motcua.lib.uploads import (
    DOCUMENT_KINDS,
    FORM_TEMPLATE_KINDS,
    UploadValidator,
    safe_filename,
    sniff,
)


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (samples.pdf(), "pdf"),
        (samples.png(), "png"),
        (samples.jpeg(), "jpeg"),
        (samples.docx(), "docx"),
        (samples.xlsx(), "xlsx"),
        (samples.odt(), "odt"),
        (samples.odt(b"application/vnd.oasis.opendocument.spreadsheet"), "ods"),
        (samples.ole("WordDocument"), "doc"),
        (samples.ole("Workbook"), "xls"),
    ],
)
def test_each_kind_is_recognised_from_its_content(content, kind):
    assert sniff(io.BytesIO(content)) == kind


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"<html><script>alert(1)</script></html>",
        b"MZ\x90\x00\x03\x00\x00\x00 a Windows program",
        b"PK\x03\x04 not really a zip",
        samples.plain_zip(),
        samples.odt(b"application/x-unknown"),
        samples.ole("Contents"),
        samples.ole("WordDocument")[:300],
        samples.ole("WordDocument", directory_loops=True),
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\xff" * 600,
    ],
    ids=[
        "empty",
        "html",
        "exe",
        "fake-zip",
        "plain-zip",
        "odf-unknown",
        "ole-other",
        "ole-truncated",
        "ole-loop",
        "ole-garbage",
    ],
)
def test_anything_else_is_not_recognised(content):
    assert sniff(io.BytesIO(content)) is None


def test_sniffing_restores_the_file_position():
    stream = io.BytesIO(samples.docx())
    stream.seek(7)
    sniff(stream)
    assert stream.tell() == 7


def test_a_docx_missing_its_document_part_is_not_a_docx():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", samples.CONTENT_TYPES)
    assert sniff(io.BytesIO(out.getvalue())) is None


def upload(name, content, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_the_validator_trusts_the_content_not_the_name_or_the_browser():
    validator = UploadValidator(FORM_TEMPLATE_KINDS)
    validator(upload("to-khai.docx", samples.pdf(), "application/msword"))  # a PDF: fine
    with pytest.raises(ValidationError) as caught:
        validator(upload("to-khai.pdf", b"<html>not a pdf</html>", "application/pdf"))
    assert caught.value.messages == [
        "Tệp không đúng loại cho phép; chỉ nhận tệp PDF, DOC, DOCX, XLSX, ODT."
    ]
    assert caught.value.code == "file_kind"


def test_the_allowed_kinds_are_a_parameter():
    images = UploadValidator(["png", "jpeg"])
    images(upload("anh.png", samples.png()))
    with pytest.raises(ValidationError):
        images(upload("anh.pdf", samples.pdf()))
    UploadValidator(DOCUMENT_KINDS)(upload("anh.jpg", samples.jpeg()))
    with pytest.raises(ValueError):
        UploadValidator(["exe"])


def test_the_size_cap_comes_from_settings(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    big = samples.pdf().ljust(2560, b"%")
    with pytest.raises(ValidationError) as caught:
        UploadValidator(["pdf"])(upload("lon.pdf", big))
    assert caught.value.messages == ["Tệp quá lớn (2,5 KB): dung lượng tối đa là 1 KB."]
    UploadValidator(["pdf"], max_bytes=10_000)(upload("lon.pdf", big))


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as caught:
        UploadValidator(["pdf"])(upload("rong.pdf", b""))
    assert caught.value.code == "empty_file"


@pytest.mark.django_db
def test_a_form_template_is_checked_and_stored_under_a_safe_name(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = RequiredDocumentFactory.build(case=RequiredDocumentFactory().case)
    document.form_file = upload("Tờ khai đăng ký (mẫu 01).PDF", samples.pdf())
    document.full_clean()
    document.save()
    assert document.form_file.name == "catalog/forms/To-khai-dang-ky-mau-01.pdf"
    # A stored file is not re-read on every later clean.
    RequiredDocument.objects.get(pk=document.pk).full_clean()


@pytest.mark.django_db
def test_a_form_template_of_the_wrong_kind_is_a_field_error():
    document = RequiredDocumentFactory.build(case=RequiredDocumentFactory().case)
    document.form_file = upload("mau.docx", samples.png(), "application/vnd.ms-word")
    with pytest.raises(ValidationError) as caught:
        document.full_clean()
    assert list(caught.value.message_dict) == ["form_file"]


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("Tờ khai đăng ký.pdf", "To-khai-dang-ky.pdf"),
        ("ĐƠN ĐỀ NGHỊ.DOCX", "DON-DE-NGHI.docx"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\Hoa\\Ảnh chụp.JPEG", "Anh-chup.jpeg"),
        ("<script>alert(1)</script>.pdf", "script.pdf"),
        ("tên <b>đẹp</b>!.pdf", "b.pdf"),
        ("hồ sơ: bản #1 (chính).pdf", "ho-so-ban-1-chinh.pdf"),
        ("a\x00b;rm -rf.pdf", "a-b-rm-rf.pdf"),
        (".htaccess", "tep.htaccess"),
        ("CON.txt", "CON-tep.txt"),
        ("", "tep"),
        ("???.pdf", "tep.pdf"),
        ("bao-cao.tar.gz", "bao-cao-tar.gz"),
    ],
)
def test_file_names_are_folded_to_safe_ascii(name, safe):
    assert safe_filename(name) == safe


def test_long_file_names_are_cut_keeping_the_extension():
    name = safe_filename("Giấy phép xây dựng " * 20 + ".pdf", max_length=40)
    assert len(name) <= 40
    assert name.endswith(".pdf")
    assert name.startswith("Giay-phep-xay-dung")
