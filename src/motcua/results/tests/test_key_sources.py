"""Which key sources start: the remote gateway needs an https address outside DEBUG (or a
loopback one), an unknown name is refused (PKCS#11's own checks: test_pkcs11_token.py)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from motcua.integrations.signing.sources import Pkcs12Source, RemoteSource, key_source


def test_the_remote_gateway_needs_tls_in_production(settings):
    settings.RESULT_SIGNING_SOURCE = "remote"
    settings.DEBUG = False
    settings.RESULT_SIGNING_REMOTE_URL = "http://gateway.example.vn"
    with pytest.raises(ImproperlyConfigured, match="https"):
        key_source()
    settings.RESULT_SIGNING_REMOTE_URL = "http://127.0.0.1:8104"  # loopback: never leaves
    assert isinstance(key_source(), RemoteSource)
    settings.RESULT_SIGNING_REMOTE_URL = "https://gateway.example.vn"
    assert isinstance(key_source(), RemoteSource)


def test_unknown_sources_are_refused_and_empty_signs_nothing(settings):
    settings.RESULT_SIGNING_SOURCE = "usb"
    with pytest.raises(ImproperlyConfigured):
        key_source()
    settings.RESULT_SIGNING_SOURCE = ""
    assert key_source() is None
    settings.RESULT_SIGNING_SOURCE = "pkcs12"
    assert isinstance(key_source(), Pkcs12Source)
