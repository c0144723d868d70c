"""Every status and every pause reason has exactly one national code (1–10)."""

from __future__ import annotations

import pytest

from motcua.dossiers import services
from motcua.dossiers.choices import Action, DossierStatus, PauseReason, StopReasonKind
from motcua.dossiers.national_codes import national_code, national_code_of, national_code_of_event
from motcua.dossiers.tests.fixtures import received, vn

S = DossierStatus


@pytest.mark.parametrize("status", [s for s in DossierStatus if s not in (S.DRAFT, S.PAUSED)])
def test_every_status_has_a_national_code(status):
    assert national_code(status) in range(1, 11)


@pytest.mark.parametrize("reason", list(PauseReason))
def test_every_pause_reason_has_a_national_code(reason):
    assert national_code(S.PAUSED, reason) in range(1, 11)


def test_the_codes_the_national_list_gives():
    assert {
        status: national_code(status)
        for status in DossierStatus
        if status not in (S.DRAFT, S.PAUSED)
    } == {
        S.SUBMITTED: 1,
        S.REFUSED: 3,
        S.RETURNED_FOR_COMPLETION: 3,
        S.PROCESSING: 4,
        S.WITHDRAWN: 7,
        S.STOPPED: 8,
        S.DECIDED: 9,
        S.RETURNED: 10,
    }
    assert national_code(S.PAUSED, PauseReason.SUPPLEMENT) == 5
    assert national_code(S.PAUSED, PauseReason.FINANCIAL) == 6
    assert national_code(S.PAUSED, PauseReason.APPLICANT_REQUEST) == 5
    assert national_code_of_event(Action.RECEIVE) == 2
    assert national_code(S.DRAFT) is None


def test_a_paused_dossier_needs_its_reason_and_an_unknown_status_is_refused():
    with pytest.raises(ValueError):
        national_code(S.PAUSED)
    with pytest.raises(ValueError):
        national_code("lost")


def test_a_dossier_reports_its_code_through_its_life(world):
    dossier = received(world)
    assert national_code_of(dossier) == 4
    services.pause_dossier(
        dossier,
        actor=world.specialist,
        reason=PauseReason.FINANCIAL,
        note="Chờ nộp tiền sử dụng đất",
        now=vn(2026, 3, 3, 9),
    )
    dossier.refresh_from_db()
    assert national_code_of(dossier) == 6
    services.stop_dossier(
        dossier,
        actor=world.leader,
        reason_kind=StopReasonKind.APPLICANT_REQUEST,
        reason="Người nộp đề nghị dừng",
        now=vn(2026, 3, 4, 9),
    )
    dossier.refresh_from_db()
    assert national_code_of(dossier) == 8
