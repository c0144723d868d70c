"""The outbound sync against the simulator process: a whole life in order, an unmapped
procedure held then sent, session expiry, refusals kept for administrators, reconciliation."""

from datetime import date

import pytest

from motcua.dossiers import services
from motcua.dossiers.choices import PauseReason
from motcua.dossiers.tests.fixtures import approve_with_permit, pdf, received, tracking, vn
from motcua.events.models import Delivery
from motcua.integrations.national_portal import mapping, payloads, reconcile, sync
from motcua.integrations.national_portal.client import Client, Config, Refused
from motcua.integrations.national_portal.tests.conftest import drain


def live(world, dossier):
    """Forward, supplement, decide and return: the rest of a life."""
    services.pause_dossier(
        dossier,
        actor=world.specialist,
        reason=PauseReason.SUPPLEMENT,
        note="Thiếu bản vẽ",
        items=["Bản vẽ"],
        now=vn(2026, 3, 4, 10),
    )
    dossier.refresh_from_db()
    services.provide_supplement(
        dossier, files=[pdf("ban-ve.pdf")], proof=tracking(dossier), now=vn(2026, 3, 6, 10)
    )
    dossier.refresh_from_db()
    services.forward_dossier(dossier, actor=world.specialist, now=vn(2026, 3, 10, 15))
    dossier = approve_with_permit(
        world, dossier, number="7/GPXD", signed_on=date(2026, 3, 11), now=vn(2026, 3, 11, 9)
    )
    services.return_result(
        dossier,
        actor=world.returner,
        channel="counter",
        collected_by_name="Trần Thị Bích Ngọc",
        collected_by_id_number="001190012345",
        now=vn(2026, 3, 12, 9),
    )
    return dossier


def _rounds(count):
    import time

    from motcua.events.services import run_deliveries

    for _round in range(count):
        run_deliveries(limit=100)
        time.sleep(0.1)


def expected_codes(dossier):
    return [
        sync._event_status(dossier, d.event, d.event.type.split(".", 1)[1])
        for d in Delivery.objects.filter(consumer="national_portal", dossier=dossier)
        .select_related("event")
        .order_by("event_id")
    ]


def test_a_whole_life_reaches_the_portal_in_order_once(world, portal):
    mapping.load_defaults()
    dossier = live(world, received(world))
    drain()
    held = portal.dossier(dossier.code)
    lines = held["TienDo"]
    assert [line["TrangThai"] for line in lines] == [1, 2, 5, 4, 4, 9, 10]
    assert [line["MaTienDo"] for line in lines] == sync.delivered_updates(dossier)
    assert all(line["times_received"] == 1 for line in lines)
    assert held["data"]["TrangThaiHoSo"] == 10
    ours = payloads.dossier_sync(
        sync._dossier(dossier.pk),
        status=10,
        at=vn(2026, 3, 12, 9),
        codes=mapping.procedure_codes(dossier.procedure_id),
    )
    assert {k: held["data"][k] for k in ours} == ours
    assert [s["isUpdating"] for s in held["syncs"]] == [False] + [True] * 5
    # The step forward changes nothing of the header: only its progress line was sent.
    assert portal.calls("DongBoHoSoMC")["total"] == 6
    assert not reconcile.reconcile().differing


def test_an_unmapped_procedure_is_held_then_sent_once_mapped(world, portal, admin_user):
    dossier = received(world)
    drain()
    assert portal.dossier(dossier.code) is None
    first = Delivery.objects.filter(dossier=dossier, consumer="national_portal").order_by("pk")[0]
    assert first.status == "held" and world.procedure.code in first.last_error
    mapping.set_procedure_mapping(
        world.procedure,
        actor=admin_user,
        national_procedure_code="1.009999",
        national_service_code="1.009999.000.00.00.H26",
    )
    drain()
    held = portal.dossier(dossier.code)
    assert [line["TrangThai"] for line in held["TienDo"]] == [1, 2]
    assert held["data"]["MaTTHC"] == "1.009999"
    assert all(line["times_received"] == 1 for line in held["TienDo"])


def test_an_expired_session_signs_in_again_once(portal):
    client = Client(Config(portal.api_url, portal.username, portal.password, portal.province, 3))
    client.list_fields()
    assert client.sign_ins == 1
    portal.control("POST", "sessions/expire")
    client.list_fields()
    client.list_fields()
    assert client.sign_ins == 2


def test_refused_sign_in_is_a_refusal_with_the_portals_message(portal):
    client = Client(Config(portal.api_url, portal.username, "sai-mat-khau", portal.province, 3))
    with pytest.raises(Refused) as refused:
        client.list_fields()
    assert refused.value.code == 1 and "mật khẩu" in refused.value.message


def test_reconciliation_resends_what_the_portal_dropped(world, portal, settings):
    mapping.load_defaults()
    settings.NATIONAL_PORTAL_VERIFY = False
    dossier = received(world)
    drain()
    portal.set_fault("drop")
    services.forward_dossier(dossier, actor=world.specialist, now=vn(2026, 3, 3, 15))
    approve_with_permit(
        world, dossier, number="9/GPXD", signed_on=date(2026, 3, 4), now=vn(2026, 3, 4, 9)
    )
    drain()
    portal.clear_faults()
    assert len(portal.dossier(dossier.code)["TienDo"]) == 2  # the forward and decision dropped
    report = reconcile.reconcile()
    assert report.differing == [dossier.code]
    drain()
    held = portal.dossier(dossier.code)
    assert [line["MaTienDo"] for line in held["TienDo"]] == sync.delivered_updates(dossier)
    assert [line["TrangThai"] for line in held["TienDo"]] == [1, 2, 4, 9]
    assert held["data"]["TrangThaiHoSo"] == 9
    assert not reconcile.reconcile().differing


def test_verification_retries_a_dropped_update_until_it_is_kept(world, portal):
    mapping.load_defaults()
    dossier = received(world)
    portal.set_fault("drop")
    _rounds(5)
    first = Delivery.objects.filter(dossier=dossier, consumer="national_portal").order_by("pk")[0]
    assert first.status == "pending" and first.attempts >= 1
    assert "does not hold the update" in first.last_error
    portal.clear_faults()
    drain()
    held = portal.dossier(dossier.code)
    assert [line["TrangThai"] for line in held["TienDo"]] == [1, 2]
    assert all(line["times_received"] == 1 for line in held["TienDo"])


def test_a_dossier_received_and_not_yet_acted_on_agrees_with_the_portal(world, portal):
    """Reception reports 2, and the dossier then sits in processing: reconciliation must read
    the 2 of its last synced act, not the 4 of its status, or it re-sends it every round."""
    mapping.load_defaults()
    dossier = received(world)
    drain()
    held = portal.dossier(dossier.code)
    assert held["data"]["TrangThaiHoSo"] == 2
    assert payloads.status_at(dossier, dossier.received_at) == 2
    assert not reconcile.reconcile().differing
    services.forward_dossier(dossier, actor=world.specialist, now=vn(2026, 3, 3, 15))
    drain()
    assert portal.dossier(dossier.code)["data"]["TrangThaiHoSo"] == 4
    assert not reconcile.reconcile().differing
