"""Subscribing through the API: event types validated, the secret shown once and kept only
encrypted, each client seeing and deleting only its own subscriptions, every change audited."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from motcua.accounts.apiclients import create_api_client
from motcua.events.models import ReferenceAuditEvent
from motcua.integrations.webhooks import sealing
from motcua.integrations.webhooks.events import EVENT_TYPES
from motcua.integrations.webhooks.models import Subscription
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db
URL = "https://he-thong.example.vn/motcua/su-kien"


def key_of(world, name, agency=None, scopes=("dossiers:read",)):
    _client, key = create_api_client(name, agency=agency or world.centre, scopes=list(scopes))
    return Client(HTTP_X_API_KEY=key)


def subscribe(api, **body):
    body = {"url": URL, "event_types": ["dossier.receive", "dossier.decide"], **body}
    return api.post("/api/v1/webhooks/subscriptions", body, content_type="application/json")


def test_a_client_subscribes_sees_its_secret_once_and_it_is_stored_encrypted(world):
    api = key_of(world, "Hệ thống Sở Xây dựng")
    created = subscribe(api, description="Theo dõi cấp phép")
    assert created.status_code == 201
    body = created.json()
    secret = body["secret"]
    assert secret.startswith("whsec_") and len(secret) > 40
    assert body["event_types"] == ["dossier.receive", "dossier.decide"]
    stored = Subscription.objects.get(pk=body["id"])
    assert secret not in stored.secret_sealed
    assert sealing.unseal(stored.secret_sealed) == secret
    listed = api.get("/api/v1/webhooks/subscriptions").json()
    assert [item["id"] for item in listed] == [body["id"]]
    assert "secret" not in listed[0] and secret not in json.dumps(listed)
    event = ReferenceAuditEvent.objects.get(action="webhook_subscribed")
    assert event.data["url"] == URL and secret not in json.dumps(event.data)


def test_event_types_and_addresses_are_checked_field_by_field(world, settings):
    settings.WEBHOOK_ALLOW_LOOPBACK_HTTP = False
    api = key_of(world, "Hệ thống 2")
    unknown = subscribe(api, event_types=["dossier.receive", "dossier.khong_co"])
    assert unknown.status_code == 422
    assert {e["field"] for e in unknown.json()["errors"]} == {"event_types"}
    assert subscribe(api, event_types=[]).status_code == 422
    for refused in (
        "http://he-thong.example.vn/su-kien",  # plain HTTP to another machine
        "https://ai:matkhau@he-thong.example.vn/su-kien",  # credentials in the address
        "ftp://he-thong.example.vn",
        "https://he-thong.example.vn:99999/su-kien",  # no such port
        "https://:443/su-kien",  # no host
        "https://169.254.169.254/latest/meta-data",  # link-local: cloud metadata
        "https://127.0.0.1/admin",  # this machine, when loopback is not allowed
        "https://[::]/su-kien",
    ):
        answer = subscribe(api, url=refused)
        assert answer.status_code == 422, refused
        assert [e["field"] for e in answer.json()["errors"]] == ["url"], refused
    assert Subscription.objects.count() == 0
    types = api.get("/api/v1/webhooks/event-types").json()
    assert [t["type"] for t in types] == list(EVENT_TYPES)
    assert "dossier.save_draft" not in EVENT_TYPES and "dossier.receive" in EVENT_TYPES
    assert next(t for t in types if t["type"] == "dossier.receive")["label"] == "Tiếp nhận"


def test_loopback_http_only_when_allowed(world, settings):
    api = key_of(world, "Hệ thống 3")
    settings.WEBHOOK_ALLOW_LOOPBACK_HTTP = False
    refused = subscribe(api, url="http://127.0.0.1:9/su-kien")
    assert refused.status_code == 422
    assert refused.json()["errors"] == [
        {"field": "url", "message": "Địa chỉ nhận phải dùng HTTPS."}
    ]
    settings.WEBHOOK_ALLOW_LOOPBACK_HTTP = True
    assert subscribe(api, url="http://127.0.0.1:9/su-kien").status_code == 201
    assert subscribe(api, url="http://10.0.0.5/su-kien").status_code == 422


def test_a_client_sees_and_deletes_only_its_own_subscriptions(world):
    mine, theirs = key_of(world, "Của tôi"), key_of(world, "Của người khác")
    created = subscribe(mine).json()
    other = subscribe(theirs).json()
    assert [s["id"] for s in theirs.get("/api/v1/webhooks/subscriptions").json()] == [other["id"]]
    path = f"/api/v1/webhooks/subscriptions/{created['id']}"
    assert theirs.delete(path).status_code == 404
    assert Subscription.objects.get(pk=created["id"]).is_active
    assert mine.delete(path).status_code == 204
    assert mine.get("/api/v1/webhooks/subscriptions").json() == []
    kept = Subscription.objects.get(pk=created["id"])
    assert not kept.is_active and kept.deleted_at is not None  # its history stays
    assert mine.delete(path).status_code == 404
    assert ReferenceAuditEvent.objects.filter(action="webhook_unsubscribed").count() == 1


def test_subscribing_needs_a_key_with_the_read_scope_not_a_session(world):
    without = key_of(world, "Ki-ốt nộp hồ sơ", scopes=("dossiers:submit",))
    assert subscribe(without).status_code == 403
    assert Client().get("/api/v1/webhooks/subscriptions").status_code == 401
    session = Client()
    sign_in_official(session, world.receptionist)
    assert session.get("/api/v1/webhooks/subscriptions").status_code == 403


def test_the_number_of_subscriptions_is_limited(world, settings):
    settings.WEBHOOK_SUBSCRIPTIONS_PER_CLIENT = 2
    api = key_of(world, "Hệ thống 4")
    assert [subscribe(api).status_code for _ in range(3)] == [201, 201, 422]
