"""The example receiver of docs/api.md refuses a wrong signature and an old timestamp and
accepts a good one, checked both by calling its `verify` and over HTTP."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from motcua.integrations.webhooks import signing
from motcua.integrations.webhooks.tests.receiver import load_example, running, url_of

example = load_example()
SECRET = "whsec_the-subscriptions-secret"
BODY = json.dumps(
    {"id": "mc-evt-1", "type": "dossier.receive", "dossier": {"code": "X", "status": "processing"}}
).encode()


def test_verify_accepts_our_signature_and_refuses_a_wrong_one_or_an_old_one():
    now = int(time.time())
    good = signing.header_value(SECRET, now, BODY)
    example.verify(SECRET, good, BODY)  # no exception
    with pytest.raises(example.SignatureError, match="does not match"):
        example.verify("whsec_another-secret", good, BODY)
    with pytest.raises(example.SignatureError, match="does not match"):
        example.verify(SECRET, good, BODY.replace(b"processing", b"decided"))
    old = now - example.TOLERANCE_SECONDS - 1
    with pytest.raises(example.SignatureError, match="tolerance"):
        example.verify(SECRET, signing.header_value(SECRET, old, BODY), BODY)
    # The old request's signature is right: only its age refuses it.
    example.verify(SECRET, signing.header_value(SECRET, old, BODY), BODY, now=old + 1)
    for broken in (None, "", "t=abc,v1=00", f"t={now}", "v1=00"):
        with pytest.raises(example.SignatureError):
            example.verify(SECRET, broken, BODY)


def test_the_example_server_answers_401_to_a_bad_request_and_204_to_a_good_one_once():
    server = example.make_server(SECRET)
    with running(server):
        url = url_of(server)

        def post(header, event_id="mc-evt-1"):
            headers = {"Motcua-Signature": header, "Motcua-Event-Id": event_id}
            return httpx.post(url, content=BODY, headers=headers, timeout=5).status_code

        now = int(time.time())
        assert post(signing.header_value("whsec_wrong", now, BODY)) == 401
        assert post(signing.header_value(SECRET, now - 600, BODY)) == 401
        assert server.RequestHandlerClass.received == []
        assert post(signing.header_value(SECRET, now, BODY)) == 204
        assert post(signing.header_value(SECRET, now, BODY)) == 204  # a repeat, done once
        assert len(server.RequestHandlerClass.received) == 1
