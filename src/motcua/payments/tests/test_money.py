"""What is owed at submission, a financial obligation requested during processing, paying at
the counter, and refunds: through the services, with their audit events and outbox events."""

from __future__ import annotations

import pytest

from motcua.dossiers import services as dossier_services
from motcua.dossiers.choices import DossierStatus, PauseReason
from motcua.dossiers.errors import DossierError, NotAllowed, TransitionRefused
from motcua.dossiers.tests.fixtures import received, submit_online, vn
from motcua.events.models import AuditEvent, OutboxEvent
from motcua.payments import selectors, services
from motcua.payments.choices import ObligationStage, ObligationStatus, PaymentMethod
from motcua.payments.models import Obligation, Payment, Refund


def test_what_is_owed_is_computed_at_submission_from_the_snapshot(fee_world):
    dossier = submit_online(fee_world).dossier  # 120.5 m² declared
    obligation = Obligation.objects.get(dossier=dossier)
    assert obligation.stage == ObligationStage.SUBMISSION
    assert obligation.status == ObligationStatus.OPEN
    assert [
        (i["code"], i["quantity"], i["unit_amount"], i["amount"]) for i in obligation.items
    ] == [
        ("LP01", "1", 75_000, 75_000),
        ("P02", "120.5", 1_000, 120_500),
    ]
    assert obligation.total == 195_500
    assert AuditEvent.objects.filter(dossier=dossier, action="fees_assessed").count() == 1
    # The live catalog changing afterwards changes nothing owed.
    fee_world.procedure.fees.update(amount=1)
    assert selectors.money_of(dossier).outstanding == 195_500


def test_a_dossier_without_fees_owes_nothing_and_gets_no_obligation(world):
    dossier = submit_online(world).dossier
    assert not Obligation.objects.filter(dossier=dossier).exists()
    money = selectors.money_of(dossier)
    assert (money.owed, money.outstanding, money.any) == (0, 0, False)


def test_a_fee_whose_quantity_is_missing_refuses_the_submission_on_that_field(fee_world):
    fee_world.procedure.fees.filter(code="P02").update(quantity_field="so_tang")
    fee_world.procedure.save()
    with pytest.raises(DossierError) as caught:
        submit_online(fee_world, form_data={"dien_tich": "80"})
    assert caught.value.field == "so_tang"
    assert not Obligation.objects.exists()


def test_paying_at_the_counter_settles_the_obligation_and_announces_it(fee_world):
    dossier = received(fee_world)
    with pytest.raises(NotAllowed):
        services.record_counter_payment(
            dossier, actor=fee_world.specialist, method=PaymentMethod.COUNTER_CASH
        )
    with pytest.raises(NotAllowed):
        services.record_counter_payment(
            dossier, actor=fee_world.outsider, method=PaymentMethod.COUNTER_CARD
        )
    with pytest.raises(DossierError) as caught:
        services.record_counter_payment(dossier, actor=fee_world.returner, method="cheque")
    assert caught.value.field == "method"
    payment = services.record_counter_payment(
        dossier,
        actor=fee_world.returner,
        method=PaymentMethod.COUNTER_CARD,
        now=vn(2026, 3, 2, 10, 30),
    )
    assert (payment.amount, payment.status, payment.recorded_by) == (
        195_500,
        "confirmed",
        fee_world.returner,
    )
    assert Obligation.objects.get(dossier=dossier).status == ObligationStatus.PAID
    event = OutboxEvent.objects.get(type="payment.confirmed")
    assert event.payload["payment"] == payment.pk
    assert event.payload["dossier"] == dossier.code
    assert event.payload["amount"] == 195_500
    assert event.payload["method"] == "counter_card"
    audit = AuditEvent.objects.get(dossier=dossier, action="payment_confirmed")
    assert audit.actor == fee_world.returner and audit.data["amount"] == 195_500
    # Nothing is left to take: a second payment is refused, not recorded.
    with pytest.raises(TransitionRefused):
        services.record_counter_payment(
            dossier, actor=fee_world.receptionist, method=PaymentMethod.COUNTER_CASH
        )
    assert Payment.objects.count() == 1
    assert selectors.paid_online_code(dossier) is None


def test_a_financial_obligation_pauses_the_dossier_and_payment_resumes_it(fee_world):
    dossier = received(fee_world)
    services.record_counter_payment(
        dossier, actor=fee_world.receptionist, method=PaymentMethod.COUNTER_CASH
    )
    dossier.refresh_from_db()
    due_before = dossier.due_at
    with pytest.raises(DossierError) as caught:
        services.request_payment(
            dossier,
            actor=fee_world.specialist,
            items=[services.RequestedItem("Tiền sử dụng đất", 0)],
            note="Theo thông báo của cơ quan thuế",
        )
    assert caught.value.field == "amount"
    with pytest.raises(NotAllowed):
        services.request_payment(
            dossier,
            actor=fee_world.outsider,
            items=[services.RequestedItem("Tiền sử dụng đất", 12_000_000)],
            note="Theo thông báo của cơ quan thuế",
        )
    obligation = services.request_payment(
        dossier,
        actor=fee_world.specialist,
        items=[
            services.RequestedItem("Tiền sử dụng đất", 12_000_000, "TSDD"),
            services.RequestedItem("Lệ phí trước bạ", 600_000, "LPTB"),
        ],
        note="Theo thông báo nộp tiền số 123/TB-CCT",
        now=vn(2026, 3, 3, 9),
    )
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PAUSED
    assert dossier.pauses.get(ended_at__isnull=True).reason == PauseReason.FINANCIAL
    assert obligation.total == 12_600_000 and obligation.stage == ObligationStage.PROCESSING
    payment = services.record_counter_payment(
        dossier,
        actor=fee_world.receptionist,
        method=PaymentMethod.COUNTER_CASH,
        now=vn(2026, 3, 5, 9),
    )
    assert payment.amount == 12_600_000
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROCESSING
    assert dossier.due_at > due_before  # two working days paused
    resume = AuditEvent.objects.filter(dossier=dossier, action="resume").get()
    assert resume.data["obligation_met"] is True
    assert OutboxEvent.objects.filter(type="payment.confirmed").count() == 2


def test_refunds_only_for_refused_withdrawn_or_stopped_dossiers_within_what_was_paid(fee_world):
    dossier = received(fee_world)
    payment = services.record_counter_payment(
        dossier, actor=fee_world.receptionist, method=PaymentMethod.COUNTER_CASH
    )
    with pytest.raises(TransitionRefused):
        services.refund_payment(
            payment, actor=fee_world.receptionist, amount=1_000, reason="Thu thừa"
        )
    dossier_services.withdraw_dossier(
        dossier, actor=None, proof=_proof(dossier), reason="Không có nhu cầu nữa"
    )
    with pytest.raises(NotAllowed):
        services.refund_payment(payment, actor=fee_world.specialist, amount=1_000, reason="Rút")
    with pytest.raises(DossierError) as caught:
        services.refund_payment(payment, actor=fee_world.receptionist, amount=1_000, reason=" ")
    assert caught.value.field == "reason"
    refund = services.refund_payment(
        payment,
        actor=fee_world.receptionist,
        amount=120_500,
        reason="Hồ sơ đã rút trước khi thẩm định",
        now=vn(2026, 3, 4, 9),
    )
    with pytest.raises(DossierError) as caught:
        services.refund_payment(
            payment, actor=fee_world.receptionist, amount=75_001, reason="Hoàn nốt"
        )
    assert caught.value.field == "amount"
    services.refund_payment(payment, actor=fee_world.receptionist, amount=75_000, reason="Hoàn nốt")
    assert Refund.objects.filter(payment=payment).count() == 2
    assert [r.pk for r in selectors.refunds_for(fee_world.receptionist)][-1] == refund.pk
    assert list(selectors.refunds_for(fee_world.outsider)) == []
    audit = AuditEvent.objects.filter(dossier=dossier, action="refund").first()
    assert audit.actor == fee_world.receptionist and audit.data["amount"] == 120_500
    assert OutboxEvent.objects.filter(type="payment.refunded").count() == 2
    assert selectors.money_of(dossier).refunded == 195_500


def _proof(dossier):
    from motcua.dossiers.tests.fixtures import tracking

    return tracking(dossier)


def _online(world):
    from motcua.dossiers.tests.fixtures import tracking

    dossier = received(world)
    started = services.start_online_payment(
        dossier, provider_name="provincial_gateway", proof=tracking(dossier)
    )
    return dossier, started.payment


def _notice(payment, outcome, txn="PG1", amount=None):
    from motcua.payments.providers.base import Notice

    return Notice(
        bill_code=payment.bill_code,
        outcome=outcome,
        amount=payment.amount if amount is None else amount,
        transaction_id=txn,
    )


def test_out_of_order_news_never_undoes_a_confirmed_payment(fee_world):
    from motcua.payments.providers import get

    provider = get("provincial_gateway")
    dossier, payment = _online(fee_world)
    assert services.apply_notice(provider, _notice(payment, "paid"), source="notification")
    late_failure = services.apply_notice(
        provider, _notice(payment, "failed"), source="notification"
    )
    assert late_failure.outcome == "ignored"
    other_txn = services.apply_notice(
        provider, _notice(payment, "paid", txn="PG2"), source="notification"
    )
    assert other_txn.outcome == "ignored"
    payment.refresh_from_db()
    assert (payment.status, payment.provider_transaction_id) == ("confirmed", "PG1")
    assert OutboxEvent.objects.filter(type="payment.confirmed").count() == 1


def test_money_taken_after_a_reported_failure_is_still_recorded(fee_world):
    from motcua.payments.providers import get

    provider = get("provincial_gateway")
    dossier, payment = _online(fee_world)
    services.apply_notice(provider, _notice(payment, "failed", txn=""), source="notification")
    payment.refresh_from_db()
    assert payment.status == "failed"
    applied = services.apply_notice(provider, _notice(payment, "paid"), source="reconciliation")
    assert applied.outcome == "applied"
    payment.refresh_from_db()
    assert payment.status == "confirmed"


def test_a_notice_with_another_amount_or_bill_changes_nothing(fee_world):
    from motcua.payments.providers import get
    from motcua.payments.providers.base import Notice

    provider = get("provincial_gateway")
    dossier, payment = _online(fee_world)
    wrong = services.apply_notice(
        provider, _notice(payment, "paid", amount=payment.amount - 1), source="notification"
    )
    assert wrong.outcome == "mismatch"
    unknown = services.apply_notice(
        provider, Notice("NO-SUCH-BILL", "paid", 1, "PG9"), source="notification"
    )
    assert unknown.outcome == "unknown_bill"
    payment.refresh_from_db()
    assert payment.status == "pending"
    # Another provider cannot settle this provider's bill.
    other = services.apply_notice(get("national_platform"), _notice(payment, "paid"), source="n")
    assert other.outcome == "unknown_bill"


def test_the_same_transaction_id_cannot_pay_two_bills(fee_world):
    from motcua.payments.providers import get

    provider = get("provincial_gateway")
    dossier, payment = _online(fee_world)
    services.apply_notice(provider, _notice(payment, "paid", txn="PG7"), source="notification")
    services.request_payment(
        dossier,
        actor=fee_world.specialist,
        items=[services.RequestedItem("Tiền sử dụng đất", 1_000_000)],
        note="Thông báo 1/TB",
    )
    from motcua.dossiers.tests.fixtures import tracking

    second = services.start_online_payment(
        dossier, provider_name="provincial_gateway", proof=tracking(dossier)
    ).payment
    replay = services.apply_notice(
        provider, _notice(second, "paid", txn="PG7"), source="notification"
    )
    assert replay.outcome == "duplicate"
    second.refresh_from_db()
    assert second.status == "pending"
