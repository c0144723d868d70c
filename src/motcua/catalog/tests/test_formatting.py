"""Money, time limits and fees in Vietnamese words."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import translation

from motcua.catalog.formatting import fee_text, format_money, format_number, time_limits_summary


@pytest.mark.parametrize(
    "value, text",
    [
        (0, "0"),
        (500, "500"),
        (50000, "50.000"),
        (1234567, "1.234.567"),
        (Decimal("5.00"), "5"),
        (Decimal("0.5"), "0,5"),
        (Decimal("1234.25"), "1.234,25"),
        (-1500, "-1.500"),
    ],
)
def test_numbers_use_dots_for_thousands_and_a_comma_for_decimals(value, text):
    assert format_number(value) == text


def test_money_is_in_dong_by_default():
    assert format_money(50000) == "50.000 đồng"
    assert format_money(20000, "đồng/hồ sơ") == "20.000 đồng/hồ sơ"


def test_money_reads_vnd_in_english_and_the_fees_own_unit_stays_as_written():
    with translation.override("en"):
        assert format_money(50000) == "50.000 VND"
        assert format_money(20000, "đồng/hồ sơ") == "20.000 đồng/hồ sơ"


def case(value, unit="working_days"):
    return SimpleNamespace(time_limit_value=Decimal(value), time_limit_unit=unit)


def test_time_limit_summary_collapses_equal_cases_and_ranges_different_ones():
    assert time_limits_summary([]) == ""
    assert time_limits_summary([case("5"), case("5.00")]) == "5 ngày làm việc"
    assert time_limits_summary([case("15"), case("3")]) == "từ 3 đến 15 ngày làm việc"
    assert time_limits_summary([case("30", "calendar_days"), case("2")]) == (
        "từ 2 ngày làm việc đến 30 ngày"
    )


def fee(kind="fixed", amount=0, tiers=None, unit="đồng"):
    return SimpleNamespace(kind=kind, amount=amount, tiers=tiers or [], unit=unit)


def test_fees_read_as_words():
    assert fee_text(fee(amount=50000)) == "50.000 đồng"
    assert fee_text(fee(amount=0)) == "Không thu"
    assert fee_text(fee("per_copy", 3000)) == "3.000 đồng mỗi bản"
    assert fee_text(fee("tiered", tiers=[{"up_to": None, "amount": 100000}])) == (
        "Theo số lượng: từ 1 trở lên là 100.000 đồng"
    )


@pytest.mark.parametrize(
    ("value", "unit", "vietnamese", "english"),
    [
        (1, "working_days", "1 ngày làm việc", "1 working day"),
        (5, "working_days", "5 ngày làm việc", "5 working days"),
        (Decimal("0.5"), "working_days", "0,5 ngày làm việc", "0.5 working days"),
        (1, "working_hours", "1 giờ làm việc", "1 working hour"),
        (8, "working_hours", "8 giờ làm việc", "8 working hours"),
        (1, "calendar_days", "1 ngày", "1 day"),
        (30, "calendar_days", "30 ngày", "30 days"),
    ],
)
def test_a_time_limit_takes_its_plural_in_english(value, unit, vietnamese, english):
    from django.utils import translation

    from motcua.catalog.formatting import time_limit_text

    assert time_limit_text(value, unit) == vietnamese
    with translation.override("en"):
        assert time_limit_text(value, unit) == english.replace("0.5", "0,5")
