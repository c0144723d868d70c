"""Signing through the remote-signing gateway (its simulator, a separate process): the result
is signed and verifies; a gateway failing makes the delivery fail and be retried, the decision
stays as it was; a signature that does not match the document is never kept."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from motcua.dossiers.choices import DossierStatus
from motcua.events.models import Delivery
from motcua.events.services import run_deliveries
from motcua.integrations.signing import demo_ca, sync
from motcua.integrations.signing.client import GatewayError, RemoteSigningClient
from motcua.results import verification
from motcua.results.models import SignedResult
from motcua.results.tests.conftest import PASSPHRASE, decided
from tests.sim_process import SimulatorProcess

pytestmark = pytest.mark.django_db(transaction=True)
SECRET = "bi-mat-cua-dich-vu"


@pytest.fixture
def gateway(keys):
    p12 = demo_ca.issue_pkcs12(
        keys,
        "gateway.p12",
        common_name="Sở Xây dựng Hà Nội (ký từ xa)",
        organisation="Motcua demo",
        passphrase=PASSPHRASE,
    )
    sim = SimulatorProcess(
        "simulators.signing",
        args=["--pkcs12", str(p12), "--passphrase", PASSPHRASE, "--secret", SECRET],
    )
    sim.start()
    yield sim
    sim.stop()


@pytest.fixture
def remote(settings, gateway):
    settings.RESULT_SIGNING_SOURCE = "remote"
    settings.RESULT_SIGNING_REMOTE_URL = gateway.url
    settings.RESULT_SIGNING_REMOTE_SECRET = SECRET
    settings.RESULT_SIGNING_REMOTE_SERVICE_ID = "motcua"
    settings.RESULT_SIGNING_REMOTE_TIMEOUT_SECONDS = 5
    sync.register_all()
    yield gateway
    sync.unregister_all()


def _signing_delivery(dossier):
    return Delivery.objects.get(dossier=dossier, consumer=sync.CONSUMER_NAME)


def test_the_gateway_signs_and_the_result_verifies(world, remote):
    dossier = decided(world)
    run_deliveries()
    assert _signing_delivery(dossier).status == "done"
    result = SignedResult.objects.get(dossier=dossier)
    assert result.source == "remote"
    data = result.file.file.open("rb").read()
    verdict = verification.verify_pdf(data)
    assert verdict.status == verification.VALID
    assert verdict.signer == "Sở Xây dựng Hà Nội (ký từ xa)"


def test_a_failing_gateway_is_retried_and_the_decision_kept(world, remote):
    dossier = decided(world)
    remote.set_fault("error_500")
    run_deliveries()
    delivery = _signing_delivery(dossier)
    assert delivery.status == "pending" and delivery.attempts == 1
    assert "HTTP 500" in delivery.last_error
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DECIDED and not SignedResult.objects.exists()
    remote.clear_faults()
    run_deliveries(now=timezone.now() + timedelta(hours=2))
    assert _signing_delivery(dossier).status == "done"
    assert SignedResult.objects.filter(dossier=dossier).count() == 1


def test_a_signature_over_another_digest_is_not_kept(world, remote):
    dossier = decided(world)
    remote.set_fault("wrong_digest")
    run_deliveries()
    delivery = _signing_delivery(dossier)
    assert delivery.status == "pending" and "does not verify" in delivery.last_error
    assert not SignedResult.objects.exists()


def test_a_wrong_secret_is_refused(remote):
    client = RemoteSigningClient(url=remote.url, service_id="motcua", secret="sai", timeout=5)
    with pytest.raises(GatewayError, match="401"):
        client.certificates()
