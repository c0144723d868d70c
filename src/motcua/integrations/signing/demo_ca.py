"""The demo's own certificate authority and agency certificates (docs/results.md).

On first use the demo makes, under `RESULT_SIGNING_DIR` (var/signing/, not committed):

- `demo-ca.pem` / `demo-ca.key.pem`: a root CA, "CA thử nghiệm Motcua", the demo's only
  trust root for results;
- `<name>.p12`: an agency's signing certificate issued by that CA, in a PKCS#12 file protected
  by a passphrase (the demo's comes from `RESULT_SIGNING_PKCS12_PASSPHRASE`).

Nothing here is used outside the demo and the tests: a real installation installs the
PKCS#12 files its CA issued and names its CA in `RESULT_TRUST_ROOTS`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

CA_NAME = "CA thử nghiệm Motcua (chỉ dùng cho bản demo)"


def _name(common_name: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def ensure_ca(directory: Path, *, now: dt.datetime | None = None) -> tuple[Path, Path]:
    """The CA's certificate and key files, made once."""
    directory.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = directory / "demo-ca.pem", directory / "demo-ca.key.pem"
    if cert_path.exists() and key_path.exists():
        return cert_path, key_path
    now = now or dt.datetime.now(dt.UTC)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = _name(CA_NAME, "Motcua demo")
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_path.chmod(0o600)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return cert_path, key_path


def issue_certificate(
    directory: Path,
    *,
    common_name: str,
    organisation: str,
    now: dt.datetime | None = None,
):
    """A new key and a signing certificate for it from the demo CA (made if missing): the
    key (cryptography), the certificate and the CA's certificate (x509.Certificate)."""
    cert_path, key_path = ensure_ca(directory, now=now)
    ca_cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    ca_key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    now = now or dt.datetime.now(dt.UTC)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name, organisation))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1825))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    return key, cert, ca_cert


def issue_pkcs12(
    directory: Path,
    filename: str,
    *,
    common_name: str,
    organisation: str,
    passphrase: str,
    now: dt.datetime | None = None,
) -> Path:
    """An agency's signing certificate from the demo CA, as `directory/filename` (made once)."""
    target = directory / filename
    if target.exists():
        return target
    key, cert, ca_cert = issue_certificate(
        directory, common_name=common_name, organisation=organisation, now=now
    )
    data = pkcs12.serialize_key_and_certificates(
        common_name.encode(),
        key,
        cert,
        [ca_cert],
        serialization.BestAvailableEncryption(passphrase.encode()),
    )
    target.write_bytes(data)
    target.chmod(0o600)
    return target
