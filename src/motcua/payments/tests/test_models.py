"""The database keeps a provider's transaction to one payment, whatever the code above it does."""

import pytest
from django.db import IntegrityError, transaction

from motcua.dossiers.tests.fixtures import submit_online, vn
from motcua.payments.choices import PaymentMethod, PaymentStatus
from motcua.payments.models import Payment


def _payment(dossier, *, bill, provider="national_platform", txn=""):
    moment = vn(2026, 3, 2, 9, 30)
    return Payment.objects.create(
        dossier=dossier,
        amount=150_000,
        method=PaymentMethod.NATIONAL_PLATFORM,
        provider=provider,
        provider_transaction_id=txn,
        bill_code=bill,
        agency=dossier.receiving_agency,
        payer_name=dossier.applicant_name,
        created_at=moment,
        updated_at=moment,
    )


def test_a_transaction_id_is_unique_per_provider(world):
    dossier = submit_online(world).dossier
    _payment(dossier, bill="B1", txn="T-1")
    _payment(dossier, bill="B2")  # bills not yet paid carry no transaction id
    _payment(dossier, bill="B3")
    _payment(dossier, bill="B4", provider="provincial_gateway", txn="T-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        _payment(dossier, bill="B5", txn="T-1")
    assert Payment.objects.filter(provider_transaction_id="T-1").count() == 2


def test_a_confirmed_payment_has_its_moment(world):
    dossier = submit_online(world).dossier
    payment = _payment(dossier, bill="B1")
    payment.status = PaymentStatus.CONFIRMED
    with pytest.raises(IntegrityError), transaction.atomic():
        payment.save()
