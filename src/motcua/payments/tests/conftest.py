"""A fee-bearing procedure for the payment tests: the world's building permit with a fixed
charge and a fee per square metre of the declared area."""

from __future__ import annotations

import pytest

from motcua.catalog.choices import FeeBasis, FeeKind
from motcua.catalog.tests.factories import FeeFactory


@pytest.fixture
def fee_world(world):
    FeeFactory(procedure=world.procedure, code="LP01", name="Lệ phí cấp giấy phép", amount=75_000)
    FeeFactory(
        procedure=world.procedure,
        code="P02",
        name="Phí thẩm định theo diện tích",
        kind=FeeKind.PER_COPY,
        basis=FeeBasis.AREA,
        quantity_field="dien_tich",
        amount=1_000,
    )
    world.procedure.save()  # a new updated_at: the cached parts are read again
    return world
