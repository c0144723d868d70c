"""What the receipt tests share: the dossier world's service centre with a receipt template and
a series set up by its system administrator, and confirmed payments."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pytest

from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.choices import Role
from motcua.agencies.tests.factories import RoleGrantFactory
from motcua.dossiers.tests.fixtures import World, submit_online, vn
from motcua.payments import receipt_services
from motcua.payments.choices import PaymentMethod, PaymentStatus
from motcua.payments.models import Payment

_bills = itertools.count(1)

FEE_ITEMS = [
    {"code": "LP1", "name": "Lệ phí cấp giấy phép xây dựng", "quantity": "1", "amount": 75_000},
    {"code": "P2", "name": "Phí thẩm định hồ sơ", "quantity": "2", "amount": 30_000},
]


def record_payment(
    dossier,
    *,
    amount: int = 105_000,
    method: str = PaymentMethod.NATIONAL_PLATFORM,
    at=None,
    status: str = PaymentStatus.CONFIRMED,
    items=None,
    agency=None,
    recorded_by=None,
) -> Payment:
    """A payment of `dossier` as the payments services leave it: confirmed (or pending) at
    `at`, with the dossier's applicant as payer."""
    moment = at or vn(2026, 3, 2, 9, 30)
    return Payment.objects.create(
        dossier=dossier,
        amount=amount,
        method=method,
        status=status,
        provider="national_platform" if method == PaymentMethod.NATIONAL_PLATFORM else "",
        bill_code=f"HD-TEST-{next(_bills):06d}",
        agency=agency or dossier.receiving_agency,
        agency_code=(agency or dossier.receiving_agency).code,
        agency_name=(agency or dossier.receiving_agency).name,
        dossier_code=dossier.code,
        procedure_code=dossier.procedure_snapshot["procedure"]["code"],
        payer_name=dossier.applicant_name,
        payer_id_number=dossier.applicant_personal_id,
        payer_address=dossier.applicant_address,
        fee_name="Lệ phí cấp giấy phép xây dựng",
        items=FEE_ITEMS if items is None else items,
        recorded_by=recorded_by,
        created_at=moment,
        updated_at=moment,
        confirmed_at=moment if status == PaymentStatus.CONFIRMED else None,
    )


@dataclass
class Desk:
    world: World
    admin: object
    cashier: object
    template: object
    series: object


@pytest.fixture
def desk(world) -> Desk:
    admin = UserFactory(official=True, full_name="Vũ Quản Trị")
    RoleGrantFactory(user=admin, agency=world.centre, role=Role.SYSTEM_ADMIN)
    template = receipt_services.create_template(
        agency=world.centre,
        code="01BLP0-001",
        name="Biên lai thu phí, lệ phí",
        actor=admin,
        now=vn(2026, 3, 1, 8),
    )
    series = receipt_services.create_series(
        template=template, code="C26TBL", actor=admin, now=vn(2026, 3, 1, 8, 5)
    )
    return Desk(
        world=world,
        admin=admin,
        cashier=world.receptionist,
        template=template,
        series=series,
    )


def paid_dossier(desk: Desk, *, amount: int = 105_000, at=None, **applicant):
    """A dossier submitted online and a confirmed online payment for it, with its receipt."""
    dossier = submit_online(desk.world, **applicant).dossier
    payment = record_payment(dossier, amount=amount, at=at)
    receipt = receipt_services.issue_receipt_for_payment(payment, now=at or vn(2026, 3, 2, 9, 31))
    return dossier, payment, receipt
