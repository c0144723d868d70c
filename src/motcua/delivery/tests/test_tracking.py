"""How tracking updates move an order (delivery/tracking.py), for every pair of statuses."""

from itertools import product

import pytest

from motcua.delivery import tracking
from motcua.delivery.choices import OrderStatus, PostalService

S = OrderStatus
COLLECTION = [S.PENDING, S.REGISTERED, S.COLLECTING, S.DELIVERED_TO_AGENCY]
DELIVERY = [S.PENDING, S.REGISTERED, S.DISPATCHED, S.DELIVERED]


@pytest.mark.parametrize(
    ("service", "path"),
    [(PostalService.COLLECTION, COLLECTION), (PostalService.DELIVERY, DELIVERY)],
)
def test_only_a_later_status_of_the_orders_path_moves_it(service, path):
    for (i, current), (j, reported) in product(enumerate(path), enumerate(path)):
        expected = reported != S.PENDING and j > i and current not in tracking.FINAL
        assert tracking.moves(service, current, reported) is expected, (current, reported)


def test_a_status_of_the_other_path_never_moves_an_order():
    for status in (S.DISPATCHED, S.DELIVERED, S.RETURNED_TO_SENDER):
        assert not tracking.moves(PostalService.COLLECTION, S.REGISTERED, status)
    for status in (S.COLLECTING, S.DELIVERED_TO_AGENCY):
        assert not tracking.moves(PostalService.DELIVERY, S.REGISTERED, status)


def test_returned_to_sender_ends_a_delivery_and_nothing_moves_a_final_order():
    assert tracking.moves(PostalService.DELIVERY, S.DISPATCHED, S.RETURNED_TO_SENDER)
    assert not tracking.moves(PostalService.DELIVERY, S.RETURNED_TO_SENDER, S.DELIVERED)
    assert not tracking.moves(PostalService.DELIVERY, S.DELIVERED, S.RETURNED_TO_SENDER)
    for service, status in product(PostalService.values, tracking.REPORTED):
        assert not tracking.moves(service, S.CANCELLED, status)


def test_a_lost_update_is_jumped_over():
    assert tracking.moves(PostalService.COLLECTION, S.REGISTERED, S.DELIVERED_TO_AGENCY)
    assert tracking.moves(PostalService.DELIVERY, S.PENDING, S.DELIVERED)


@pytest.mark.parametrize("status", S.values)
def test_an_order_may_be_cancelled_only_before_the_postman_takes_it(status):
    assert tracking.may_cancel(status) is (status in (S.PENDING, S.REGISTERED))
