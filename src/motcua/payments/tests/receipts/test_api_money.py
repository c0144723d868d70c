"""The API's dossier detail shows the money: what is owed with its breakdown, the payments
(method, status, amount, when confirmed) and the receipts (series, number, status), to a
caller allowed to see the dossier and to no one else; the OpenAPI document describes it."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.accounts.apiclients import create_api_client
from motcua.dossiers.tests.fixtures import received, vn
from motcua.payments import receipt_services, services

pytestmark = pytest.mark.django_db


def _client(agency, name="Phần mềm một cửa"):
    _row, key = create_api_client(
        name, agency=agency, scopes=["dossiers:submit", "dossiers:read", "dossiers:receive"]
    )
    return Client(HTTP_X_API_KEY=key)


def test_the_dossier_detail_shows_what_is_owed_paid_and_receipted(fee_world, desk):
    world = fee_world
    dossier = received(world)
    api = _client(world.centre)
    money = api.get(f"/api/v1/dossiers/{dossier.code}").json()["money"]
    assert money["owed"] == money["outstanding"] == 195_500
    assert money["paid"] == 0 and money["payments"] == [] and money["receipts"] == []
    (owed,) = money["obligations"]
    assert owed["stage"] == "submission" and owed["status"] == "open"
    assert {(i["code"], i["quantity"], i["amount"]) for i in owed["items"]} == {
        ("LP01", "1", 75_000),
        ("P02", "120.5", 120_500),
    }

    payment = services.record_counter_payment(
        dossier, actor=world.receptionist, method="counter_cash", now=vn(2026, 3, 2, 10, 30)
    )
    receipt = payment.receipts.get()
    receipt_services.cancel_receipt(
        receipt, reason="Sai tên người nộp", actor=world.receptionist, now=vn(2026, 3, 2, 11)
    )
    money = api.get(f"/api/v1/dossiers/{dossier.code}").json()["money"]
    assert money["paid"] == 195_500 and money["outstanding"] == 0
    assert money["obligations"][0]["status"] == "paid"
    (paid,) = money["payments"]
    assert paid["method"] == "counter_cash" and paid["status"] == "confirmed"
    assert paid["amount"] == 195_500
    assert paid["confirmed_at"].startswith("2026-03-02T10:30:00")
    (shown,) = money["receipts"]
    assert shown["series"] == desk.series.code
    assert shown["number"] == receipt.number_text
    assert shown["status"] == "cancelled"  # a cancelled receipt stays visible as cancelled
    assert shown["total"] == 195_500

    # A caller who may not see the dossier sees nothing of its money.
    assert (
        _client(world.other, "Sở khác").get(f"/api/v1/dossiers/{dossier.code}").status_code == 404
    )


def test_the_openapi_document_describes_the_money(client):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert "money" in schemas["DossierOut"]["required"]
    money = schemas["MoneyOut"]["properties"]
    assert {"owed", "paid", "outstanding", "obligations", "payments", "receipts"} <= set(money)
    assert "confirmed_at" in schemas["PaymentOut"]["properties"]
    assert {"series", "number", "status"} <= set(schemas["ReceiptOut"]["properties"])
