"""The tariff calculation (delivery/tariffs.py), every rule and every edge."""

from itertools import product

import pytest

from motcua.delivery import tariffs
from motcua.delivery.choices import PostalOption, PostalService, Zone
from motcua.delivery.tariffs import NoRate, Rate

CLASSES = (250, 500, 1000, 2000)


def table():
    """A distinct price for every zone, service and class, so a wrong row cannot pass."""
    rows = []
    for zi, zone in enumerate(Zone.values):
        for si, service in enumerate(PostalService.values):
            for ci, grams in enumerate(CLASSES):
                rows.append(Rate(zone, service, grams, 10_000 * (zi + 1) + 1_000 * si + 100 * ci))
    return rows


@pytest.mark.parametrize(
    ("kind", "assigned", "expected"),
    [
        ("ward", None, Zone.URBAN),
        ("commune", None, Zone.RURAL),
        ("special_zone", None, Zone.ISLAND),
        ("unknown", None, Zone.RURAL),
        *[
            (kind, zone, zone)
            for kind in ("ward", "commune", "special_zone")
            for zone in Zone.values
        ],
    ],
)
def test_a_communes_zone_is_its_assignment_else_its_kinds_default(kind, assigned, expected):
    assert tariffs.zone_of(kind, assigned) == expected


def test_an_unknown_assigned_zone_is_refused():
    with pytest.raises(ValueError):
        tariffs.zone_of("ward", "moon")


@pytest.mark.parametrize(("zone", "service"), list(product(Zone.values, PostalService.values)))
def test_each_weight_falls_in_the_lightest_class_that_holds_it(zone, service):
    rows = table()

    def row(grams):
        return next(
            r.price
            for r in rows
            if (r.zone, r.service, r.max_weight_grams) == (zone, service, grams)
        )

    for weight, grams in [
        (1, 250),
        (250, 250),
        (251, 500),
        (500, 500),
        (501, 1000),
        (1000, 1000),
        (1999, 2000),
        (2000, 2000),
    ]:
        assert tariffs.price(rows, zone=zone, service=service, weight_grams=weight) == row(grams)


def test_the_zone_decides_the_price():
    prices = {
        zone: tariffs.price(table(), zone=zone, service="delivery", weight_grams=200)
        for zone in Zone.values
    }
    assert len(set(prices.values())) == len(Zone.values)


def test_heavier_than_every_class_or_an_unpriced_zone_has_no_rate():
    with pytest.raises(NoRate):
        tariffs.price(table(), zone="urban", service="delivery", weight_grams=2001)
    only_urban = [r for r in table() if r.zone == "urban"]
    with pytest.raises(NoRate):
        tariffs.price(only_urban, zone="island", service="delivery", weight_grams=100)


@pytest.mark.parametrize("weight", [0, -5])
def test_a_weight_must_be_positive(weight):
    with pytest.raises(ValueError):
        tariffs.price(table(), zone="urban", service="delivery", weight_grams=weight)


def test_an_unknown_service_is_refused():
    with pytest.raises(ValueError):
        tariffs.price(table(), zone="urban", service="pigeon", weight_grams=10)


@pytest.mark.parametrize(("zone", "weight"), list(product(Zone.values, (100, 700))))
def test_each_option_quotes_its_services_and_both_is_their_sum(zone, weight):
    rows = table()
    collect = tariffs.quote(rows, zone=zone, option=PostalOption.COLLECT, weight_grams=weight)
    deliver = tariffs.quote(rows, zone=zone, option=PostalOption.DELIVER, weight_grams=weight)
    both = tariffs.quote(rows, zone=zone, option=PostalOption.BOTH, weight_grams=weight)
    assert collect.delivery is None and deliver.collection is None
    assert collect.total == tariffs.price(
        rows, zone=zone, service="collection", weight_grams=weight
    )
    assert deliver.total == tariffs.price(rows, zone=zone, service="delivery", weight_grams=weight)
    assert both.total == collect.total + deliver.total
    assert (both.collection, both.delivery) == (collect.collection, deliver.delivery)


def test_quotes_leave_out_an_option_the_table_cannot_price():
    deliveries_only = [r for r in table() if r.service == "delivery"]
    answer = tariffs.quotes(deliveries_only, zone="rural", weight_grams=300)
    assert answer["collect"] is None and answer["both"] is None
    assert answer["deliver"].total == tariffs.price(
        deliveries_only, zone="rural", service="delivery", weight_grams=300
    )


def test_the_weight_classes_are_the_tables_bounds_lightest_first():
    assert tariffs.weight_classes(reversed(table())) == list(CLASSES)
    assert tariffs.weight_classes([]) == []
