"""Dossier codes: shape, gapless and unique under concurrency, widening past 9,999."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import connection

from motcua.dossiers import codes, services
from motcua.dossiers.models import Dossier, DossierCounter
from motcua.dossiers.tests.fixtures import submit_online, vn


def test_the_code_is_agency_day_and_four_digit_number():
    assert codes.format_code("000.00.12.H26", date(2020, 6, 5), 1) == "000.00.12.H26-200605-0001"


def test_past_9999_in_a_day_the_number_widens_rather_than_wraps():
    assert (
        codes.format_code("000.00.12.H26", date(2026, 1, 2), 10000) == "000.00.12.H26-260102-10000"
    )


def test_the_local_day_is_vietnam_time():
    # 23:30 UTC on 1 March is 06:30 on 2 March in Hà Nội.
    from datetime import UTC, datetime

    assert codes.local_day(datetime(2026, 3, 1, 23, 30, tzinfo=UTC)) == date(2026, 3, 2)


def test_a_lookup_secret_is_checked_against_its_hash_only():
    secret = codes.new_lookup_secret()
    stored = codes.hash_lookup_secret(secret)
    assert secret not in stored
    assert codes.check_lookup_secret(secret.lower(), stored)
    assert not codes.check_lookup_secret("AAAAAAAAAA", stored)


@pytest.mark.django_db(transaction=True)
def test_thirty_parallel_submissions_to_one_agency_get_thirty_consecutive_codes(world):
    if connection.vendor == "sqlite" and connection.settings_dict["TEST"].get("NAME") in (
        None,
        "",
        ":memory:",
    ):
        pytest.skip(
            "parallel writers need a file-based SQLite test database (see settings.SQLITE_TEST_NAME)"
        )
    barrier = threading.Barrier(30)
    failures: list[BaseException] = []

    def submit(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            submit_online(world, now=vn(2026, 3, 2, 9, 0), name=f"Người nộp {index}")
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures
    numbers = sorted(
        int(code.rsplit("-", 1)[1]) for code in Dossier.objects.values_list("code", flat=True)
    )
    assert numbers == list(range(1, 31))
    assert DossierCounter.objects.get(agency=world.centre).last_number == 30


def test_a_rolled_back_submission_gives_its_number_back(world):
    from motcua.dossiers.errors import DossierError

    first = submit_online(world, now=vn(2026, 3, 2, 9)).dossier
    with pytest.raises(DossierError):
        services.create_dossier(
            procedure=world.procedure,
            case=world.case,
            channel="online",
            applicant=world.applicant(),
            receiving_agency=world.centre,
            form_data={},
            uploads=[],
            now=vn(2026, 3, 2, 9),
        )
    second = submit_online(world, now=vn(2026, 3, 2, 9)).dossier
    assert (first.code[-4:], second.code[-4:]) == ("0001", "0002")
