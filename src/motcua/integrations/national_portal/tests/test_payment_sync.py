"""The money in the dossier sync, against both simulator processes (the payment gateway and the
national portal): the fee list the dossier owes, and an online payment, once confirmed,
reaching the portal as DuocThanhToanTrucTuyen."""

from __future__ import annotations

import pytest

from motcua.dossiers.tests.fixtures import received
from motcua.events.models import OutboxEvent
from motcua.integrations.national_portal import mapping, payloads, sync
from motcua.integrations.national_portal.tests.conftest import drain
from motcua.payments.models import Obligation
from motcua.payments.tests.conftest import fee_world  # noqa: F401 - a fixture
from motcua.payments.tests.test_online_payment import (  # noqa: F401 - fixtures and helpers
    _sim_name,
    _start,
    choose,
    simulator,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    ("provider", "code"), [("national_platform", 1), ("provincial_gateway", 2)]
)
def test_an_online_payment_reaches_the_portal_with_what_is_owed(
    fee_world,  # noqa: F811
    simulator,  # noqa: F811
    portal,
    provider,
    code,
):
    mapping.load_defaults()
    dossier = received(fee_world)
    drain()
    held = portal.dossier(dossier.code)["data"]
    assert held["DuocThanhToanTrucTuyen"] == 0
    # What the dossier owes by its obligation: the fixed fee and 120.5 m² at 1 000 đồng.
    obligation = Obligation.objects.get(dossier=dossier)
    assert held["DanhSachLePhi"] == [
        {"TenPhiLePhi": item["name"], "MaPhiLePhi": item["code"], "Gia": item["amount"]}
        for item in obligation.items
    ]
    assert sorted(line["Gia"] for line in held["DanhSachLePhi"]) == [75_000, 120_500]
    syncs = portal.calls("DongBoHoSoMC")["total"]

    payment = _start(fee_world, dossier, provider)
    choose(simulator, _sim_name(provider), payment.bill_code, "paid")
    drain()

    held = portal.dossier(dossier.code)
    assert held["data"]["DuocThanhToanTrucTuyen"] == code
    assert held["data"]["TrangThaiHoSo"] == 2  # the payment changed the flag, not the status
    assert portal.calls("DongBoHoSoMC")["total"] == syncs + 1
    # The payment's delivery is no progress line: reconciliation finds nothing to send.
    paid = OutboxEvent.objects.get(dossier=dossier, type="payment.confirmed")
    assert str(paid.pk) not in sync.delivered_updates(dossier)
    assert [line["MaTienDo"] for line in held["TienDo"]] == sync.delivered_updates(dossier)
    portal_copy = held["data"] | {"TienDo": held["TienDo"]}
    assert sync.missing_lines(sync._dossier(dossier.pk), portal_copy) == []
    # The header of an event before the payment still tells the dossier as it stood then.
    received_event = OutboxEvent.objects.get(dossier=dossier, type="dossier.receive")
    before = payloads.dossier_sync(
        sync._dossier(dossier.pk),
        status=2,
        at=received_event.created_at,
        codes=mapping.procedure_codes(dossier.procedure_id),
    )
    assert before["DuocThanhToanTrucTuyen"] == 0
