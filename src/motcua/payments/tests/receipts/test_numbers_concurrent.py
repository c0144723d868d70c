"""Receipt numbers under concurrent payments, on PostgreSQL: 20 payments confirmed at once in
one series, each in its own thread with its own database connection, take the numbers 1 to 20,
each exactly once; and payments whose transaction rolls back after taking a number leave no
gap. (SQLite serialises writers, so the race only exists on PostgreSQL.)"""

import threading

import pytest
from django.db import connection, connections, transaction

from motcua.dossiers.tests.fixtures import submit_online, vn
from motcua.payments import receipt_services
from motcua.payments.models import Payment, Receipt, ReceiptSeries
from motcua.payments.tests.receipts.fixtures import record_payment

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the race needs PostgreSQL's row locks"
    ),
]


class RolledBack(Exception):
    pass


def _confirm_in_threads(payment_ids, *, roll_back=frozenset()):
    """Issue each payment's receipt in a thread of its own, all released at once; the payments
    in `roll_back` fail after taking their number, and their transaction is rolled back."""
    barrier = threading.Barrier(len(payment_ids))
    errors = []

    def work(payment_id):
        try:
            payment = Payment.objects.get(pk=payment_id)
            barrier.wait(timeout=30)
            try:
                with transaction.atomic():
                    receipt_services.issue_receipt_for_payment(payment, now=vn(2026, 3, 2, 10))
                    if payment_id in roll_back:
                        raise RolledBack
            except RolledBack:
                pass
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(pk,)) for pk in payment_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []


def _payments(desk, count):
    return [
        record_payment(submit_online(desk.world).dossier, at=vn(2026, 3, 2, 9, minute)).pk
        for minute in range(count)
    ]


def test_twenty_parallel_payments_take_numbers_one_to_twenty(desk):
    payment_ids = _payments(desk, 20)
    _confirm_in_threads(payment_ids)
    numbers = sorted(Receipt.objects.filter(series=desk.series).values_list("number", flat=True))
    assert numbers == list(range(1, 21))
    assert sorted(Receipt.objects.values_list("payment_id", flat=True)) == sorted(payment_ids)
    assert ReceiptSeries.objects.get(pk=desk.series.pk).last_number == 20


def test_rolled_back_payments_leave_no_gap(desk):
    payment_ids = _payments(desk, 12)
    failing = frozenset(payment_ids[::3])
    _confirm_in_threads(payment_ids, roll_back=failing)
    kept = len(payment_ids) - len(failing)
    numbers = sorted(Receipt.objects.filter(series=desk.series).values_list("number", flat=True))
    assert numbers == list(range(1, kept + 1))
    assert not Receipt.objects.filter(payment_id__in=failing).exists()
    assert ReceiptSeries.objects.get(pk=desk.series.pk).last_number == kept
