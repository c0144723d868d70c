"""Receipts through their services: set up by the agency's administrator (audited in the
reference chain), one per confirmed payment whatever repeats, numbered in order, cancelled or
replaced but never edited or deleted, and issued late for payments confirmed before a series
existed."""

import pytest
from django.db import IntegrityError, connection, transaction

from motcua.dossiers.errors import DossierError, NotAllowed, TransitionRefused
from motcua.dossiers.tests.fixtures import submit_online, vn
from motcua.events.models import AuditEvent, OutboxEvent, ReferenceAuditEvent
from motcua.events.reference import verify_reference_chain
from motcua.events.verify import verify_dossier
from motcua.payments import receipt_services
from motcua.payments.choices import PaymentStatus
from motcua.payments.models import Receipt, ReceiptCancellation
from motcua.payments.tests.receipts.fixtures import paid_dossier, record_payment


def test_the_administrator_sets_up_a_series_and_it_is_audited(desk):
    events = list(ReferenceAuditEvent.objects.order_by("seq"))
    assert [e.action for e in events][-2:] == ["receipt_template_created", "receipt_series_opened"]
    assert events[-1].subject_key == f"{desk.world.centre.code}:01BLP0-001:C26TBL"
    assert verify_reference_chain() == []
    assert OutboxEvent.objects.filter(type="receipt.series_opened").count() == 1


def test_only_the_agencys_administrator_sets_up_receipts(desk):
    with pytest.raises(NotAllowed):
        receipt_services.create_template(
            agency=desk.world.centre, code="02BLP0", actor=desk.world.receptionist
        )
    with pytest.raises(NotAllowed):
        receipt_services.create_series(
            template=desk.template, code="D26", actor=desk.world.outsider
        )


def test_bad_codes_are_refused_with_their_field(desk):
    with pytest.raises(DossierError) as caught:
        receipt_services.create_template(
            agency=desk.world.centre, code="mẫu số 1", actor=desk.admin
        )
    assert caught.value.field == "code"
    with pytest.raises(DossierError) as caught:
        receipt_services.create_series(template=desk.template, code="c26tbl", actor=desk.admin)
    assert caught.value.field == "code"  # the same series, typed in lower case
    with pytest.raises(DossierError) as caught:
        receipt_services.create_series(
            template=desk.template, code="X1", number_width=30, actor=desk.admin
        )
    assert caught.value.field == "number_width"


def test_a_confirmed_payment_gets_one_receipt_whatever_repeats(desk):
    dossier, payment, receipt = paid_dossier(desk)
    again = receipt_services.issue_receipt_for_payment(payment, now=vn(2026, 3, 2, 9, 40))
    assert again.pk == receipt.pk
    assert Receipt.objects.filter(payment=payment).count() == 1
    assert receipt.number == 1 and receipt.number_text == "0000001"
    assert receipt.total == 105_000
    assert receipt.total_words == "Một trăm linh năm nghìn đồng"
    assert [line["name"] for line in receipt.items] == [
        "Lệ phí cấp giấy phép xây dựng",
        "Phí thẩm định hồ sơ",
    ]
    assert receipt.payer_name == "Trần Thị Bích Ngọc"
    assert receipt.agency_name == desk.world.centre.name
    assert receipt.dossier_code == dossier.code
    assert receipt.issued_by is None  # online: issued by the system
    actions = list(AuditEvent.objects.filter(dossier=dossier).values_list("action", flat=True))
    assert actions.count("receipt_issued") == 1
    dossier.refresh_from_db()
    assert verify_dossier(dossier) == []
    assert OutboxEvent.objects.filter(type="receipt.issued", dossier=dossier).count() == 1


def test_the_database_keeps_one_first_receipt_per_payment(desk):
    _dossier, payment, receipt = paid_dossier(desk)
    with pytest.raises(IntegrityError), transaction.atomic():
        Receipt.objects.create(
            **{
                f.attname: getattr(receipt, f.attname)
                for f in Receipt._meta.concrete_fields
                if f.attname not in ("id", "number")
            },
            number=99,
        )


def test_receipts_are_numbered_in_order(desk):
    numbers = [paid_dossier(desk)[2].number_text for _ in range(3)]
    assert numbers == ["0000001", "0000002", "0000003"]
    desk.series.refresh_from_db()
    assert desk.series.last_number == 3


def test_a_pending_payment_gets_no_receipt(desk):
    dossier = submit_online(desk.world).dossier
    payment = record_payment(dossier, status=PaymentStatus.PENDING)
    with pytest.raises(TransitionRefused):
        receipt_services.issue_receipt_for_payment(payment)
    assert not Receipt.objects.exists()


def test_payments_before_any_series_get_their_receipts_when_it_opens(world):
    from motcua.accounts.tests.factories import UserFactory
    from motcua.agencies.choices import Role
    from motcua.agencies.tests.factories import RoleGrantFactory

    first = record_payment(submit_online(world).dossier, at=vn(2026, 3, 2, 9))
    second = record_payment(submit_online(world).dossier, at=vn(2026, 3, 2, 10))
    assert receipt_services.issue_receipt_for_payment(first) is None
    assert list(receipt_services.payments_owing_receipts()) == [first, second]
    admin = UserFactory(official=True)
    RoleGrantFactory(user=admin, agency=world.centre, role=Role.SYSTEM_ADMIN)
    template = receipt_services.create_template(agency=world.centre, code="01BLP0", actor=admin)
    receipt_services.create_series(template=template, code="C26T", actor=admin)
    assert [r.payment_id for r in Receipt.objects.order_by("number")] == [first.pk, second.pk]
    assert not receipt_services.payments_owing_receipts().exists()


def test_a_new_series_closes_the_old_and_numbers_from_one(desk):
    paid_dossier(desk)
    new = receipt_services.create_series(template=desk.template, code="C27TBL", actor=desk.admin)
    desk.series.refresh_from_db()
    assert not desk.series.active and desk.series.closed_at is not None
    receipt = paid_dossier(desk)[2]
    assert (receipt.series_id, receipt.number) == (new.pk, 1)


def test_a_cancelled_receipt_stays_as_cancelled(desk):
    dossier, _payment, receipt = paid_dossier(desk)
    with pytest.raises(DossierError) as caught:
        receipt_services.cancel_receipt(receipt, reason="  ", actor=desk.cashier)
    assert caught.value.field == "reason"
    with pytest.raises(NotAllowed):
        receipt_services.cancel_receipt(receipt, reason="Sai", actor=desk.world.outsider)
    receipt_services.cancel_receipt(
        receipt, reason="Thu nhầm hồ sơ", actor=desk.cashier, now=vn(2026, 3, 2, 11)
    )
    kept = Receipt.objects.get(pk=receipt.pk)
    assert kept.status == "cancelled" and kept.cancellation.reason == "Thu nhầm hồ sơ"
    assert kept.total == 105_000  # nothing about it changed
    with pytest.raises(TransitionRefused):
        receipt_services.cancel_receipt(kept, reason="Lần nữa", actor=desk.cashier)
    assert "receipt_cancelled" in AuditEvent.objects.filter(dossier=dossier).values_list(
        "action", flat=True
    )
    dossier.refresh_from_db()
    assert verify_dossier(dossier) == []


def test_a_replacement_takes_a_new_number_and_names_the_old(desk):
    dossier, payment, receipt = paid_dossier(desk)
    paid_dossier(desk)  # number 2
    new = receipt_services.replace_receipt(
        receipt,
        reason="Sai tên người nộp",
        payer_name="Trần Thị Bích Ngọc Anh",
        actor=desk.cashier,
        now=vn(2026, 3, 2, 11),
    )
    assert new.number == 3 and new.replaces_id == receipt.pk
    assert new.payer_name == "Trần Thị Bích Ngọc Anh"
    assert new.total == payment.amount and new.issued_by == desk.cashier
    old = Receipt.objects.get(pk=receipt.pk)
    assert old.status == "replaced" and old.replaced_by == new
    assert new.status == "issued"
    with pytest.raises(TransitionRefused):
        receipt_services.replace_receipt(old, reason="Lần nữa", actor=desk.cashier)
    dossier.refresh_from_db()
    assert verify_dossier(dossier) == []


def test_replacing_refuses_an_empty_payer_name(desk):
    _dossier, _payment, receipt = paid_dossier(desk)
    with pytest.raises(DossierError) as caught:
        receipt_services.replace_receipt(
            receipt, reason="Sai tên", payer_name="   ", actor=desk.cashier
        )
    assert caught.value.field == "payer_name"
    assert not ReceiptCancellation.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="triggers exist on PostgreSQL")
def test_postgresql_refuses_to_edit_or_delete_a_receipt(desk):
    from django.db import DatabaseError

    _dossier, _payment, receipt = paid_dossier(desk)
    receipt_services.cancel_receipt(receipt, reason="Sai", actor=desk.cashier)
    with pytest.raises(DatabaseError), transaction.atomic():
        Receipt.objects.filter(pk=receipt.pk).update(total=1)
    with pytest.raises(DatabaseError), transaction.atomic():
        Receipt.objects.filter(pk=receipt.pk).delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        ReceiptCancellation.objects.filter(receipt=receipt).update(reason="khác")
    assert Receipt.objects.get(pk=receipt.pk).total == 105_000


def test_a_counter_payment_through_the_payments_service_issues_its_receipt(fee_world, desk):
    from motcua.dossiers.tests.fixtures import received
    from motcua.payments import services
    from motcua.payments.choices import PaymentMethod

    dossier = received(fee_world)
    payment = services.record_counter_payment(
        dossier, actor=fee_world.returner, method=PaymentMethod.COUNTER_CASH
    )
    receipt = Receipt.objects.get(payment=payment)
    assert receipt.issued_by == fee_world.returner
    assert receipt.total == payment.amount == 195_500
    assert receipt.total_words == "Một trăm chín mươi lăm nghìn năm trăm đồng"
    assert sum(line["amount"] for line in receipt.items) == receipt.total
    assert len(receipt.items) == 2
    dossier.refresh_from_db()
    assert verify_dossier(dossier) == []
    actions = list(AuditEvent.objects.filter(dossier=dossier).values_list("action", flat=True))
    assert actions[-2:] == ["payment_confirmed", "receipt_issued"]


def test_repeated_late_and_reconciled_provider_news_make_one_receipt(fee_world, desk, settings):
    """A notification applied, then the same again, then a late failure, then the answer of
    reconciliation: one payment, one receipt."""
    from motcua.dossiers.tests.fixtures import tracking
    from motcua.payments import providers, services
    from motcua.payments.models import Payment
    from motcua.payments.providers.base import FAILED, PAID, Notice

    settings.PAYMENT_NATIONAL_SECRET = "test-national-secret"
    dossier = submit_online(fee_world).dossier
    services.start_online_payment(
        dossier, provider_name="national_platform", proof=tracking(dossier)
    )
    payment = Payment.objects.get(dossier=dossier)
    provider = providers.get("national_platform")
    paid = Notice(payment.bill_code, PAID, amount=payment.amount, transaction_id="GD-1")
    for notice, source in [
        (paid, "notification"),
        (paid, "notification"),
        (Notice(payment.bill_code, FAILED), "notification"),
        (paid, "reconciliation"),
    ]:
        services.apply_notice(provider, notice, source=source)
    receipts = Receipt.objects.filter(payment=payment)
    assert receipts.count() == 1
    receipt = receipts.get()
    assert receipt.status == "issued" and receipt.total == payment.amount
    assert receipt.method == "national_platform" and receipt.issued_by is None
    assert OutboxEvent.objects.filter(type="receipt.issued").count() == 1
