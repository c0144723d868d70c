"""Where the key is: one interface, `KeySource.sign_pdf(pdf, agency=...) -> signed pdf`.

`RESULT_SIGNING_SOURCE` picks one (docs/results.md):

- `pkcs12`: a PKCS#12 file per agency under `RESULT_SIGNING_DIR` (`<agency code>.p12`, else
  `default.p12`), opened with `RESULT_SIGNING_PKCS12_PASSPHRASE` (from the environment,
  never stored). With `RESULT_SIGNING_DEMO_CA` on (the demo), a missing file is issued by the
  demo CA (`demo_ca.py`).
- `pkcs11`: a hardware token or HSM. Not supported by this build (python-pkcs11 is not a
  dependency): `check_configuration()` refuses it at start-up rather than pretend.
- `remote`: the national remote-signing gateway (`client.py`).
"""

from __future__ import annotations

import asyncio
import ipaddress
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from asn1crypto import cms as asn1_cms
from asn1crypto import x509 as asn1_x509
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.pdf_signer import PdfTBSDocument
from pyhanko_certvalidator.registry import SimpleCertificateStore

from motcua.integrations.signing import demo_ca
from motcua.integrations.signing.client import RemoteSigningClient

FIELD_NAME = "ChuKyKetQua"
SOURCES = ("pkcs12", "pkcs11", "remote")


def _meta(agency_name: str) -> signers.PdfSignatureMetadata:
    return signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason="Ký số kết quả giải quyết thủ tục hành chính",
        location=agency_name,
    )


class Pkcs12Source:
    name = "pkcs12"

    def __init__(self, directory: Path | None = None, passphrase: str | None = None):
        self.directory = Path(directory or settings.RESULT_SIGNING_DIR)
        self.passphrase = (
            passphrase if passphrase is not None else settings.RESULT_SIGNING_PKCS12_PASSPHRASE
        )

    def key_file(self, agency) -> Path:
        own = self.directory / f"{agency.code}.p12"
        if own.exists():
            return own
        default = self.directory / "default.p12"
        if default.exists() or not settings.RESULT_SIGNING_DEMO_CA:
            return default
        return demo_ca.issue_pkcs12(
            self.directory,
            "default.p12",
            common_name="Ủy ban nhân dân thành phố Hà Nội (demo)",
            organisation="Motcua demo",
            passphrase=self.passphrase,
        )

    def sign_pdf(self, pdf: bytes, *, agency) -> bytes:
        path = self.key_file(agency)
        if not path.exists():
            raise ImproperlyConfigured(f"no PKCS#12 file for agency {agency.code}: {path}")
        signer = signers.SimpleSigner.load_pkcs12(
            str(path), passphrase=self.passphrase.encode() or None
        )
        if signer is None:
            raise ImproperlyConfigured(f"PKCS#12 file {path} could not be opened")
        writer = IncrementalPdfFileWriter(BytesIO(pdf))
        out = signers.PdfSigner(_meta(agency.name), signer=signer).sign_pdf(writer)
        return out.getvalue()


class RemoteSource:
    name = "remote"

    def __init__(self, client: RemoteSigningClient | None = None):
        self.client = client or RemoteSigningClient()

    def sign_pdf(self, pdf: bytes, *, agency) -> bytes:
        return asyncio.run(self._sign(pdf, agency))

    async def _sign(self, pdf: bytes, agency) -> bytes:
        chain = [asn1_x509.Certificate.load(der) for der in self.client.certificates()]
        placeholder = signers.ExternalSigner(
            signing_cert=chain[0],
            cert_registry=SimpleCertificateStore.from_certs(chain[1:]),
            signature_value=256,
        )
        writer = IncrementalPdfFileWriter(BytesIO(pdf))
        pdf_signer = signers.PdfSigner(_meta(agency.name), signer=placeholder)
        prepared, _tbs, output = await pdf_signer.async_digest_doc_for_signing(
            writer, bytes_reserved=16384
        )
        cms = asn1_cms.ContentInfo.load(self.client.sign_digest(prepared.document_digest))
        await PdfTBSDocument.async_finish_signing(output, prepared, cms)
        return output.getvalue()


def check_configuration() -> None:
    """Refuse at start-up a source this build cannot use."""
    source = settings.RESULT_SIGNING_SOURCE
    if source not in ("", *SOURCES):
        raise ImproperlyConfigured(f"RESULT_SIGNING_SOURCE={source!r}: one of {SOURCES} or empty")
    if source == "pkcs11":
        raise ImproperlyConfigured(
            "RESULT_SIGNING_SOURCE=pkcs11 is not supported by this build (no PKCS#11 library "
            "is installed); use pkcs12 or remote (docs/results.md)"
        )
    if source == "remote" and not settings.RESULT_SIGNING_REMOTE_URL:
        raise ImproperlyConfigured("RESULT_SIGNING_SOURCE=remote needs RESULT_SIGNING_REMOTE_URL")
    if (
        source == "remote"
        and not settings.DEBUG
        and not settings.RESULT_SIGNING_REMOTE_URL.startswith("https://")
        and not _on_this_machine(settings.RESULT_SIGNING_REMOTE_URL)
    ):
        raise ImproperlyConfigured(
            "RESULT_SIGNING_REMOTE_URL must be https:// outside DEBUG (plain http only to a "
            "loopback address, which never leaves this machine)"
        )


def _on_this_machine(url: str) -> bool:
    """Whether `url` names a loopback address (127.0.0.0/8, ::1, localhost)."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def key_source():
    check_configuration()
    source = settings.RESULT_SIGNING_SOURCE
    if source == "pkcs12":
        return Pkcs12Source()
    if source == "remote":
        return RemoteSource()
    return None
