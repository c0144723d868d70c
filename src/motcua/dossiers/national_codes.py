"""The national status codes (1–10) of the National Public Service Portal, as systems that
synchronise with it report a dossier's status: one function over every status and, for a
paused dossier, its pause reason (docs/domain.md, statuses)."""

from __future__ import annotations

from motcua.dossiers.choices import Action, DossierStatus, PauseReason

S = DossierStatus

SUBMITTED = 1  # Mới đăng ký
RECEIVED = 2  # Đã tiếp nhận
NOT_RECEIVED = 3  # Không được tiếp nhận
PROCESSING = 4  # Đang xử lý
SUPPLEMENT = 5  # Chờ bổ sung
FINANCIAL = 6  # Chờ thực hiện nghĩa vụ tài chính
WITHDRAWN = 7  # Rút hồ sơ
STOPPED = 8  # Dừng xử lý
DECIDED = 9  # Đã xử lý xong
RETURNED = 10  # Đã trả kết quả

_BY_STATUS = {
    S.SUBMITTED: SUBMITTED,
    # Not received: refused, or returned for completion before reception.
    S.REFUSED: NOT_RECEIVED,
    S.RETURNED_FOR_COMPLETION: NOT_RECEIVED,
    # A received dossier is processing at once; 2 is the moment of reception (below).
    S.PROCESSING: PROCESSING,
    S.WITHDRAWN: WITHDRAWN,
    S.STOPPED: STOPPED,
    S.DECIDED: DECIDED,
    S.RETURNED: RETURNED,
}

_BY_PAUSE_REASON = {
    PauseReason.SUPPLEMENT: SUPPLEMENT,
    PauseReason.FINANCIAL: FINANCIAL,
    # The national list has no code of its own for a pause the applicant asked for; 5 is the
    # one that says the clock waits on the applicant.
    PauseReason.APPLICANT_REQUEST: SUPPLEMENT,
}


def national_code(status: str, pause_reason: str | None = None) -> int | None:
    """The national code of a dossier in `status` (paused: for `pause_reason`). A draft has
    none (it was never submitted); an unknown status or a pause without its reason is an
    error, never a guess."""
    if status == S.DRAFT:
        return None
    if status == S.PAUSED:
        if pause_reason is None:
            raise ValueError("a paused dossier's national code depends on its pause reason")
        return _BY_PAUSE_REASON[PauseReason(pause_reason)]
    return _BY_STATUS[DossierStatus(status)]


def national_code_of_event(action: str) -> int | None:
    """The code reported at the moment of an action, where it differs from the status's: the
    reception of a dossier reports 2 (Đã tiếp nhận), then the dossier is processing (4)."""
    if action == Action.RECEIVE:
        return RECEIVED
    return None


def national_code_of(dossier) -> int | None:
    """`national_code` of a dossier as it is now (reads its open pause when paused)."""
    reason = None
    if dossier.status == S.PAUSED:
        pause = dossier.pauses.filter(ended_at__isnull=True).order_by("-started_at").first()
        reason = pause.reason if pause else None
    return national_code(dossier.status, reason)
