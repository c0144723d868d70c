"""kill -9 of the delivery worker (`manage.py run_deliveries --loop`, a process of its own on
the test's database) in the middle of a run: once a worker runs again, the portal holds every
update once, in order; nothing is lost and nothing is stored twice."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.db import connection

from motcua.dossiers import services
from motcua.dossiers.choices import Outcome
from motcua.dossiers.tests.fixtures import submit_online, vn
from motcua.events.models import Delivery
from motcua.integrations.national_portal import mapping, sync
from motcua.integrations.national_portal.client import get_client
from tests.sim_process import REPO_ROOT

COUNT = 30


def database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def worker(portal) -> subprocess.Popen:
    env = dict(
        os.environ,
        DATABASE_URL=database_url(),
        NATIONAL_PORTAL_URL=portal.api_url,
        NATIONAL_PORTAL_USERNAME=portal.username,
        NATIONAL_PORTAL_PASSWORD=portal.password,
        NATIONAL_PORTAL_DSTCODE=portal.province,
        NATIONAL_PORTAL_TIMEOUT="3",
        NATIONAL_PORTAL_RETRY_BASE="0.05",
        NATIONAL_PORTAL_RETRY_MAX="0.5",
    )
    command = [sys.executable, "manage.py", "run_deliveries", "--loop"]
    command += ["--interval", "0.1", "--batch", "5", "--lease", "2"]
    return subprocess.Popen(  # noqa: S603 - our own manage.py
        command, cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def done_count() -> int:
    return Delivery.objects.filter(consumer="national_portal", status="done").count()


def wait_for(condition, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)


@pytest.mark.django_db(transaction=True)
def test_kill_9_of_the_worker_loses_and_duplicates_nothing(world, portal):
    mapping.load_defaults()
    t0 = vn(2026, 3, 2, 9)
    dossiers = []
    for i in range(COUNT):
        dossier = submit_online(world, now=t0 + timedelta(seconds=i)).dossier
        dossier = services.receive_dossier(
            dossier, actor=world.receptionist, now=t0 + timedelta(hours=1)
        )
        services.forward_dossier(dossier, actor=world.specialist, now=t0 + timedelta(days=1))
        services.decide_dossier(
            dossier,
            actor=world.leader,
            outcome=Outcome.REJECTED,
            reason="Không đủ điều kiện",
            now=t0 + timedelta(days=2),
        )
        dossiers.append(dossier)
    total = Delivery.objects.filter(consumer="national_portal").count()
    assert total == COUNT * 4
    portal.set_fault("slow", delay=0.05)  # each call takes a while: the kill lands mid-way

    kills = 0
    for threshold in (total // 4, total // 2):
        process = worker(portal)
        wait_for(lambda threshold=threshold: done_count() >= threshold)
        process.send_signal(signal.SIGKILL)
        process.wait()
        kills += 1
        assert done_count() < total
    portal.clear_faults()
    process = worker(portal)
    try:
        wait_for(lambda: done_count() == total)
    finally:
        process.terminate()
        process.wait(timeout=10)

    client = get_client()
    repeats = 0
    for dossier in dossiers:
        repeats += sum(
            line["times_received"] - 1 for line in portal.dossier(dossier.code)["TienDo"]
        )
        held = client.look_up_dossier(dossier.code)
        ids = [line["MaTienDo"] for line in held["TienDo"]]
        assert ids == sync.delivered_updates(dossier)  # every update, in order, stored once
        assert [line["TrangThai"] for line in held["TienDo"]] == [1, 2, 4, 9]
        assert held["TrangThaiHoSo"] == 9
    # At most the update in flight at each kill was sent again (and stored once).
    assert kills == 2 and repeats <= kills
