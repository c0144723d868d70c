"""The portal offers and shows exactly what dossiers.routing decides: the start page asks for
what `routing.route_or_choices` needs (the applicant's commune for a commune-level procedure,
the agency to choose where nothing else decides), and the draft it makes has the responsible
agency and reason `routing.route` gives for the same inputs."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from motcua.agencies.choices import AgencyKind
from motcua.agencies.models import Commune
from motcua.agencies.tests.factories import AgencyFactory
from motcua.catalog.choices import ImplementingLevel
from motcua.catalog.tests.factories import ProcedureAgencyFactory
from motcua.dossiers import routing
from motcua.dossiers.models import Dossier

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]


def start_url(world) -> str:
    return reverse("portal:submission_start", args=[world.procedure.code])


def offered(page: str, name: str) -> list[str]:
    select = re.search(rf'name="{name}".*?</select>', page, re.S)
    return re.findall(r'<option value="([^"]+)"', select[0]) if select else []


def agrees(dossier: Dossier, *, chosen=None, commune=None) -> None:
    """The draft's routing is the rule's, for the same procedure, place, choice and commune."""
    expected = routing.route(dossier.procedure, dossier.receiving_agency, chosen, commune=commune)
    assert (dossier.responsible_agency, dossier.routing_reason) == expected


@pytest.fixture
def wards(online):
    """The procedure made commune-level and carried out by two wards' People's Committees."""
    communes = list(Commune.objects.order_by("code")[:2])
    agencies = []
    for commune in communes:
        ward = AgencyFactory(
            name=f"UBND {commune.name}",
            kind=AgencyKind.COMMUNE,
            commune_id=commune.pk,
            parent=online.centre.parent,
        )
        ProcedureAgencyFactory(procedure=online.procedure, agency=ward)
        agencies.append(ward)
    online.procedure.implementing_level = ImplementingLevel.COMMUNE
    online.procedure.save()
    return agencies, communes


def test_handed_in_at_one_ward_it_goes_to_the_applicants_ward(client, online, wards):
    (first, second), (_c1, commune) = wards
    page = client.get(start_url(online)).content.decode()
    assert commune.code in offered(page, "commune_code")
    assert 'name="responsible_agency"' not in page  # the places decide, no agency to choose
    response = client.post(
        start_url(online),
        {"case": online.case.pk, "receiving_agency": first.pk, "commune_code": commune.code},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    dossier = Dossier.objects.get()
    assert dossier.receiving_agency == first and dossier.responsible_agency == second
    agrees(dossier, commune=commune)
    assert dossier.applicant_commune == commune  # not asked again on the form
    form_page = client.get(response["Location"]).content.decode()
    assert second.name in form_page and dossier.routing_reason in form_page


def test_at_the_service_centre_without_the_commune_it_asks_for_it(client, online, wards):
    for ward in wards[0]:
        ward.receives_dossiers = False
        ward.save()
    online.procedure.save()
    data = {"case": online.case.pk, "receiving_agency": online.centre.pk}
    refused = client.post(start_url(online), data)
    assert refused.status_code == 200 and not Dossier.objects.exists()
    assert "Hãy chọn xã, phường nơi bạn cư trú" in refused.content.decode()
    commune = wards[1][0]
    assert client.post(start_url(online), {**data, "commune_code": commune.code}).status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.responsible_agency == wards[0][0]
    agrees(dossier, commune=commune)


def test_where_nothing_decides_it_offers_the_rules_choices_and_keeps_the_choice(client, online):
    online.other.receives_dossiers = False
    online.other.save()
    ProcedureAgencyFactory(procedure=online.procedure, agency=online.other)
    online.procedure.save()
    page = client.get(start_url(online)).content.decode()
    _agency, _reason, choices = routing.route_or_choices(online.procedure, online.centre)
    assert sorted(offered(page, "responsible_agency")) == sorted(str(a.pk) for a in choices)
    assert len(choices) == 2

    data = {"case": online.case.pk, "receiving_agency": online.centre.pk}
    refused = client.post(start_url(online), data)
    assert refused.status_code == 200 and not Dossier.objects.exists()
    _agency, problem, _choices = routing.route_or_choices(online.procedure, online.centre)
    assert problem in refused.content.decode()
    client.post(start_url(online), {**data, "responsible_agency": online.other.pk})
    agrees(Dossier.objects.get(), chosen=online.other)


def test_one_implementing_agency_is_taken_as_the_rule_says(client, online):
    response = client.post(
        start_url(online), {"case": online.case.pk, "receiving_agency": online.centre.pk}
    )
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    agrees(dossier)
    assert dossier.responsible_agency == online.department
