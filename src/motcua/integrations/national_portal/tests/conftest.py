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
