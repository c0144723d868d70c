"""Two identical submissions racing with the same Idempotency-Key make one dossier."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client

from motcua.accounts.apiclients import create_api_client
from motcua.api.tests.test_dossiers_api import multipart, payload
from motcua.dossiers.models import Dossier


@pytest.mark.django_db(transaction=True)
def test_racing_retries_with_one_key_make_one_dossier_and_get_the_same_answer(world):
    _, key = create_api_client("Ki-ốt", agency=world.centre, scopes=["dossiers:submit"])
    barrier = threading.Barrier(4)
    answers, failures = [], []

    def post() -> None:
        try:
            client = Client(HTTP_X_API_KEY=key)
            body = multipart(world, payload(world))
            barrier.wait(timeout=30)
            response = client.post("/api/v1/dossiers", body, HTTP_IDEMPOTENCY_KEY="race-1")
            answers.append((response.status_code, response.json()))
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures
    assert Dossier.objects.count() == 1
    assert {status for status, _ in answers} == {201}
    assert len({body["code"] for _, body in answers}) == 1
    assert Dossier.objects.get().code.endswith("-0001")
