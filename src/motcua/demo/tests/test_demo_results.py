"""The demo's finished dossiers carry signed results: `make demo` makes the demo CA before
`load_demo`, and `sign_results` (the Procfile's `signresults`) signs what load_demo decided, the
demo accounts' dossiers first. The demo citizen sees the verification code of their returned
dossier's result, and the code verifies on the public page."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from motcua.demo.accounts import DEMO_PASSWORD
from motcua.demo.plans import DEMO_CITIZEN
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.models import Dossier
from motcua.results.models import SignedResult

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_keys(settings, tmp_path):
    settings.RESULT_SIGNING_SOURCE = "pkcs12"
    settings.RESULT_SIGNING_DIR = tmp_path / "signing"
    settings.RESULT_SIGNING_DEMO_CA = True
    settings.RESULT_SIGNING_PKCS12_PASSPHRASE = "mat-khau-demo"
    settings.RESULT_TRUST_ROOTS = [str(tmp_path / "signing" / "demo-ca.pem")]
    call_command("demo_signing_keys", stdout=StringIO())
    return settings


def test_the_demo_citizens_finished_dossier_shows_a_result_that_verifies(
    demo_with_dossiers, demo_keys
):
    finished = Dossier.objects.filter(
        status__in=(DossierStatus.DECIDED, DossierStatus.RETURNED), result_documents__isnull=False
    ).distinct()
    assert finished.exists() and not SignedResult.objects.exists()
    out = StringIO()
    # The demo citizen's dossier comes first: one pass of one dossier signs it.
    call_command("sign_results", "--limit", "1", stdout=out)
    mine = Dossier.objects.get(owner__username=DEMO_CITIZEN, status=DossierStatus.RETURNED)
    (result,) = SignedResult.objects.all()
    assert result.dossier == mine
    call_command("sign_results", stdout=out)
    documents = sum(dossier.result_documents.count() for dossier in finished)
    assert SignedResult.objects.count() == documents
    assert "dossiers failed: 0" in out.getvalue()

    citizen = Client()
    citizen.post(
        reverse("portal:login"),
        {"username": DEMO_CITIZEN, "password": DEMO_PASSWORD},
        REMOTE_ADDR="203.0.113.70",
    )
    page = citizen.get(reverse("portal:track_detail", args=[mine.code])).content.decode()
    assert result.code in page
    verdict = Client().get("/xac-thuc-ket-qua/", {"ma": result.code}).content.decode()
    assert "Văn bản hợp lệ" in verdict
    # Again: nothing left to sign, nothing signed twice.
    call_command("sign_results", stdout=out)
    assert SignedResult.objects.count() == documents
