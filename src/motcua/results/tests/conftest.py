"""Signing keys of a test: the demo CA made in a temporary directory, trusted."""

from __future__ import annotations

import pytest

from motcua.dossiers import services
from motcua.dossiers.tests.fixtures import approve_with_permit, submit_online, vn
from motcua.integrations.signing import demo_ca

PASSPHRASE = "mat-khau-thu"


@pytest.fixture
def keys(settings, tmp_path):
    settings.RESULT_SIGNING_DIR = tmp_path / "signing"
    settings.RESULT_SIGNING_DEMO_CA = True
    settings.RESULT_SIGNING_PKCS12_PASSPHRASE = PASSPHRASE
    settings.RESULT_TRUST_ROOTS = [str(tmp_path / "signing" / "demo-ca.pem")]
    demo_ca.ensure_ca(settings.RESULT_SIGNING_DIR)
    return settings.RESULT_SIGNING_DIR


def decided(world, number="15/GPXD", return_channel=None, **applicant):
    """A dossier of the world decided with one permit; its lookup secret as `dossier.secret`."""
    submission = submit_online(world, **applicant)
    dossier = services.receive_dossier(
        submission.dossier, actor=world.receptionist, now=vn(2026, 3, 2, 10)
    )
    if return_channel:
        type(dossier).objects.filter(pk=dossier.pk).update(requested_return_channel=return_channel)
        dossier.refresh_from_db()
    services.assign_step(dossier, actor=world.leader, assignee=world.specialist)
    services.forward_dossier(dossier, actor=world.specialist)
    dossier.refresh_from_db()
    dossier = approve_with_permit(world, dossier, number=number, signed_on=vn(2026, 3, 4).date())
    dossier.secret = submission.lookup_secret
    return dossier
