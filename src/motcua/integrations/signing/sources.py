"""Where the key is: one interface, `KeySource.sign_pdf(pdf, agency=...) -> signed pdf`.

`RESULT_SIGNING_SOURCE` picks one (docs/results.md):

- `pkcs12`: a PKCS#12 file per agency under `RESULT_SIGNING_DIR` (`<agency code>.p12`, else
  `default.p12`), opened with the agency's own passphrase (the file `<agency code>.passphrase`
  in `RESULT_SIGNING_SECRETS_DIR`, a directory of secret files such as systemd credentials or
  Docker secrets), else `RESULT_SIGNING_PKCS12_PASSPHRASE` (from the environment, never
  stored). With `RESULT_SIGNING_DEMO_CA` on (the demo), a missing file is issued by the demo CA
  (`demo_ca.py`).
- `pkcs11`: a hardware token or HSM through its PKCS#11 module (pyHanko over python-pkcs11):
  the token `RESULT_SIGNING_PKCS11_TOKEN_LABEL`, the agency's key and certificate labelled with
  the agency's code when the token holds one, else `RESULT_SIGNING_PKCS11_KEY_LABEL` /
  `RESULT_SIGNING_PKCS11_CERT_LABEL`; the user PIN from `RESULT_SIGNING_PKCS11_PIN` (or the
  agency's `<agency code>.pin` secret file).
- `remote`: the national remote-signing gateway (`client.py`).
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
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
# An agency code usable as a file name or a label as it is (no path separators, no leading dot).
SAFE_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def _own_name(agency) -> str | None:
    """The agency's code when it can name its own key file, secret file or token label."""
    code = getattr(agency, "code", "") or ""
    return code if SAFE_CODE.match(code) else None


def agency_secret(agency_or_name, suffix: str, default: str) -> str:
    """The secret in `RESULT_SIGNING_SECRETS_DIR/<name>.<suffix>` (its first line, stripped)
    when that file exists, else `default`. `agency_or_name`: an agency (named by its code) or
    the stem of a key file."""
    directory = settings.RESULT_SIGNING_SECRETS_DIR
    name = agency_or_name if isinstance(agency_or_name, str) else _own_name(agency_or_name)
    if not directory or not name:
        return default
    path = Path(directory) / f"{name}.{suffix}"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return default
    except OSError as exc:
        raise ImproperlyConfigured(f"secret file {path} cannot be read: {exc}") from exc
    return text.strip()


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
        name = _own_name(agency)
        own = self.directory / f"{name}.p12" if name else None
        if own is not None and own.exists():
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

    def passphrase_for(self, path: Path) -> str:
        """The key file's own passphrase (`<stem>.passphrase` in RESULT_SIGNING_SECRETS_DIR),
        else the one given or configured for all."""
        return agency_secret(path.stem, "passphrase", self.passphrase)

    def sign_pdf(self, pdf: bytes, *, agency) -> bytes:
        path = self.key_file(agency)
        if not path.exists():
            raise ImproperlyConfigured(f"no PKCS#12 file for agency {agency.code}: {path}")
        passphrase = self.passphrase_for(path)
        try:
            signer = signers.SimpleSigner.load_pkcs12(
                str(path), passphrase=passphrase.encode() or None
            )
        except ValueError as exc:  # a wrong passphrase
            raise ImproperlyConfigured(f"PKCS#12 file {path} could not be opened: {exc}") from exc
        if signer is None:
            raise ImproperlyConfigured(f"PKCS#12 file {path} could not be opened")
        writer = IncrementalPdfFileWriter(BytesIO(pdf))
        out = signers.PdfSigner(_meta(agency.name), signer=signer).sign_pdf(writer)
        return out.getvalue()


class TokenError(Exception):
    """The PKCS#11 token did not sign (absent, PIN refused, no such key): the delivery fails
    and the outbox retries it; the message names the token and python-pkcs11's error."""


class Pkcs11Source:
    """A key on a PKCS#11 token (an HSM, a USB token; SoftHSM in the tests). A session is opened
    for each signature and closed after it, so a token unplugged and plugged back is found
    again; a token that is absent or refuses the PIN fails the delivery, which is retried."""

    name = "pkcs11"

    def __init__(
        self,
        *,
        module: str | None = None,
        token_label: str | None = None,
        key_label: str | None = None,
        cert_label: str | None = None,
        pin: str | None = None,
    ):
        self.module = module or settings.RESULT_SIGNING_PKCS11_MODULE
        self.token_label = token_label or settings.RESULT_SIGNING_PKCS11_TOKEN_LABEL
        self.key_label = (
            key_label if key_label is not None else settings.RESULT_SIGNING_PKCS11_KEY_LABEL
        )
        self.cert_label = (
            cert_label if cert_label is not None else settings.RESULT_SIGNING_PKCS11_CERT_LABEL
        ) or self.key_label
        self.pin = pin if pin is not None else settings.RESULT_SIGNING_PKCS11_PIN

    def _open(self, agency):
        from pyhanko.config.pkcs11 import TokenCriteria
        from pyhanko.sign.pkcs11 import open_pkcs11_session

        pin = agency_secret(agency, "pin", self.pin)
        try:
            return open_pkcs11_session(
                self.module,
                token_criteria=TokenCriteria(label=self.token_label or None),
                user_pin=pin or None,
            )
        except Exception as exc:  # python-pkcs11's and pyHanko's errors, named below
            raise TokenError(self._explain(exc)) from exc

    def _explain(self, exc: Exception) -> str:
        kind = type(exc).__name__
        reason = {"PinIncorrect": "the PIN was refused", "PinLocked": "the PIN is locked"}.get(
            kind, str(exc) or kind
        )
        return f"PKCS#11 token {self.token_label!r}: {reason} ({kind})"

    def labels(self, session, agency) -> tuple[str, str]:
        """(key label, certificate label): the agency's own when the token holds a private
        key labelled with its code, else the configured ones."""
        from pkcs11 import Attribute, ObjectClass

        name = _own_name(agency)
        if name:
            own = session.get_objects(
                {Attribute.CLASS: ObjectClass.PRIVATE_KEY, Attribute.LABEL: name}
            )
            if any(True for _ in own):
                return name, name
        if not self.key_label:
            raise ImproperlyConfigured(
                f"the token holds no key labelled {name!r} and RESULT_SIGNING_PKCS11_KEY_LABEL "
                "is empty"
            )
        return self.key_label, self.cert_label

    def sign_pdf(self, pdf: bytes, *, agency) -> bytes:
        from pyhanko.sign.pkcs11 import PKCS11Signer

        session = self._open(agency)
        try:
            key_label, cert_label = self.labels(session, agency)
            # Every certificate on the token goes into the signature, so that a chain through
            # intermediate CAs stored beside the key can be built by whoever verifies.
            signer = PKCS11Signer(
                session, key_label=key_label, cert_label=cert_label, other_certs_to_pull=None
            )
            writer = IncrementalPdfFileWriter(BytesIO(pdf))
            out = signers.PdfSigner(_meta(agency.name), signer=signer).sign_pdf(writer)
            return out.getvalue()
        except ImproperlyConfigured:
            raise
        except Exception as exc:  # the token failed while signing: name it, then retry
            from pkcs11 import PKCS11Error
            from pyhanko.sign.general import SigningError

            if isinstance(exc, PKCS11Error | SigningError):
                raise TokenError(self._explain(exc)) from exc
            raise
        finally:
            session.close()


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
        _check_pkcs11()
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


def _check_pkcs11() -> None:
    """The module must be a file and a token named; the token itself is opened only to sign."""
    module = settings.RESULT_SIGNING_PKCS11_MODULE
    if not module:
        raise ImproperlyConfigured(
            "RESULT_SIGNING_SOURCE=pkcs11 needs RESULT_SIGNING_PKCS11_MODULE (the path of the "
            "token's PKCS#11 module, e.g. /usr/lib/softhsm/libsofthsm2.so)"
        )
    if not Path(module).is_file():
        raise ImproperlyConfigured(f"RESULT_SIGNING_PKCS11_MODULE={module!r} is not a file")
    if not settings.RESULT_SIGNING_PKCS11_TOKEN_LABEL:
        raise ImproperlyConfigured(
            "RESULT_SIGNING_SOURCE=pkcs11 needs RESULT_SIGNING_PKCS11_TOKEN_LABEL"
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
    if source == "pkcs11":
        return Pkcs11Source()
    if source == "remote":
        return RemoteSource()
    return None
