"""How dossiers reach us from the national portal simulator: its own push to our running
server (and its push twice), the poll that fetches what a push missed and answers each, and
two deliveries of one dossier at the same moment."""

from __future__ import annotations

import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from motcua.dossiers.choices import Channel
from motcua.dossiers.models import Dossier
from motcua.integrations.national_portal.inbound_models import InboundDossier, PollRetry
from motcua.integrations.national_portal.poll import stored_cursor
from motcua.integrations.national_portal.tests.inbound_helpers import (
    connect,
    integration_client,
    signed_post,
    submit_on_portal,
)


@pytest.fixture
def portal(settings, world, national_portal_sim):
    connect(settings, national_portal_sim)
    integration_client(world)
    return national_portal_sim


def replies(sim) -> dict:
    return {s["MaHoSoQG"]: s for s in sim.submissions()}


@pytest.mark.django_db(transaction=True)
def test_the_portal_pushing_twice_to_our_server_makes_one_dossier(live_server, world, portal):
    portal.configure(motcua_url=live_server.url)
    portal.set_fault("push_twice")
    body = submit_on_portal(portal, world)
    held = replies(portal)[body["MaHoSoQG"]]
    assert held["push_count"] == 2
    assert [p["status"] for p in held["pushes"]] == [200, 200]
    dossier = Dossier.objects.get()
    assert held["MaHoSo"] == dossier.code and held["accepted"] is True
    assert InboundDossier.objects.get().deliveries == 2


def test_the_poll_fetches_what_a_push_missed_and_answers_it(world, portal):
    portal.set_fault("no_push")
    missed = submit_on_portal(portal, world)
    unknown = submit_on_portal(portal, world, procedure="9.999999")
    assert not Dossier.objects.exists()

    call_command("poll_national_portal")

    dossier = Dossier.objects.get()
    assert dossier.channel == Channel.NATIONAL_PORTAL
    inbound = InboundDossier.objects.get()
    assert inbound.national_code == missed["MaHoSoQG"] and inbound.arrived_by == "poll"
    assert inbound.answered_at is not None
    held = replies(portal)
    assert held[missed["MaHoSoQG"]]["reply"]["KetQua"] == 1
    assert held[missed["MaHoSoQG"]]["MaHoSo"] == dossier.code
    assert held[unknown["MaHoSoQG"]]["reply"]["KetQua"] == 0
    assert "9.999999" in held[unknown["MaHoSoQG"]]["reply"]["LyDo"]
    assert stored_cursor()

    # The next poll starts after the cursor: nothing is taken or answered twice.
    answers = portal.calls("PhanHoiTiepNhanHoSo")["total"]
    call_command("poll_national_portal")
    assert Dossier.objects.count() == 1
    assert portal.calls("PhanHoiTiepNhanHoSo")["total"] == answers == 2


def test_the_poll_finds_a_pushed_dossier_again_without_a_second_one(client, world, portal):
    body = submit_on_portal(portal, world)
    assert signed_post(client, body, secret=portal.inbound_secret).status_code == 200
    call_command("poll_national_portal")
    assert Dossier.objects.count() == 1
    assert InboundDossier.objects.get().deliveries == 2


def test_the_poll_keeps_its_cursor_when_the_portal_is_down(world, portal):
    portal.set_fault("no_push")
    submit_on_portal(portal, world)
    portal.set_fault("error_500")
    call_command("poll_national_portal")
    assert not Dossier.objects.exists() and stored_cursor() == ""
    portal.clear_faults()
    call_command("poll_national_portal")
    assert Dossier.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_deliveries_at_the_same_moment_make_one_dossier(world, portal):
    body = submit_on_portal(portal, world)
    answers: list = []
    start = threading.Barrier(2)

    def deliver():
        try:
            start.wait()
            answers.append(signed_post(Client(), body, secret=portal.inbound_secret))
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert [answer.status_code for answer in answers] == [200, 200]
    assert answers[0].json() == answers[1].json()
    assert Dossier.objects.count() == 1 and InboundDossier.objects.count() == 1
    assert InboundDossier.objects.get().deliveries == 2


def test_a_dossier_whose_file_link_is_down_does_not_hold_up_the_next(world, portal):
    portal.set_fault("no_push")
    first = submit_on_portal(portal, world)
    second = submit_on_portal(portal, world)
    down = f"submissions/{first['MaHoSoQG']}/files-down"
    assert portal.control("POST", down, {"down": True}).status_code == 200

    call_command("poll_national_portal")

    # The second is taken and answered; the first is kept, the cursor is past both.
    taken = InboundDossier.objects.get()
    assert taken.national_code == second["MaHoSoQG"]
    kept = PollRetry.objects.get()
    assert kept.national_code == first["MaHoSoQG"] and "503" in kept.last_error
    assert replies(portal)[second["MaHoSoQG"]]["reply"]["KetQua"] == 1
    assert not replies(portal)[first["MaHoSoQG"]]["reply"]
    cursor = stored_cursor()
    assert cursor

    call_command("poll_national_portal")  # still down: kept again, nothing lost
    assert PollRetry.objects.get().attempts == 2
    assert Dossier.objects.count() == 1

    portal.control("POST", down, {"down": False})
    call_command("poll_national_portal")
    assert Dossier.objects.count() == 2 and not PollRetry.objects.exists()
    dossier = InboundDossier.objects.get(national_code=first["MaHoSoQG"]).dossier
    assert replies(portal)[first["MaHoSoQG"]]["MaHoSo"] == dossier.code
    assert stored_cursor() == cursor


def test_the_poll_answers_again_a_push_whose_answer_the_portal_lost(client, world, portal):
    # The push reached us and we answered 200, but the portal never read the answer: it has
    # no code of ours for the dossier.
    portal.set_fault("no_push")
    body = submit_on_portal(portal, world)
    pushed = signed_post(client, body, secret=portal.inbound_secret)
    assert pushed.status_code == 200
    assert not replies(portal)[body["MaHoSoQG"]]["MaHoSo"]

    call_command("poll_national_portal")

    dossier = Dossier.objects.get()
    held = replies(portal)[body["MaHoSoQG"]]
    assert held["MaHoSo"] == dossier.code == pushed.json()["MaHoSo"]
    assert held["reply"]["KetQua"] == 1
    assert InboundDossier.objects.get().deliveries == 2
