"""payments/fees.py: every kind of fee, every basis, exemptions, and the properties that must
hold for any input."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.payments import fees

FIXED = {"code": "LP01", "name": "Lệ phí cấp phép", "kind": "fixed", "amount": 75_000}
PER_COPY = {"code": "P02", "name": "Phí sao y", "kind": "per_copy", "amount": 2_000}
PER_M2 = {
    "code": "P03",
    "name": "Phí thẩm định theo diện tích",
    "kind": "per_copy",
    "basis": "area",
    "quantity_field": "dien_tich",
    "amount": 1_500,
}
BY_VALUE = {
    "code": "P04",
    "name": "Phí công chứng hợp đồng",
    "kind": "tiered",
    "basis": "value",
    "quantity_field": "gia_tri",
    "tiers": [
        {"up_to": 50_000_000, "amount": 50_000},
        {"up_to": 100_000_000, "amount": 100_000},
        {"up_to": None, "amount": 300_000},
    ],
}
BY_AREA = {
    "code": "P05",
    "name": "Lệ phí theo diện tích",
    "kind": "tiered",
    "basis": "area",
    "quantity_field": "dien_tich",
    "tiers": [{"up_to": 100, "amount": 50_000}, {"up_to": 500, "amount": 100_000}],
}
EXEMPTING = {**FIXED, "code": "LP06", "exempt_groups": ["poor_household", "merit"]}


def test_fixed_fee_ignores_the_quantity():
    breakdown = fees.compute([FIXED], sets_count=7)
    (item,) = breakdown.items
    assert (item.code, item.name, item.quantity, item.unit_amount, item.amount) == (
        "LP01",
        "Lệ phí cấp phép",
        Decimal(1),
        75_000,
        75_000,
    )
    assert breakdown.total == 75_000


def test_per_copy_counts_the_sets_when_no_field_is_named():
    assert fees.compute([PER_COPY], sets_count=3).total == 6_000
    assert fees.compute([PER_COPY], sets_count=1).total == 2_000


def test_per_copy_counts_a_named_field():
    fee = {**PER_COPY, "quantity_field": "so_ban"}
    assert fees.compute([fee], form_data={"so_ban": 5}, sets_count=1).total == 10_000
    assert fees.compute([fee], form_data={"so_ban": "4"}).total == 8_000


def test_per_square_metre_rounds_half_up_to_the_dong():
    # 120.5 m² × 1,500 = 180,750; 0.3 m² × 1,500 = 450; 0.001 m² × 1,500 = 1.5 → 2
    assert fees.compute([PER_M2], form_data={"dien_tich": "120.5"}).total == 180_750
    assert fees.compute([PER_M2], form_data={"dien_tich": "0,3"}).total == 450
    assert fees.compute([PER_M2], form_data={"dien_tich": "0.001"}).total == 2
    assert fees.compute([PER_M2], form_data={"dien_tich": 0}).total == 0


@pytest.mark.parametrize(
    ("value", "owed"),
    [
        (0, 50_000),
        (1, 50_000),
        (50_000_000, 50_000),  # the bound belongs to its tier
        (50_000_001, 100_000),
        (100_000_000, 100_000),
        (100_000_001, 300_000),
        (10**13, 300_000),
    ],
)
def test_tiered_by_value(value, owed):
    breakdown = fees.compute([BY_VALUE], form_data={"gia_tri": value})
    assert breakdown.total == owed
    assert breakdown.items[0].quantity == Decimal(value)


@pytest.mark.parametrize(
    ("area", "owed"), [("99.9", 50_000), ("100", 50_000), ("100.01", 100_000), (500, 100_000)]
)
def test_tiered_by_area(area, owed):
    assert fees.compute([BY_AREA], form_data={"dien_tich": area}).total == owed


def test_an_area_beyond_the_last_closed_tier_is_a_field_error():
    with pytest.raises(fees.FeeError) as caught:
        fees.compute([BY_AREA], form_data={"dien_tich": 501})
    assert caught.value.field == "dien_tich"


@pytest.mark.parametrize("bad", [None, "", "mười", "-5", True, "NaN", "Infinity"])
def test_a_missing_or_bad_quantity_names_its_field(bad):
    form = {} if bad is None else {"dien_tich": bad}
    with pytest.raises(fees.FeeError) as caught:
        fees.compute([PER_M2], form_data=form)
    assert caught.value.field == "dien_tich"
    assert "dien_tich" in caught.value.message


def test_zero_sets_is_refused():
    with pytest.raises(fees.FeeError):
        fees.compute([PER_COPY], sets_count=0)


def test_an_exempted_applicant_owes_nothing_for_that_fee_only():
    form = {fees.EXEMPTION_FIELD: ["merit"]}
    breakdown = fees.compute([EXEMPTING, PER_COPY], form_data=form, sets_count=2)
    exempt, copied = breakdown.items
    assert (exempt.amount, exempt.unit_amount, exempt.exempted_for) == (0, 75_000, "merit")
    assert (copied.amount, copied.exempted_for) == (4_000, "")
    assert breakdown.total == 4_000
    assert breakdown.exempted == (exempt,)


def test_a_group_the_fee_does_not_list_exempts_nothing():
    form = {fees.EXEMPTION_FIELD: "disabled"}
    assert fees.compute([EXEMPTING], form_data=form).total == 75_000


def test_declared_groups_are_read_from_one_code_or_a_list():
    assert fees.declared_groups({fees.EXEMPTION_FIELD: "merit"}) == {"merit"}
    assert fees.declared_groups({fees.EXEMPTION_FIELD: ["merit", ""]}) == {"merit"}
    assert fees.declared_groups({fees.EXEMPTION_FIELD: 3}) == frozenset()
    assert fees.declared_groups(None) == frozenset()


def test_groups_passed_in_take_the_place_of_the_declared_ones():
    form = {fees.EXEMPTION_FIELD: "merit"}
    assert fees.compute([EXEMPTING], form_data=form, groups=set()).total == 75_000
    assert fees.compute([EXEMPTING], groups={"poor_household"}).total == 0


def test_no_fees_owe_nothing():
    assert fees.compute([]).total == 0
    assert fees.compute([]).items == ()


def test_the_breakdown_round_trips_through_storage():
    breakdown = fees.compute(
        [FIXED, PER_M2, BY_VALUE, EXEMPTING],
        form_data={"dien_tich": "120.5", "gia_tri": 60_000_000, fees.EXEMPTION_FIELD: "merit"},
    )
    stored = breakdown.as_list()
    assert stored[1]["quantity"] == "120.5"
    assert stored[2]["quantity"] == "60000000"
    again = fees.Breakdown.from_list(stored)
    assert again == breakdown
    assert again.total == 75_000 + 180_750 + 100_000


def test_a_snapshot_fee_without_the_newer_keys_is_a_fee_per_set():
    """Snapshots written before fees had a basis (dossiers/snapshots.py, version 2)."""
    old = {"code": "X", "name": "Lệ phí", "kind": "per_copy", "amount": 10_000, "tiers": []}
    assert fees.compute([old], sets_count=2).total == 20_000


amounts = st.integers(min_value=0, max_value=10**9)
quantities = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False)


@given(rate=amounts, quantity=quantities)
def test_per_unit_is_the_product_within_half_a_dong(rate, quantity):
    fee = {**PER_M2, "amount": rate}
    owed = fees.compute([fee], form_data={"dien_tich": str(quantity)}).total
    assert abs(Decimal(owed) - rate * quantity) <= Decimal("0.5")


@given(
    bounds=st.lists(st.integers(min_value=1, max_value=10**9), min_size=1, max_size=6, unique=True),
    rates=st.lists(amounts, min_size=7, max_size=7),
    quantity=st.integers(min_value=0, max_value=2 * 10**9),
)
def test_tiered_picks_the_first_tier_that_covers(bounds, rates, quantity):
    bounds = sorted(bounds)
    tiers = [{"up_to": b, "amount": r} for b, r in zip(bounds, rates, strict=False)]
    tiers.append({"up_to": None, "amount": rates[-1]})
    fee = {**BY_VALUE, "tiers": tiers}
    owed = fees.compute([fee], form_data={"gia_tri": quantity}).total
    expected = next(t["amount"] for t in tiers if t["up_to"] is None or quantity <= t["up_to"])
    assert owed == expected


@given(
    chosen=st.lists(st.sampled_from([FIXED, PER_COPY, PER_M2, BY_VALUE, EXEMPTING]), max_size=8),
    sets=st.integers(min_value=1, max_value=50),
    exempt=st.booleans(),
)
def test_the_total_is_the_sum_of_the_items_and_exemption_only_lowers_it(chosen, sets, exempt):
    form = {"dien_tich": "80", "gia_tri": 1_000_000}
    full = fees.compute(chosen, form_data=form, sets_count=sets)
    assert full.total == sum(item.amount for item in full.items)
    assert len(full.items) == len(chosen)
    if exempt:
        reduced = fees.compute(
            chosen, form_data={**form, fees.EXEMPTION_FIELD: "merit"}, sets_count=sets
        )
        assert reduced.total == full.total - 75_000 * sum(1 for f in chosen if f is EXEMPTING)
    assert all(item.amount >= 0 for item in full.items)
