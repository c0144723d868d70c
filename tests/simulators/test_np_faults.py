"""Each fault of the national portal simulator, as a client meets it."""

import time

import httpx
import pytest
from np_client import PortalClient, dossier, line


def test_refuse_auth(national_portal_sim):
    national_portal_sim.set_fault("refuse_auth")
    client = PortalClient(national_portal_sim)
    assert client.sign_in()["error_code"] == 1
    national_portal_sim.clear_faults()
    assert client.sign_in()["error_code"] == 0


def test_a_fault_for_a_period_ends_by_itself(national_portal_sim):
    national_portal_sim.set_fault("refuse_auth", seconds=0.5)
    client = PortalClient(national_portal_sim)
    assert client.sign_in()["error_code"] == 1
    time.sleep(0.7)
    assert client.sign_in()["error_code"] == 0
    assert national_portal_sim.faults() == []


def test_a_share_of_calls_is_hit_exactly(portal, national_portal_sim):
    national_portal_sim.set_fault("error_500", share=0.25)
    statuses = [
        portal.post(
            "share", {"session": portal.session, "service": "LayDanhSachTTHC", "data": {}}
        ).status_code
        for _ in range(8)
    ]
    assert statuses == [200, 200, 200, 500, 200, 200, 200, 500]
    (fault,) = national_portal_sim.faults()
    assert (fault["calls"], fault["hits"]) == (8, 2)


def test_expire_sessions(portal, national_portal_sim):
    national_portal_sim.set_fault("expire_sessions", share=0.5)
    assert portal.sync(dossier())["error_code"] == 0
    assert portal.sync(dossier())["error_code"] == -1
    # The session is gone for good: signing in again is what the client must do.
    assert portal.sync(dossier())["error_code"] == -1
    portal.sign_in()
    national_portal_sim.clear_faults()
    assert portal.sync(dossier())["error_code"] == 0


def test_error_500(portal, national_portal_sim):
    national_portal_sim.set_fault("error_500")
    response = portal.post(
        "integration", {"session": portal.session, "service": "DongBoHoSoMC", "data": dossier()}
    )
    assert response.status_code == 500
    assert national_portal_sim.dossiers() == []


def test_timeout_holds_the_request_and_never_answers(portal, national_portal_sim):
    national_portal_sim.set_fault("timeout", delay=3)
    started = time.monotonic()
    with pytest.raises(httpx.ReadTimeout):
        portal.sync(dossier(), timeout=1)
    assert time.monotonic() - started < 2.5
    # Past its delay the held request is dropped without an answer, and nothing is kept.
    national_portal_sim.set_fault("timeout", delay=0.3)
    with pytest.raises(httpx.RemoteProtocolError):
        portal.sync(dossier(), timeout=5)
    national_portal_sim.clear_faults()
    assert national_portal_sim.dossiers() == []


def test_close_drops_the_connection_without_an_answer(portal, national_portal_sim):
    national_portal_sim.set_fault("close")
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        portal.sync(dossier())
    national_portal_sim.clear_faults()
    assert national_portal_sim.dossiers() == []
    assert portal.sync(dossier())["error_code"] == 0


def test_slow_answers_after_the_delay(portal, national_portal_sim):
    national_portal_sim.set_fault("slow", delay=1)
    started = time.monotonic()
    assert portal.sync(dossier())["error_code"] == 0
    assert time.monotonic() - started >= 1
    assert len(national_portal_sim.dossiers()) == 1


def test_drop_answers_success_and_keeps_nothing(portal, national_portal_sim):
    code = "000.01.40.H26-261203-0001"
    portal.sync(dossier(code))
    national_portal_sim.set_fault("drop")
    assert portal.sync(dossier(code, status=4, isUpdating=True))["error_code"] == 0
    assert portal.progress(line(code, 4, "1")) == {"error_code": 0}
    national_portal_sim.clear_faults()
    held = national_portal_sim.dossier(code)
    assert held["times_synced"] == 1 and held["TrangThai"] == 2 and held["TienDo"] == []
    calls = national_portal_sim.calls()["calls"]
    assert {
        "service": "CapNhatTienDoHoSoMC",
        "error_code": 0,
        "note": "dropped",
        "count": 1,
    } in calls
    # The same update sent again (as reconciliation would) is then kept.
    assert portal.progress(line(code, 4, "1")) == {"error_code": 0}
    assert [t["times_received"] for t in national_portal_sim.dossier(code)["TienDo"]] == [1]


def test_bad_fault_requests_are_field_errors(national_portal_sim):
    for body, field in (
        ({"fault": "nope"}, "fault"),
        ({"fault": "slow", "share": 2}, "share"),
        ({"fault": "slow", "seconds": 0}, "seconds"),
        ({"fault": "slow", "delay": "x"}, "delay"),
    ):
        response = national_portal_sim.control("POST", "faults", body)
        assert response.status_code == 400 and response.json()["field"] == field
    assert national_portal_sim.faults() == []


def test_stopped_then_started_on_the_same_port_keeps_its_data(portal, national_portal_sim):
    portal.sync(dossier())
    port = national_portal_sim.port
    national_portal_sim.stop()
    with pytest.raises(httpx.ConnectError):
        portal.sync(dossier())
    national_portal_sim.start()
    assert national_portal_sim.port == port
    assert portal.sync(dossier(status=4, isUpdating=True))["error_code"] == 0  # sessions kept
    assert national_portal_sim.dossier(dossier()["MaHoSo"])["times_synced"] == 2
    national_portal_sim.kill()
    assert not national_portal_sim.running
    national_portal_sim.start()
    assert len(national_portal_sim.dossiers()) == 1


def test_one_fault_is_cleared_by_name_and_others_stay(national_portal_sim):
    national_portal_sim.set_fault("slow", delay=0.1)
    national_portal_sim.set_fault("drop", seconds=60)
    response = national_portal_sim.control("DELETE", "faults/slow")
    assert [f["fault"] for f in response.json()["faults"]] == ["drop"]
    (drop,) = national_portal_sim.faults()
    assert drop["until"] - drop["started_at"] == 60


def test_expired_sessions_for_a_period_then_sessions_live_again(portal, national_portal_sim):
    national_portal_sim.set_fault("expire_sessions", seconds=0.5)
    assert portal.sync(dossier())["error_code"] == -1
    portal.sign_in()
    assert portal.sync(dossier())["error_code"] == -1
    time.sleep(0.6)
    portal.sign_in()
    assert portal.sync(dossier())["error_code"] == 0
    assert national_portal_sim.calls("DongBoHoSoMC")["calls"] == [
        {"service": "DongBoHoSoMC", "error_code": -1, "note": "session", "count": 2},
        {"service": "DongBoHoSoMC", "error_code": 0, "note": "", "count": 1},
    ]
