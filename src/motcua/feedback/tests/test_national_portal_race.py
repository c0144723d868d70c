"""The national portal pushing the same complaint from several connections at once makes one
complaint (meaningful on PostgreSQL; SQLite serialises the writers)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client

from motcua.accounts.apiclients import NATIONAL_PORTAL_SCOPE, create_api_client
from motcua.feedback.models import Complaint


@pytest.mark.django_db(transaction=True)
def test_racing_pushes_of_one_complaint_make_one(world):
    _, key = create_api_client(
        "Cổng Dịch vụ công quốc gia", agency=world.centre.parent, scopes=[NATIONAL_PORTAL_SCOPE]
    )
    body = {
        "MaPAKN": "PAKN-QG-RACE",
        "kind": "complaint",
        "title": "Trễ hẹn",
        "content": "Chưa nhận được kết quả.",
        "contact_name": "Lê Thị Hoa",
        "contact_phone": "0987654321",
        "procedure_code": world.procedure.code,
    }
    barrier = threading.Barrier(4)
    answers, failures = [], []

    def push() -> None:
        try:
            client = Client(HTTP_X_API_KEY=key)
            barrier.wait(timeout=30)
            response = client.post(
                "/api/v1/feedback/national-portal/complaints", body, content_type="application/json"
            )
            answers.append((response.status_code, response.json()))
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=push) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures
    assert Complaint.objects.count() == 1
    assert sorted(status for status, _ in answers) == [200, 200, 200, 201]
    assert len({answer["code"] for _, answer in answers}) == 1
