import pytest

from motcua.events import consumers


@pytest.fixture
def outbound():
    """The national portal's consumer registered for the test (the settings of the suite leave
    the integration off), unregistered afterwards."""
    from motcua.integrations.national_portal import sync

    sync.register_consumer()
    yield sync
    consumers.unregister(sync.CONSUMER_NAME)


@pytest.fixture
def portal(national_portal_sim, settings, outbound):
    """The adapter pointed at the simulator process, with short timeouts and retries."""
    settings.NATIONAL_PORTAL_URL = national_portal_sim.api_url
    settings.NATIONAL_PORTAL_USERNAME = national_portal_sim.username
    settings.NATIONAL_PORTAL_PASSWORD = national_portal_sim.password
    settings.NATIONAL_PORTAL_DSTCODE = national_portal_sim.province
    settings.NATIONAL_PORTAL_TIMEOUT = 3
    settings.NATIONAL_PORTAL_RETRY_BASE = 0.05
    settings.NATIONAL_PORTAL_RETRY_MAX = 0.4
    return national_portal_sim


def drain(rounds: int = 400, *, until=None, pause: float = 0.02) -> None:
    """Run the delivery worker's batches until nothing is left to send (or `until()`)."""
    import time

    from motcua.events.models import Delivery
    from motcua.events.services import run_deliveries

    for _round in range(rounds):
        run_deliveries(limit=100)
        if until is not None and until():
            return
        ours = Delivery.objects.filter(consumer="national_portal")
        stuck = ours.filter(status__in=["held", "dead"]).values("dossier_id")
        if not ours.filter(status="pending").exclude(dossier_id__in=stuck).exists():
            return
        time.sleep(pause)
    left = Delivery.objects.exclude(status="done").values_list("pk", "status", "last_error")
    raise AssertionError(f"deliveries still pending: {list(left[:20])}")
