"""The kit's fault board: a share of calls is hit exactly and evenly; a period ends."""

import time

import pytest

from simulators.kit.faults import FaultBoard, FaultError


@pytest.mark.parametrize("share", [0.0, 0.1, 0.25, 0.3, 0.5, 2 / 3, 1.0])
def test_a_share_hits_that_share_of_calls_evenly(share):
    board = FaultBoard()
    board.set({"fault": "error_500", "share": share})
    hits = [board.hits("error_500") is not None for _ in range(300)]
    assert sum(hits) == round(300 * share)
    # Evenly: every window of 10 calls is hit within one of its expected count.
    for start in range(0, 290):
        assert abs(sum(hits[start : start + 10]) - 10 * share) <= 1


def test_a_period_ends_and_an_unset_fault_never_hits():
    board = FaultBoard({"own": "Sự cố riêng"})
    board.set({"fault": "own", "seconds": 0.2})
    assert board.hits("own") and not board.hits("drop")
    time.sleep(0.25)
    assert board.hits("own") is None and board.active() == []


def test_bad_requests_name_their_field():
    board = FaultBoard()
    with pytest.raises(FaultError) as error:
        board.set({"fault": "own"})
    assert error.value.field == "fault"
    with pytest.raises(FaultError) as error:
        board.set({"fault": "slow", "delay": 601})
    assert error.value.field == "delay"
    with pytest.raises(FaultError) as error:
        board.set({"fault": "slow", "share": True})
    assert error.value.field == "share"
