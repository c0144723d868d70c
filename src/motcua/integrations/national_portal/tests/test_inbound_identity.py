"""A dossier from the national portal has its applicant checked against the population
database (both simulators are real processes); whatever the answer, it is recorded and a
mismatch is shown to reception on the dossier page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from motcua.dossiers.models import Dossier, IdentityCheck
from motcua.integrations.national_portal.tests.inbound_helpers import (
    connect,
    integration_client,
    signed_post,
    submit_on_portal,
)
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db

MAI = {"personal_id": "001190012345", "name": "Nguyễn Thị Mai", "ma_csdl": "DC-MAI-0001"}


@pytest.fixture
def portal(settings, world, national_portal_sim):
    connect(settings, national_portal_sim)
    integration_client(world)
    return national_portal_sim


def _arrive(client, portal, world) -> Dossier:
    body = submit_on_portal(portal, world)
    answer = signed_post(client, body, secret=portal.inbound_secret)
    assert answer.status_code == 200, answer.content
    return Dossier.objects.get()


def test_a_matching_applicant_is_recorded_with_the_databases_code(
    client, world, portal, population_sim
):
    population_sim.add_residents([{**MAI, "birth_date": "1990-03-12"}])
    dossier = _arrive(client, portal, world)
    check = IdentityCheck.objects.get(dossier=dossier)
    assert check.result == "match" and check.ma_csdl == "DC-MAI-0001"
    assert check.birth_date.isoformat() == "1990-03-12"


def test_a_mismatch_is_recorded_and_shown_to_reception(client, world, portal, population_sim):
    population_sim.add_residents([{**MAI, "birth_date": "1991-03-12"}])
    dossier = _arrive(client, portal, world)
    check = IdentityCheck.objects.get(dossier=dossier)
    assert check.result == "mismatch" and check.differing_fields == ["birth_date"]
    sign_in_official(client, world.receptionist)
    page = client.get(reverse("office:dossier", args=[dossier.code])).content.decode()
    assert 'data-identity-result="mismatch"' in page and "không khớp: ngày sinh" in page


def test_the_database_down_still_takes_the_dossier_and_records_it(
    client, world, portal, population_sim
):
    population_sim.stop()
    dossier = _arrive(client, portal, world)
    assert IdentityCheck.objects.get(dossier=dossier).result == "unavailable"
