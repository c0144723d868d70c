"""The daily payment reconciliation per agency: paid online, paid at the counter, pending,
refunded, and the valid receipts, whose totals match what was paid; a payment left without a
valid receipt shows as a difference and is listed; CSV and XLSX carry the same figures."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.choices import Role
from motcua.agencies.tests.factories import RoleGrantFactory
from motcua.dossiers.tests.fixtures import submit_online, vn
from motcua.payments import receipt_services, reconciliation
from motcua.payments.choices import PaymentMethod, PaymentStatus
from motcua.payments.models import Refund
from motcua.payments.tests.receipts.fixtures import record_payment
from motcua.payments.tests.receipts.xlsx import read_rows
from motcua.testing import sign_in_official

DAY = date(2026, 3, 2)


@pytest.fixture
def day_of_payments(desk):
    """2 March 2026 at the centre: two online payments (105,000 and 50,000), one at the counter
    (200,000), one bill still pending (30,000), and one refund of the 50,000; a payment of
    the next day (999,000) and one confirmed just before midnight, Vietnam time, of the 1st."""
    world = desk.world

    def pay(amount, at, method=PaymentMethod.NATIONAL_PLATFORM, status=PaymentStatus.CONFIRMED):
        payment = record_payment(
            submit_online(world).dossier, amount=amount, at=at, method=method, status=status
        )
        if status == PaymentStatus.CONFIRMED:
            actor = desk.cashier if method == PaymentMethod.COUNTER_CASH else None
            receipt_services.issue_receipt_for_payment(payment, actor=actor, now=at)
        return payment

    pay(105_000, vn(2026, 3, 2, 9))
    refunded = pay(50_000, vn(2026, 3, 2, 10), method=PaymentMethod.PROVINCIAL_GATEWAY)
    counter = pay(200_000, vn(2026, 3, 2, 11), method=PaymentMethod.COUNTER_CASH)
    pay(30_000, vn(2026, 3, 2, 14), status=PaymentStatus.PENDING)
    pay(999_000, vn(2026, 3, 3, 0, 5))
    pay(7_000, vn(2026, 3, 1, 23, 55))
    Refund.objects.create(
        payment=refunded,
        dossier=refunded.dossier,
        amount=50_000,
        reason="Hồ sơ bị từ chối",
        refunded_at=vn(2026, 3, 2, 16),
        refunded_by=desk.cashier,
    )
    return {"counter": counter}


def test_the_days_figures_and_their_receipts_match(desk, day_of_payments):
    report = reconciliation.daily_reconciliation(desk.cashier, day_from=DAY)
    assert len(report.rows) == 1
    row = report.rows[0]
    assert (row.agency_name, row.day) == (desk.world.centre.name, DAY)
    assert (row.online.count, row.online.amount) == (2, 155_000)
    assert (row.counter.count, row.counter.amount) == (1, 200_000)
    assert (row.pending.count, row.pending.amount) == (1, 30_000)
    assert (row.refunded.count, row.refunded.amount) == (1, 50_000)
    assert (row.receipts.count, row.receipts.amount) == (3, 355_000)
    assert row.matches and row.difference == 0
    assert report.total.receipts.amount == report.total.paid.amount == 355_000
    assert report.unmatched == []


def test_a_cancelled_receipt_leaves_a_difference_until_it_is_replaced(desk, day_of_payments):
    counter = day_of_payments["counter"]
    receipt = counter.receipts.get()
    receipt_services.cancel_receipt(receipt, reason="Sai số tiền", actor=desk.cashier)
    report = reconciliation.daily_reconciliation(desk.cashier, day_from=DAY)
    assert not report.rows[0].matches
    assert report.rows[0].difference == 200_000
    assert [payment.pk for payment in report.unmatched] == [counter.pk]
    receipt_services.replace_receipt(receipt, reason="Lập lại", actor=desk.cashier)
    report = reconciliation.daily_reconciliation(desk.cashier, day_from=DAY)
    assert report.rows[0].matches and report.unmatched == []


def test_a_replaced_receipt_still_matches(desk, day_of_payments):
    receipt = day_of_payments["counter"].receipts.get()
    receipt_services.replace_receipt(receipt, reason="Sai tên", actor=desk.cashier)
    report = reconciliation.daily_reconciliation(desk.cashier, day_from=DAY)
    assert report.rows[0].matches and report.rows[0].receipts.count == 3


def test_several_days_give_a_row_each(desk, day_of_payments):
    report = reconciliation.daily_reconciliation(
        desk.cashier, day_from=date(2026, 3, 1), day_to=date(2026, 3, 3)
    )
    assert [(row.day, row.paid.amount) for row in report.rows] == [
        (date(2026, 3, 1), 7_000),
        (DAY, 355_000),
        (date(2026, 3, 3), 999_000),
    ]
    assert report.total.paid.amount == report.total.receipts.amount == 1_361_000


def test_only_the_readers_agencies(desk, day_of_payments):
    report = reconciliation.daily_reconciliation(desk.world.outsider, day_from=DAY)
    assert report.rows == []
    reader = UserFactory(official=True)
    RoleGrantFactory(user=reader, agency=desk.world.centre, role=Role.REPORT_READER)
    assert reconciliation.daily_reconciliation(reader, day_from=DAY).rows[0].matches


def test_csv_and_xlsx_carry_the_figures_and_the_total(client, desk, day_of_payments):
    sign_in_official(client, desk.cashier)
    url = reverse("office:reconciliation")
    page = client.get(url, {"tu-ngay": "02/03/2026"})
    assert page.status_code == 200 and "Khớp" in page.content.decode()
    response = client.get(url, {"tu-ngay": "2026-03-02", "xuat": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Mã cơ quan" and rows[0][14] == "Khớp"
    centre, total = rows[1], rows[2]
    assert centre[2] == "02/03/2026"
    assert centre[3:15] == [
        "2", "155000", "1", "200000", "1", "30000", "1", "50000", "3", "355000", "0", "Khớp"
    ]  # fmt: skip
    assert total[1] == "Tổng cộng" and total[12] == "355000"
    xlsx = client.get(url, {"tu-ngay": "2026-03-02", "xuat": "xlsx"})
    assert xlsx.status_code == 200
    sheet = read_rows(xlsx.content)
    assert sheet[0] == ["Đối soát thanh toán từ 02/03/2026 đến 02/03/2026"]
    assert sheet[2][3:14] == [2, 155_000, 1, 200_000, 1, 30_000, 1, 50_000, 3, 355_000, 0]
    assert sheet[3][4] + sheet[3][6] == sheet[3][12] == 355_000


def test_a_bad_day_falls_back_to_today_without_an_error(client, desk):
    sign_in_official(client, desk.cashier)
    response = client.get(reverse("office:reconciliation"), {"tu-ngay": "31/02/2026"})
    assert response.status_code == 200
