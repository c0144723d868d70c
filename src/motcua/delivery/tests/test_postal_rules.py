"""The postal service's rules through the services and the faces: an excluded procedure offers
no postal option (portal and office alike), the price follows the commune's zone, the tariff
and the zones are an administrator's, audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from motcua.agencies.models import Commune
from motcua.delivery import services
from motcua.delivery.choices import PostalOption, Zone
from motcua.delivery.models import PostalRequest
from motcua.delivery.tests.helpers import (
    guest_draft,
    load_postal_reference,
    open_to_post,
    tariff_price,
)
from motcua.dossiers import services as dossier_services
from motcua.dossiers.errors import DossierError, NotAllowed
from motcua.events.models import ReferenceAuditEvent
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db

HOAN_KIEM, MY_DUC, BA_VI, MINH_CHAU, DONG_ANH = "00070", "10441", "09700", "09661", "00454"


def _choose(draft, proof, code, option=PostalOption.BOTH, grams=250):
    return services.choose_postal_service(
        draft,
        actor=None,
        proof=proof,
        option=option,
        recipient_name="Trần Thị Bích Ngọc",
        phone="0912345678",
        address="12 phố Hàng Bạc",
        commune=Commune.objects.get(code=code),
        weight_grams=grams,
    )


@pytest.mark.parametrize(
    ("code", "zone"),
    [
        (HOAN_KIEM, Zone.URBAN),
        (DONG_ANH, Zone.SUBURBAN),
        (MY_DUC, Zone.RURAL),
        (BA_VI, Zone.MOUNTAINOUS),
        (MINH_CHAU, Zone.ISLAND),
    ],
)
def test_the_price_follows_the_communes_zone(world, code, zone):
    load_postal_reference(world)
    open_to_post(world.procedure)
    draft, proof = guest_draft(world)
    request = _choose(draft, proof, code, grams=500)
    assert request.zone == zone
    assert request.collection_price == tariff_price("collection", zone, 500)
    assert request.delivery_price == tariff_price("delivery", zone, 500)
    draft.refresh_from_db()
    assert draft.requested_return_channel == "post"


def test_a_commune_without_an_assignment_takes_its_kinds_default_and_a_new_zone_moves_it(world):
    admin = load_postal_reference(world)
    open_to_post(world.procedure)
    draft, proof = guest_draft(world)
    special = Commune.objects.filter(kind="special_zone").first()
    outside_ward = Commune.objects.filter(kind="ward").exclude(province_id="01").first()
    assert _choose(draft, proof, special.code).zone == Zone.ISLAND
    assert _choose(draft, proof, outside_ward.code).zone == Zone.URBAN
    services.assign_zone(actor=admin, commune=outside_ward, zone=Zone.MOUNTAINOUS)
    again = _choose(draft, proof, outside_ward.code, option=PostalOption.DELIVER)
    assert again.zone == Zone.MOUNTAINOUS and again.collection_price is None
    assert again.delivery_price == tariff_price("delivery", Zone.MOUNTAINOUS, 250)


def test_a_changed_price_is_quoted_from_then_on_and_audited(world):
    admin = load_postal_reference(world)
    open_to_post(world.procedure)
    draft, proof = guest_draft(world)
    before = _choose(draft, proof, HOAN_KIEM, option=PostalOption.DELIVER).delivery_price
    services.set_tariff(
        actor=admin, zone=Zone.URBAN, service="delivery", max_weight_grams=250, price=before + 7
    )
    assert _choose(draft, proof, HOAN_KIEM, option=PostalOption.DELIVER).delivery_price == (
        before + 7
    )
    event = ReferenceAuditEvent.objects.filter(subject_type="postal_tariff").last()
    assert event.subject_key == "delivery:urban:250" and event.data["before"] == before


def test_only_a_province_wide_system_administrator_edits_the_tariff(world):
    with pytest.raises(NotAllowed):
        services.set_tariff(
            actor=world.leader, zone=Zone.URBAN, service="delivery", max_weight_grams=250, price=1
        )
    with pytest.raises(NotAllowed):
        services.assign_zone(
            actor=world.receptionist, commune=Commune.objects.get(code=HOAN_KIEM), zone="rural"
        )


def test_bad_tariff_rows_are_field_errors(world):
    admin = load_postal_reference(world)
    with pytest.raises(DossierError) as caught:
        services.set_tariff(
            actor=admin, zone="moon", service="delivery", max_weight_grams=0, price=-1
        )
    assert set(caught.value.errors) == {"zone", "max_weight_grams", "price"}


# --- an excluded procedure: one rule, every face ---------------------------------------------


def test_an_excluded_procedure_refuses_every_postal_choice_in_the_domain(world):
    load_postal_reference(world)
    assert not world.procedure.via_post
    draft, proof = guest_draft(world)
    with pytest.raises(DossierError) as caught:
        _choose(draft, proof, HOAN_KIEM)
    assert "option" in caught.value.errors
    with pytest.raises(DossierError) as caught:
        dossier_services.update_draft(
            draft, actor=None, proof=proof, requested_return_channel="post"
        )
    assert "requested_return_channel" in caught.value.errors
    assert not PostalRequest.objects.exists()


def test_an_excluded_procedure_offers_no_postal_option_on_the_portal(client, world):
    from motcua.portal import applicant_session

    load_postal_reference(world)
    draft, _proof = guest_draft(world)
    _hold(client, draft, applicant_session)
    form = client.get(reverse("portal:draft_form", args=[draft.pk]))
    assert form.status_code == 200 and 'value="counter"' in form.content.decode()
    assert 'value="post"' not in form.content.decode()
    review = client.get(reverse("portal:draft_review", args=[draft.pk]))
    assert review.status_code == 200
    assert reverse("portal:draft_postal", args=[draft.pk]) not in review.content.decode()
    assert client.get(reverse("portal:draft_postal", args=[draft.pk])).status_code == 404
    # The same pages of a procedure open to the post offer it.
    open_to_post(world.procedure)
    review = client.get(reverse("portal:draft_review", args=[draft.pk])).content.decode()
    assert reverse("portal:draft_postal", args=[draft.pk]) in review


def test_an_open_procedure_shows_the_prices_before_the_choice_on_the_portal(client, world):
    from motcua.portal import applicant_session

    load_postal_reference(world)
    open_to_post(world.procedure)
    draft, _proof = guest_draft(world)
    _hold(client, draft, applicant_session)
    review = client.get(reverse("portal:draft_review", args=[draft.pk])).content.decode()
    url = reverse("portal:draft_postal", args=[draft.pk])
    assert url in review
    data = {
        "recipient_name": "Trần Thị Bích Ngọc",
        "phone": "0912345678",
        "address": "12 phố Hàng Bạc",
        "commune": BA_VI,
        "weight_grams": "250",
    }
    quoted = client.post(url, {**data, "action": "quote"}).content.decode()
    both = tariff_price("collection", "mountainous", 250) + tariff_price(
        "delivery", "mountainous", 250
    )
    assert f"{both:,}".replace(",", ".") in quoted and "Miền núi" in quoted
    assert not PostalRequest.objects.exists()  # seeing the price chooses nothing
    chosen = client.post(url, {**data, "option": "both", "action": "choose"})
    assert chosen.status_code == 302
    assert PostalRequest.objects.get(dossier=draft).total_price == both
    bad = client.post(url, {**data, "commune": "", "option": "both", "action": "choose"})
    assert bad.status_code == 400 and "Hãy chọn xã, phường." in bad.content.decode()


def _hold(client, draft, applicant_session):
    """The guest session that created `draft` (as the portal's start page does)."""
    from django.test import RequestFactory

    client.get("/")  # a session of its own
    request = RequestFactory().get("/")
    request.session = client.session
    applicant_session.hold(request, draft)
    request.session.save()


def test_an_excluded_procedure_offers_no_postal_return_at_the_office(client, world):
    sign_in_official(client, world.receptionist)
    url = (
        reverse("office:reception")
        + f"?co_quan={world.centre.pk}&thu_tuc={world.procedure.code}&truong_hop={world.case.code}"
    )
    page = client.get(url).content.decode()
    assert 'name="return_channel" value="post"' not in page
    open_to_post(world.procedure)
    page = client.get(url).content.decode()
    assert 'name="return_channel" value="post"' in page


def test_the_results_channel_decides_whether_a_delivery_order_is_wanted(world):
    load_postal_reference(world)
    open_to_post(world.procedure)
    draft, proof = guest_draft(world)
    _choose(draft, proof, HOAN_KIEM, option=PostalOption.BOTH)
    draft.refresh_from_db()
    assert services.order_wanted(draft, "collection") and services.order_wanted(draft, "delivery")
    # The applicant then asks for the result at the counter on the form.
    draft = dossier_services.update_draft(
        draft, actor=None, proof=proof, requested_return_channel="counter"
    )
    assert services.order_wanted(draft, "collection")
    assert not services.order_wanted(draft, "delivery")
    assert services.open_order(draft, "delivery") is None
