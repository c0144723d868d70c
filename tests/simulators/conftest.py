"""The national portal simulator's tests: a signed-in protocol client."""

import pytest
from np_client import PortalClient


@pytest.fixture
def portal(national_portal_sim):
    client = PortalClient(national_portal_sim)
    assert client.sign_in()["error_code"] == 0
    return client
