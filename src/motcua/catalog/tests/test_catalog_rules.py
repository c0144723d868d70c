from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from motcua.catalog.fees import fee_amount, tier_errors
from motcua.catalog.models import Fee
from motcua.catalog.process import step_errors
from motcua.catalog.publication import publication_errors
from motcua.catalog.tests.factories import complete_procedure


def step(order, share, *, unit="responsible_unit", role="specialist", name="Thẩm định"):
    return {"order": order, "name": name, "unit": unit, "role": role, "share_percent": share}


# --- process steps ----------------------------------------------------------------------


def test_no_steps_at_all_is_acceptable():
    assert step_errors([]) == []


def test_shares_that_add_up_to_exactly_one_hundred_are_accepted():
    assert step_errors([step(1, Decimal("12.5")), step(2, "62.5"), step(3, 25)]) == []


@pytest.mark.parametrize("shares", [["50", "49.99"], ["60", "60"], ["100", "0.01"], ["0"]])
def test_shares_that_do_not_add_up_to_one_hundred_are_refused(shares):
    problems = step_errors([step(n, Decimal(s)) for n, s in enumerate(shares, start=1)])
    assert len(problems) == 1
    assert problems[0].startswith("Tổng tỷ lệ thời gian của các bước phải bằng 100%")


def test_the_total_is_shown_with_a_decimal_comma():
    problems = step_errors([step(1, Decimal("50")), step(2, Decimal("49.50"))])
    assert problems == ["Tổng tỷ lệ thời gian của các bước phải bằng 100% (hiện là 99,5%)."]


def test_a_step_with_no_share_of_time_is_allowed_when_the_rest_add_up():
    assert step_errors([step(1, 0, name="Chuyển hồ sơ"), step(2, 100)]) == []


def test_duplicate_orders_are_refused():
    problems = step_errors([step(1, 50), step(1, 50)])
    assert problems == ["Thứ tự 1 bị trùng giữa các bước."]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (step(0, 100), "Bước 0: thứ tự phải là số nguyên dương."),
        (step(None, 100), "Bước 1: thứ tự phải là số nguyên dương."),
        (step(1, 100, role="boss"), "Bước 1: vai trò không hợp lệ."),
        (step(1, 100, unit="somewhere"), "Bước 1: đơn vị thực hiện không hợp lệ."),
        (step(1, 100, name="  "), "Bước 1: chưa có tên bước."),
        (step(1, 101), "Bước 1: tỷ lệ thời gian phải là số từ 0 đến 100."),
        (step(1, -5), "Bước 1: tỷ lệ thời gian phải là số từ 0 đến 100."),
        (step(1, "nhiều"), "Bước 1: tỷ lệ thời gian phải là số từ 0 đến 100."),
    ],
)
def test_each_bad_step_is_named_in_the_message(bad, message):
    assert message in step_errors([bad])


@pytest.mark.django_db
def test_the_rule_reads_model_instances_too():
    procedure = complete_procedure()
    assert step_errors(procedure.steps.all()) == []
    first = procedure.steps.first()
    first.share_percent = Decimal("15")
    assert step_errors([first, *procedure.steps.all()[1:]]) == [
        "Tổng tỷ lệ thời gian của các bước phải bằng 100% (hiện là 105%)."
    ]


# --- publication ------------------------------------------------------------------------


def test_a_draft_may_be_incomplete():
    assert publication_errors(status="draft", channels=[False, False, False], cases=[]) == []


def test_a_published_procedure_needs_a_channel_a_case_and_documents_in_every_case():
    assert publication_errors(status="published", channels=[True], cases=[("Chung", 2)]) == []
    assert publication_errors(status="published", channels=[False, False, False], cases=[]) == [
        "Thủ tục đã công bố phải có ít nhất một cách thức nộp hồ sơ "
        "(trực tiếp, trực tuyến hoặc bưu chính).",
        "Thủ tục đã công bố phải có ít nhất một trường hợp.",
    ]
    assert publication_errors(status="published", cases=[("Chung", 1), ("Quá hạn", 0)]) == [
        "Trường hợp “Quá hạn” phải có ít nhất một thành phần hồ sơ trước khi công bố."
    ]


def test_parts_not_given_are_not_checked():
    assert publication_errors(status="published") == []


# --- fees -------------------------------------------------------------------------------


def test_a_well_formed_tier_list_has_no_problems():
    assert tier_errors([{"up_to": 10, "amount": 50000}, {"up_to": None, "amount": 80000}]) == []


@pytest.mark.parametrize(
    ("tiers", "message"),
    [
        ([], "Bậc phí phải là danh sách các bậc {up_to, amount}."),
        ({"up_to": 1}, "Bậc phí phải là danh sách các bậc {up_to, amount}."),
        (["50000"], "Bậc 1 phải có dạng {up_to, amount}."),
        ([{"up_to": 1, "amount": 5, "note": "x"}], "Bậc 1 phải có dạng {up_to, amount}."),
        ([{"up_to": None, "amount": -1}], "Bậc 1: số tiền phải là số nguyên không âm."),
        ([{"up_to": None, "amount": 1.5}], "Bậc 1: số tiền phải là số nguyên không âm."),
        (
            [{"up_to": None, "amount": 1}, {"up_to": None, "amount": 2}],
            "Chỉ bậc cuối cùng được để trống giới hạn trên.",
        ),
        (
            [{"up_to": 10, "amount": 1}, {"up_to": 5, "amount": 2}],
            "Bậc 2: giới hạn trên phải là số nguyên tăng dần.",
        ),
        ([{"up_to": True, "amount": 1}], "Bậc 1: giới hạn trên phải là số nguyên tăng dần."),
    ],
)
def test_malformed_tiers_are_explained(tiers, message):
    assert message in tier_errors(tiers)


TIERS = [
    {"up_to": 2, "amount": 8000},
    {"up_to": 10, "amount": 15000},
    {"up_to": None, "amount": 20000},
]


@pytest.mark.parametrize(
    ("quantity", "expected"), [(1, 8000), (2, 8000), (3, 15000), (10, 15000), (11, 20000)]
)
def test_a_tiered_fee_charges_the_tier_the_quantity_falls_in(quantity, expected):
    assert fee_amount("tiered", 0, TIERS, quantity) == expected


def test_fixed_and_per_copy_fees():
    assert fee_amount("fixed", 50000, None, 3) == 50000
    assert fee_amount("per_copy", 8000, None, 3) == 24000


def test_a_quantity_below_one_or_beyond_closed_tiers_is_a_programming_error():
    with pytest.raises(ValueError):
        fee_amount("fixed", 1, None, 0)
    with pytest.raises(ValueError):
        fee_amount("tiered", 0, [{"up_to": 2, "amount": 1}], 3)


@pytest.mark.django_db
def test_fee_clean_puts_tier_problems_on_the_tiers_field():
    procedure = complete_procedure()
    fee = Fee(procedure=procedure, name="Lệ phí", kind="tiered", tiers=[{"up_to": 0}])
    with pytest.raises(ValidationError) as caught:
        fee.full_clean()
    assert list(caught.value.message_dict) == ["tiers"]
    fixed = Fee(procedure=procedure, name="Lệ phí", kind="fixed", tiers=TIERS)
    with pytest.raises(ValidationError) as caught:
        fixed.full_clean()
    assert caught.value.message_dict["tiers"] == ["Chỉ khai báo bậc phí khi cách tính là theo bậc."]
