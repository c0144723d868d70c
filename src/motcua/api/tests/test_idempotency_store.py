"""The Idempotency-Key store keeps no secret in clear and forgets after 24 hours."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from motcua.api import idempotency
from motcua.api.models import IdempotencyRecord
from motcua.api.tests.test_dossiers_api import kiosk, multipart, payload  # noqa: F401
from motcua.dossiers.models import Dossier

pytestmark = pytest.mark.django_db

KEY = "retry-7f3a9c1e-idempotency"


def _submit(world, client, key=KEY):
    return client.post(
        "/api/v1/dossiers", multipart(world, payload(world)), HTTP_IDEMPOTENCY_KEY=key
    )


def _stored_row_text() -> str:
    """Every column of every stored record, as the database returns it."""
    table = IdempotencyRecord._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (a model's own table name)
        return repr(cursor.fetchall())


def test_the_stored_row_holds_neither_the_lookup_secret_nor_the_key(world, kiosk):  # noqa: F811
    first = _submit(world, kiosk)
    assert first.status_code == 201, first.json()
    secret = first.json()["lookup_secret"]
    stored = _stored_row_text()
    assert secret and secret not in stored
    assert KEY not in stored
    # The retry still gets the secret back, opened with the client's key.
    again = _submit(world, kiosk)
    assert again.status_code == 201 and again.json()["lookup_secret"] == secret


def test_the_sealed_secret_opens_only_with_the_clients_key(world, kiosk):  # noqa: F811
    secret = _submit(world, kiosk).json()["lookup_secret"]
    record = IdempotencyRecord.objects.get()
    right = idempotency.IdempotencyKey.of(record.client, KEY)
    wrong = idempotency.IdempotencyKey.of(record.client, KEY + "x")
    assert right.open(record.sealed_secret) == secret
    assert wrong.open(record.sealed_secret) is None


def test_the_same_key_from_another_client_is_another_request(world, kiosk, settings):  # noqa: F811
    from django.test import Client

    from motcua.accounts.apiclients import create_api_client

    _client, other_key = create_api_client(
        "Ki-ốt thứ hai", agency=world.centre, scopes=["dossiers:submit"]
    )
    first = _submit(world, kiosk)
    second = _submit(world, Client(HTTP_X_API_KEY=other_key))
    assert second.status_code == 201 and second.json()["code"] != first.json()["code"]
    assert Dossier.objects.count() == 2


def test_a_record_older_than_24_hours_is_ignored(world, kiosk):  # noqa: F811
    first = _submit(world, kiosk)
    IdempotencyRecord.objects.update(created_at=timezone.now() - timedelta(hours=24, minutes=1))
    again = _submit(world, kiosk)
    assert again.status_code == 201 and again.json()["code"] != first.json()["code"]
    assert Dossier.objects.count() == 2
    # The expired record gave way to the new one.
    assert IdempotencyRecord.objects.get().dossier.code == again.json()["code"]


def test_a_record_younger_than_24_hours_still_answers(world, kiosk):  # noqa: F811
    first = _submit(world, kiosk)
    IdempotencyRecord.objects.update(created_at=timezone.now() - timedelta(hours=23, minutes=59))
    again = _submit(world, kiosk)
    assert again.json() == first.json() and Dossier.objects.count() == 1


def test_the_sweep_deletes_only_expired_records(world, kiosk):  # noqa: F811
    _submit(world, kiosk, key="old")
    _submit(world, kiosk, key="fresh")
    now = timezone.now()
    IdempotencyRecord.objects.filter(pk=IdempotencyRecord.objects.order_by("pk")[0].pk).update(
        created_at=now - timedelta(hours=25)
    )
    out = StringIO()
    call_command("sweep_idempotency_keys", stdout=out)
    assert "1" in out.getvalue()
    assert IdempotencyRecord.objects.count() == 1
    assert idempotency.sweep(now=now + idempotency.TTL) == 1
    assert not IdempotencyRecord.objects.exists()
