"""The postal charge beside the fees: the applicant who chose the public postal service sees
its price next to the breakdown, on the review and on tracking, and is told it is paid to the
postal operator; the bill they pay online holds the fees only (docs/postal.md, "Who collects
the postal charge")."""

from __future__ import annotations

import pytest
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.models import Commune
from motcua.delivery import services as delivery_services
from motcua.delivery.choices import PostalOption
from motcua.delivery.tests.helpers import load_postal_reference, open_to_post, tariff_price
from motcua.dossiers import services
from motcua.dossiers.tests.fixtures import pdf
from motcua.payments import selectors
from motcua.payments.choices import ObligationStatus

pytestmark = pytest.mark.django_db

BA_VI = "09700"


def test_the_postal_charge_is_shown_beside_the_fees_and_left_out_of_the_bill(client, fee_world):
    world = fee_world
    load_postal_reference(world)
    open_to_post(world.procedure)
    citizen = UserFactory(username="congdan", full_name="Trần Thị Bích Ngọc")
    draft = services.create_dossier(
        procedure=world.procedure,
        case=world.case,
        channel="online",
        applicant=world.applicant(),
        receiving_agency=world.centre,
        form_data={"dien_tich": "120.5", "so_tang": "4"},
        uploads=[services.Upload("DON", pdf("don.pdf")), services.Upload("GCN", pdf("gcn.pdf"))],
        owner=citizen,
        actor=citizen,
        submit=False,
    ).dossier
    delivery_services.choose_postal_service(
        draft,
        actor=citizen,
        option=PostalOption.BOTH,
        recipient_name="Trần Thị Bích Ngọc",
        phone="0912345678",
        address="Thôn Đồng Chay",
        commune=Commune.objects.get(code=BA_VI),
        weight_grams=250,
    )
    charge = tariff_price("collection", "mountainous", 250) + tariff_price(
        "delivery", "mountainous", 250
    )
    client.force_login(citizen)  # a citizen, not an official
    review = client.get(reverse("portal:draft_review", args=[draft.pk])).content.decode()
    assert f'data-postal-charge="{charge}"' in review
    assert "trả trực tiếp cho bưu điện" in review

    dossier = services.submit_dossier(draft, actor=citizen).dossier
    money = selectors.money_of(dossier)
    fees_total = money.lines[0].breakdown.total
    assert money.lines[0].obligation.status == ObligationStatus.OPEN
    assert money.postal_charge == charge
    # What is owed to the agency is the fees alone: the postal charge is the operator's.
    assert money.outstanding == fees_total == money.lines[0].obligation.total
    page = client.get(reverse("portal:track_detail", args=[dossier.code])).content.decode()
    assert f'data-postal-charge="{charge}"' in page
    assert "không gộp vào số tiền thanh toán ở đây" in page


def test_without_a_postal_choice_there_is_no_postal_charge(fee_world):
    from motcua.dossiers.tests.fixtures import received

    money = selectors.money_of(received(fee_world))
    assert money.postal is None and money.postal_charge == 0
