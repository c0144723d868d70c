"""Who may do what with a dossier's money: one guard per action, answering a refusal or None.

- paying online: the dossier's applicant (its owner, or whoever shows its lookup secret);
- recording a payment at the counter and recording a refund: reception or result return at the
  dossier's receiving agency, the one-stop shop that collects the fees;
- requesting a financial obligation during processing: whoever may pause the dossier
  (dossiers.policies.can_pause, checked by the pause itself);
- reading a dossier's payments in the office: whoever sees the dossier.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from motcua.agencies.choices import Role
from motcua.agencies.selectors import may_act_for
from motcua.dossiers.errors import NotAllowed
from motcua.dossiers.policies import ApplicantProof, agencies_of, is_applicant

COLLECTING_ROLES = (Role.RECEPTION, Role.RESULT_RETURN)


def can_pay_online(actor, dossier, proof: ApplicantProof | None = None) -> NotAllowed | None:
    if is_applicant(actor, dossier, proof):
        return None
    return NotAllowed(_("Chỉ người nộp hồ sơ mới thanh toán trực tuyến cho hồ sơ này."))


def may_collect(actor, dossier) -> bool:
    return actor is not None and any(
        may_act_for(actor, role, dossier.receiving_agency) for role in COLLECTING_ROLES
    )


def can_record_counter_payment(actor, dossier) -> NotAllowed | None:
    if may_collect(actor, dossier):
        return None
    return NotAllowed(
        _(
            "Bạn không có quyền thu tiền cho hồ sơ này: cần vai trò tiếp nhận hoặc trả kết quả "
            "tại %(agency)s."
        )
        % {"agency": dossier.receiving_agency.name}
    )


def can_refund(actor, dossier) -> NotAllowed | None:
    if may_collect(actor, dossier):
        return None
    return NotAllowed(
        _(
            "Bạn không có quyền hoàn tiền cho hồ sơ này: cần vai trò tiếp nhận hoặc trả kết quả "
            "tại %(agency)s."
        )
        % {"agency": dossier.receiving_agency.name}
    )


def may_see_payments(actor, dossier) -> bool:
    return actor is not None and (
        agencies_of(actor)
        .filter(pk__in=[dossier.receiving_agency_id, dossier.responsible_agency_id])
        .exists()
    )
