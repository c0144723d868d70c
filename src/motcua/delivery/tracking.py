"""How a postal order moves: which statuses an order of each service may reach, and whether a
reported status moves it. Pure (tests/test_tracking.py).

The operator's updates may come twice, late or not at all: a status is applied only when it
is further along the order's path than the current one, so a repeat or an older update that
arrives late changes nothing, and a lost one is jumped over by the next.
"""

from __future__ import annotations

from motcua.delivery.choices import OrderStatus, PostalService

S = OrderStatus

# Each service's path, in order; the last rank holds the final statuses.
PATHS: dict[str, dict[str, int]] = {
    PostalService.COLLECTION: {
        S.PENDING: 0,
        S.REGISTERED: 1,
        S.COLLECTING: 2,
        S.DELIVERED_TO_AGENCY: 3,
    },
    PostalService.DELIVERY: {
        S.PENDING: 0,
        S.REGISTERED: 1,
        S.DISPATCHED: 2,
        S.DELIVERED: 3,
        S.RETURNED_TO_SENDER: 3,
    },
}

FINAL = frozenset({S.DELIVERED_TO_AGENCY, S.DELIVERED, S.RETURNED_TO_SENDER, S.CANCELLED})
# The statuses the operator reports (PENDING is ours; CANCELLED follows our own request).
REPORTED = frozenset(
    {
        S.REGISTERED,
        S.COLLECTING,
        S.DELIVERED_TO_AGENCY,
        S.DISPATCHED,
        S.DELIVERED,
        S.RETURNED_TO_SENDER,
    }
)


def is_valid(service: str, status: str) -> bool:
    """Whether an order of `service` can ever be in `status` as the operator reports it."""
    return status in PATHS[service] and status != S.PENDING


def moves(service: str, current: str, reported: str) -> bool:
    """Whether `reported` moves an order of `service` now in `current`: a status of its path
    further along than the current one. A final order never moves."""
    if current in FINAL or not is_valid(service, reported):
        return False
    path = PATHS[service]
    return path[reported] > path.get(current, 0)


def may_cancel(status: str) -> bool:
    """An order may be cancelled until the postman has taken the parcel."""
    return status in (S.PENDING, S.REGISTERED)
