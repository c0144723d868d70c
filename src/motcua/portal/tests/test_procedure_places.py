"""The procedure page's places, narrowed to the applicant's commune: a plain GET form (?xa=)
shows that commune's place and agency in full and folds the others away; an address never
repeats the ward its card already names."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from motcua.agencies.choices import AgencyKind
from motcua.agencies.models import Commune
from motcua.agencies.tests.factories import AgencyFactory
from motcua.catalog.choices import ImplementingLevel, OnlineClass
from motcua.catalog.tests.factories import ProcedureAgencyFactory, complete_procedure

pytestmark = pytest.mark.django_db
CITY = "Thành phố Hà Nội"


@pytest.fixture
def ward_procedure():
    """A commune-level procedure carried out by the People's Committees of eight wards of one
    province, each receiving at its own counter, with the demo's kind of address."""
    communes = list(Commune.objects.filter(province__code="01").order_by("code")[:8])
    assert len(communes) == 8
    procedure = complete_procedure(
        implementing_level=ImplementingLevel.COMMUNE,
        via_online=True,
        service_level=4,
        online_class=OnlineClass.FULL,
    )
    wards = []
    for commune in communes:
        ward = AgencyFactory(
            name=f"Ủy ban nhân dân {commune.name}",
            kind=AgencyKind.COMMUNE,
            commune_id=commune.pk,
            address=f"{commune.name}, {CITY}",
            receives_dossiers=True,
        )
        ProcedureAgencyFactory(procedure=procedure, agency=ward)
        wards.append(ward)
    procedure.save()
    return procedure, wards, communes


def get(client, procedure, **params):
    response = client.get(reverse("portal:procedure_detail", args=[procedure.code]), params)
    assert response.status_code == 200
    return response.content.decode()


def local_list(page: str) -> str:
    found = re.search(r'<ul class="place-list local">(.*?)</ul>', page, re.S)
    return found[1] if found else ""


def test_without_a_commune_the_cards_are_folded_and_the_picker_offers_the_communes(
    client, ward_procedure
):
    procedure, wards, communes = ward_procedure
    page = get(client, procedure)
    assert '<form method="get" action="#noi-thuc-hien" class="commune-picker">' in page
    assert all(f'<option value="{c.code}"' in page for c in communes)
    assert not local_list(page)
    folded = re.search(r'<details class="place-details">(.*?)</details>', page, re.S)[1]
    assert all(ward.name in folded for ward in wards)


def test_the_chosen_commune_shows_its_own_ward_and_the_link_to_apply_keeps_it(
    client, ward_procedure
):
    procedure, wards, communes = ward_procedure
    page = get(client, procedure, xa=communes[3].code)
    local = local_list(page)
    assert wards[3].name in local
    assert not any(ward.name in local for ward in wards if ward != wards[3])
    # The address does not repeat the ward the card names.
    assert local.count(communes[3].name) == 1 and f"Địa chỉ: {CITY}" in local
    assert f'<option value="{communes[3].code}" selected>' in page
    start = reverse("portal:submission_start", args=[procedure.code])
    assert f'href="{start}?xa={communes[3].code}"' in page
    # The others stay reachable, folded.
    folded = re.search(r'<details class="place-details">(.*?)</details>', page, re.S)[1]
    assert wards[0].name in folded

    # The start page takes the commune and the ward's own counter from the link.
    form = client.get(start, {"xa": communes[3].code}).content.decode()
    assert f'<option value="{wards[3].pk}" selected>' in form
    assert f'<option value="{communes[3].code}" selected>' in form


def test_an_unknown_commune_is_a_message_not_a_narrowing(client, ward_procedure):
    procedure, _wards, _communes = ward_procedure
    page = get(client, procedure, xa="99999\x00")
    assert "Hãy chọn một xã, phường trong danh sách." in page and not local_list(page)


def test_a_short_list_has_no_picker(client, db):
    procedure = complete_procedure()
    ProcedureAgencyFactory(procedure=procedure, agency=AgencyFactory(receives_dossiers=True))
    assert "commune-picker" not in get(client, procedure)


def test_an_address_names_the_commune_once_where_the_name_does_not():
    from motcua.agencies.models import Agency
    from motcua.portal.templatetags.portal_format import agency_address

    commune = Commune(code="00004", name="Phường Ba Đình")
    ward = Agency(
        name="Ủy ban nhân dân Phường Ba Đình", commune=commune, address=f"Phường Ba Đình, {CITY}"
    )
    assert agency_address(ward) == CITY
    centre = Agency(name="Trung tâm", commune=commune, address="79 Đinh Tiên Hoàng")
    assert agency_address(centre) == "79 Đinh Tiên Hoàng, Phường Ba Đình"
    named = Agency(name="Trung tâm", commune=commune, address="79 Đinh Tiên Hoàng, phường Ba Đình")
    assert agency_address(named) == "79 Đinh Tiên Hoàng, phường Ba Đình"
