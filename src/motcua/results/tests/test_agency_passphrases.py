"""Each agency's PKCS#12 file opened with its own passphrase: `<agency code>.passphrase` in
RESULT_SIGNING_SECRETS_DIR, else the passphrase common to all."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from motcua.agencies.models import Agency
from motcua.integrations.signing import demo_ca
from motcua.integrations.signing.sources import Pkcs12Source
from motcua.integrations.signing.sync import sign_dossier_results
from motcua.results.models import SignedResult
from motcua.results.tests.conftest import decided

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_agencies(world, keys, settings, tmp_path):
    """Two dossiers of two agencies, each agency with a PKCS#12 file under its own passphrase;
    the common passphrase opens neither."""
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    settings.RESULT_SIGNING_SECRETS_DIR = str(secrets)
    settings.RESULT_SIGNING_PKCS12_PASSPHRASE = "chung-cho-tat-ca"
    settings.RESULT_SIGNING_DEMO_CA = False
    dossiers = [decided(world, number="15/GPXD"), decided(world, number="16/GPXD")]
    # Both come from the world's one receiving agency: the second is moved to the other one.
    type(dossiers[1]).objects.filter(pk=dossiers[1].pk).update(receiving_agency=world.other)
    for dossier, (code, name, passphrase) in zip(
        dossiers,
        (
            ("SXD", "Sở Xây dựng (khóa riêng)", "mat-khau-so-xay-dung"),
            ("STP", "Sở Tư pháp (khóa riêng)", "mat-khau-so-tu-phap"),
        ),
        strict=True,
    ):
        dossier.refresh_from_db()
        Agency.objects.filter(pk=dossier.receiving_agency_id).update(code=code)
        dossier.refresh_from_db()
        demo_ca.issue_pkcs12(
            keys, f"{code}.p12", common_name=name, organisation="Motcua", passphrase=passphrase
        )
        (secrets / f"{code}.passphrase").write_text(passphrase + "\n")
    return dossiers, secrets


def test_each_agency_signs_with_its_own_key_opened_by_its_own_passphrase(client, two_agencies):
    (first, second), _secrets = two_agencies
    (one,) = sign_dossier_results(first, Pkcs12Source())
    (two,) = sign_dossier_results(second, Pkcs12Source())
    assert one.signer_name == "Sở Xây dựng (khóa riêng)"
    assert two.signer_name == "Sở Tư pháp (khóa riêng)"
    for result in (one, two):
        page = client.get("/xac-thuc-ket-qua/", {"ma": result.code}).content.decode()
        assert "Văn bản hợp lệ" in page and result.signer_name in page


def test_without_its_passphrase_file_an_agency_signs_nothing(two_agencies):
    (first, _second), secrets = two_agencies
    (secrets / "SXD.passphrase").unlink()  # the common passphrase does not open SXD.p12
    with pytest.raises(ImproperlyConfigured, match="could not be opened"):
        sign_dossier_results(first, Pkcs12Source())
    assert not SignedResult.objects.filter(dossier=first).exists()
