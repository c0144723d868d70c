"""Receipt numbers under concurrent payments, on PostgreSQL: 20 payments taken at the counter
at once (the payments service confirms each and issues its receipt in the same transaction),
each in its own thread with its own database connection, take the numbers 1 to 20 of the
series, each exactly once; and payments whose transaction rolls back after taking a number
leave no gap. (SQLite serialises writers, so the race only exists on PostgreSQL.)"""

import threading

import pytest
from django.db import connection, connections, transaction

from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.fixtures import submit_online, vn
from motcua.payments import services
from motcua.payments.choices import PaymentMethod
from motcua.payments.models import Payment, Receipt, ReceiptSeries

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the race needs PostgreSQL's row locks"
    ),
]


class RolledBack(Exception):
    pass


def _pay_in_threads(desk, dossier_ids, *, roll_back=frozenset()):
    """Take each dossier's fees at the counter in a thread of its own, all released at once;
    the dossiers in `roll_back` fail after their receipt is issued, and their transaction is
    rolled back."""
    barrier = threading.Barrier(len(dossier_ids))
    errors = []

    def work(dossier_id):
        try:
            dossier = Dossier.objects.get(pk=dossier_id)
            barrier.wait(timeout=30)
            try:
                with transaction.atomic():
                    services.record_counter_payment(
                        dossier,
                        actor=desk.cashier,
                        method=PaymentMethod.COUNTER_CASH,
                        now=vn(2026, 3, 2, 10),
                    )
                    if dossier_id in roll_back:
                        raise RolledBack
            except RolledBack:
                pass
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(pk,)) for pk in dossier_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []


def _dossiers(desk, count):
    """Dossiers submitted online, each owing the fee world's fees."""
    return [
        submit_online(desk.world, now=vn(2026, 3, 2, 9, minute)).dossier.pk
        for minute in range(count)
    ]


def test_twenty_parallel_payments_take_numbers_one_to_twenty(fee_world, desk):
    dossier_ids = _dossiers(desk, 20)
    _pay_in_threads(desk, dossier_ids)
    payments = Payment.objects.filter(dossier_id__in=dossier_ids)
    assert payments.count() == 20
    numbers = sorted(Receipt.objects.filter(series=desk.series).values_list("number", flat=True))
    assert numbers == list(range(1, 21))
    assert sorted(Receipt.objects.values_list("payment_id", flat=True)) == sorted(
        payments.values_list("pk", flat=True)
    )
    assert ReceiptSeries.objects.get(pk=desk.series.pk).last_number == 20


def test_rolled_back_payments_leave_no_gap(fee_world, desk):
    dossier_ids = _dossiers(desk, 12)
    failing = frozenset(dossier_ids[::3])
    _pay_in_threads(desk, dossier_ids, roll_back=failing)
    kept = len(dossier_ids) - len(failing)
    assert Payment.objects.count() == kept
    numbers = sorted(Receipt.objects.filter(series=desk.series).values_list("number", flat=True))
    assert numbers == list(range(1, kept + 1))
    assert not Receipt.objects.filter(dossier_id__in=failing).exists()
    assert ReceiptSeries.objects.get(pk=desk.series.pk).last_number == kept
