"""Signing with a key on a PKCS#11 token, for real: a SoftHSM2 token made for the session in a
temporary directory, holding a key and certificate common to all agencies and one agency's
own, imported with the tools an administrator uses (softhsm2-util, pkcs11-tool). A result
signed through it verifies on the public page."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from django.core.exceptions import ImproperlyConfigured

from motcua.agencies.models import Agency
from motcua.dossiers.choices import ReturnChannel
from motcua.integrations.signing import demo_ca
from motcua.integrations.signing.sources import Pkcs11Source, TokenError, key_source
from motcua.integrations.signing.sync import sign_dossier_results
from motcua.results.models import SignedResult
from motcua.results.tests.conftest import decided

MODULES = ("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so")
TOKEN = "motcua-thu"
PIN = "246810"
SO_PIN = "13579111"
COMMON_LABEL = "ky-so-chung"
AGENCY_CODE = "SXD-TOKEN"


def _module() -> str | None:
    return next((path for path in MODULES if Path(path).is_file()), None)


def _run(*args: str) -> None:
    # The administrator's tools, with our own arguments.
    subprocess.run(args, check=True, capture_output=True, text=True, env=os.environ.copy())  # noqa: S603


def _import(directory: Path, module: str, *, label: str, key_id: str, common_name: str) -> None:
    key, cert, _ca = demo_ca.issue_certificate(
        directory, common_name=common_name, organisation="Motcua thử nghiệm"
    )
    key_file, cert_file = directory / f"{label}.key.pem", directory / f"{label}.crt.der"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.DER))
    _run("softhsm2-util", "--import", str(key_file), "--token", TOKEN, "--label", label,
         "--id", key_id, "--pin", PIN)  # fmt: skip
    _run("pkcs11-tool", "--module", module, "--token-label", TOKEN, "--login", "--pin", PIN,
         "--write-object", str(cert_file), "--type", "cert", "--label", label, "--id", key_id)  # fmt: skip
    key_file.unlink()  # the key now lives only on the token


@pytest.fixture(scope="session")
def token(tmp_path_factory):
    """The token's module and the demo CA that issued its certificates. The PKCS#11 library
    reads SOFTHSM2_CONF once per process, so the token is made once per session."""
    module = _module()
    missing = [tool for tool in ("softhsm2-util", "pkcs11-tool") if shutil.which(tool) is None]
    if module is None or missing:
        reason = (
            "SoftHSM2 is not installed (apt-get install softhsm2 opensc): "
            f"module {'found' if module else 'missing'}, tools missing: {missing or 'none'}"
        )
        if os.environ.get("CI", "").lower() == "true":  # .ci/run installs them: a failure
            pytest.fail(reason)
        pytest.skip(reason)
    directory = tmp_path_factory.mktemp("softhsm")
    (directory / "tokens").mkdir()
    conf = directory / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {directory / 'tokens'}\nobjectstore.backend = file\n"
        "log.level = ERROR\n"
    )
    os.environ["SOFTHSM2_CONF"] = str(conf)
    _run("softhsm2-util", "--init-token", "--free", "--label", TOKEN, "--pin", PIN,
         "--so-pin", SO_PIN)  # fmt: skip
    ca = directory / "ca"
    _import(ca, module, label=COMMON_LABEL, key_id="01", common_name="Ký số chung (token)")
    _import(ca, module, label=AGENCY_CODE, key_id="02", common_name="Sở Xây dựng (token)")
    return {"module": module, "ca": ca / "demo-ca.pem"}


@pytest.fixture
def on_token(settings, token):
    settings.RESULT_SIGNING_SOURCE = "pkcs11"
    settings.RESULT_SIGNING_PKCS11_MODULE = token["module"]
    settings.RESULT_SIGNING_PKCS11_TOKEN_LABEL = TOKEN
    settings.RESULT_SIGNING_PKCS11_KEY_LABEL = COMMON_LABEL
    settings.RESULT_SIGNING_PKCS11_CERT_LABEL = ""
    settings.RESULT_SIGNING_PKCS11_PIN = PIN
    settings.RESULT_SIGNING_SECRETS_DIR = ""
    settings.RESULT_TRUST_ROOTS = [str(token["ca"])]
    return settings


def _verified(client, result) -> str:
    return client.get("/xac-thuc-ket-qua/", {"ma": result.code}).content.decode()


@pytest.mark.django_db
def test_a_result_signed_on_the_token_verifies_on_the_public_page(client, world, on_token):
    assert isinstance(key_source(), Pkcs11Source)
    dossier = decided(world, return_channel=ReturnChannel.ONLINE)
    (result,) = sign_dossier_results(dossier)
    assert result.source == "pkcs11" and result.signer_name == "Ký số chung (token)"
    page = _verified(client, result)
    assert "Văn bản hợp lệ" in page and "Ký số chung (token)" in page and "15/GPXD" in page


@pytest.mark.django_db
def test_an_agency_with_its_own_key_on_the_token_signs_with_it(client, world, on_token):
    dossier = decided(world)
    Agency.objects.filter(pk=dossier.receiving_agency_id).update(code=AGENCY_CODE)
    dossier.refresh_from_db()
    (result,) = sign_dossier_results(dossier)
    assert result.signer_name == "Sở Xây dựng (token)"
    assert "Sở Xây dựng (token)" in _verified(client, result)


@pytest.mark.django_db
def test_a_wrong_pin_signs_nothing_and_keeps_nothing(world, on_token, tmp_path):
    on_token.RESULT_SIGNING_PKCS11_PIN = "000000"
    dossier = decided(world)
    with pytest.raises(TokenError, match="PIN was refused"):
        sign_dossier_results(dossier)
    assert not SignedResult.objects.filter(dossier=dossier).exists()
    # The agency's own PIN file (RESULT_SIGNING_SECRETS_DIR/<code>.pin) is used instead.
    Agency.objects.filter(pk=dossier.receiving_agency_id).update(code=AGENCY_CODE)
    dossier.refresh_from_db()
    (tmp_path / f"{AGENCY_CODE}.pin").write_text(PIN + "\n")
    on_token.RESULT_SIGNING_SECRETS_DIR = str(tmp_path)
    (result,) = sign_dossier_results(dossier)
    assert result.signer_name == "Sở Xây dựng (token)"


def test_a_token_is_named_and_its_module_exists_or_start_up_stops(settings, tmp_path):
    settings.RESULT_SIGNING_SOURCE = "pkcs11"
    settings.RESULT_SIGNING_PKCS11_MODULE = ""
    with pytest.raises(ImproperlyConfigured, match="RESULT_SIGNING_PKCS11_MODULE"):
        key_source()
    settings.RESULT_SIGNING_PKCS11_MODULE = str(tmp_path / "missing.so")
    with pytest.raises(ImproperlyConfigured, match="is not a file"):
        key_source()
    module = tmp_path / "token.so"
    module.write_bytes(b"\x7fELF")
    settings.RESULT_SIGNING_PKCS11_MODULE = str(module)
    settings.RESULT_SIGNING_PKCS11_TOKEN_LABEL = ""
    with pytest.raises(ImproperlyConfigured, match="TOKEN_LABEL"):
        key_source()
    settings.RESULT_SIGNING_PKCS11_TOKEN_LABEL = TOKEN
    assert isinstance(key_source(), Pkcs11Source)
