"""The reception desk records where the result goes by post and shows its price, by the same
rule as the portal's postal page (delivery.services.quote_postal): the quote follows the
commune's zone; the dossier keeps the address and the price, and the delivery order goes there."""

from __future__ import annotations

import pytest
from django.urls import reverse

from motcua.delivery import services
from motcua.delivery.choices import PostalService
from motcua.delivery.models import PostalRequest
from motcua.delivery.tests.helpers import load_postal_reference, open_to_post, tariff_price
from motcua.dossiers.errors import NotAllowed
from motcua.dossiers.models import Dossier
from motcua.events.models import AuditEvent
from motcua.office.tests.test_reception import _post
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db

BA_VI, HOAN_KIEM = "09700", "00070"


@pytest.fixture
def postal_world(world):
    load_postal_reference(world)
    open_to_post(world.procedure)
    return world


def test_the_desk_sees_the_price_for_the_communes_zone_before_receiving(client, postal_world):
    world = postal_world
    sign_in_official(client, world.receptionist)
    data = _post(
        world,
        return_channel="post",
        postal_address="Thôn Đồng Chay",
        postal_commune=BA_VI,
        postal_weight="250",
        action="quote",
    )
    page = client.post(reverse("office:reception"), data).content.decode()
    assert f'data-price="{tariff_price("delivery", "mountainous", 250)}"' in page
    assert "Miền núi" in page
    assert Dossier.objects.count() == 0  # a quote receives nothing
    # A bad weight class is a field's message, not a 500.
    bad = client.post(reverse("office:reception"), {**data, "postal_weight": "7"})
    assert bad.status_code == 200
    assert "Hãy chọn một nấc khối lượng trong bảng cước." in bad.content.decode()


def test_the_desk_records_the_address_and_the_order_goes_there(client, postal_world):
    world = postal_world
    sign_in_official(client, world.receptionist)
    data = _post(
        world,
        return_channel="post",
        postal_address="Thôn Đồng Chay",
        postal_commune=BA_VI,
        postal_weight="250",
    )
    response = client.post(reverse("office:reception"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    dossier = Dossier.objects.get()
    request = PostalRequest.objects.get(dossier=dossier)
    price = tariff_price("delivery", "mountainous", 250)
    assert (request.address, request.commune_id, request.zone) == (
        "Thôn Đồng Chay",
        BA_VI,
        "mountainous",
    )
    assert request.delivery_price == price and request.collection_price is None
    assert services.order_wanted(dossier, PostalService.DELIVERY)
    assert not services.order_wanted(dossier, PostalService.COLLECTION)
    event = AuditEvent.objects.get(dossier=dossier, action="postal_choose")
    assert event.data["at_desk"] is True and event.data["delivery_price"] == price
    # The office's dossier page shows the charge, paid to the postman.
    page = client.get(reverse("office:dossier", args=[dossier.code])).content.decode()
    assert f'data-postal-charge="{price}"' in page


def test_without_an_address_the_result_goes_to_the_applicants_own(client, postal_world):
    world = postal_world
    sign_in_official(client, world.receptionist)
    response = client.post(
        reverse("office:reception"), _post(world, return_channel="post", postal_weight="250")
    )
    assert response.status_code == 302
    assert not PostalRequest.objects.exists()


def test_only_reception_of_the_agency_records_it(postal_world):
    from motcua.agencies.models import Commune
    from motcua.dossiers.tests.fixtures import submit_online

    world = postal_world
    dossier = submit_online(world).dossier
    Dossier.objects.filter(pk=dossier.pk).update(requested_return_channel="post")
    dossier.refresh_from_db()
    with pytest.raises(NotAllowed):
        services.record_desk_delivery(
            dossier,
            actor=world.specialist,
            recipient_name="Trần Thị Bích Ngọc",
            phone="0912345678",
            address="12 phố Hàng Bạc",
            commune=Commune.objects.get(code=HOAN_KIEM),
            weight_grams=250,
        )


def test_a_dossier_that_came_by_post_gets_no_collection_order(postal_world):
    """The paper dossier is already at the agency: nothing is collected. Only an applicant's
    own choice of collection on the portal (a postal request) asks for a collection order."""
    from motcua.dossiers import services as dossier_services
    from motcua.dossiers.choices import Channel
    from motcua.dossiers.tests.fixtures import pdf

    world = postal_world
    dossier = dossier_services.receive_at_counter(
        actor=world.receptionist,
        procedure=world.procedure,
        case=world.case,
        applicant=world.applicant(commune_code=HOAN_KIEM),
        receiving_agency=world.centre,
        checklist=[
            dossier_services.ChecklistLine("DON", "original", 1, True),
            dossier_services.ChecklistLine("GCN", "certified_copy", 1, False),
        ],
        form_data={"dien_tich": "120.5", "so_tang": "4"},
        uploads=[dossier_services.Upload("DON", pdf("don.pdf"))],
        channel=Channel.POST,
        requested_return_channel="post",
    ).dossier
    assert dossier.channel == Channel.POST
    assert not services.order_wanted(dossier, PostalService.COLLECTION)
    assert services.order_wanted(dossier, PostalService.DELIVERY)  # to the applicant's address
