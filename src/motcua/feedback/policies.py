"""Who may rate, complain, and handle complaints (docs/feedback.md, "Who may do what").

- Rating: only the dossier's applicant (its owner signed in, or a visitor who gave its lookup
  secret: dossiers.policies.ApplicantProof), once, after the result was returned.
- A complaint about a dossier: its applicant. About a procedure: anyone, a guest giving a name
  and a way to reach them. From the national portal: only that integration's API client.
- Handling: the leaders of the complaint's agency (Role.UNIT_LEADER, with its subtree) see the
  office queue, assign, refuse, ask for more, answer and publish. An official a leader assigned
  the complaint to (holding a specialist's or a leader's role there or in a unit under it) sees it and answers it.
  Reception is the counter for dossiers, not for complaints: complaints about how a dossier was
  handled go to those who lead its handling.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from motcua.agencies.choices import Role
from motcua.agencies.selectors import agencies_for, may_act_for
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.errors import NotAllowed, TransitionRefused
from motcua.dossiers.policies import ApplicantProof, is_applicant, is_applicant_account

Refusal = NotAllowed | TransitionRefused | None

HANDLER_ROLE = Role.UNIT_LEADER
ASSIGNABLE_ROLES = (Role.SPECIALIST, Role.UNIT_LEADER)


def can_rate(actor, dossier, proof: ApplicantProof | None = None) -> Refusal:
    if not is_applicant(actor, dossier, proof):
        return NotAllowed(_("Chỉ người nộp hồ sơ mới được đánh giá việc giải quyết hồ sơ này."))
    if dossier.status != DossierStatus.RETURNED or dossier.returned_at is None:
        return TransitionRefused(
            _("Chỉ đánh giá được sau khi đã nhận kết quả giải quyết hồ sơ."), field="dossier"
        )
    return None


def can_complain_about_dossier(actor, dossier, proof: ApplicantProof | None = None) -> Refusal:
    if is_applicant(actor, dossier, proof):
        return None
    return NotAllowed(_("Chỉ người nộp hồ sơ mới được phản ánh, kiến nghị về hồ sơ này."))


def can_complain(actor) -> Refusal:
    """About a procedure: a guest or a signed-in citizen, never an official's account (an
    official answers complaints, they do not file them in the office's name)."""
    if actor is not None and getattr(actor, "is_authenticated", False):
        if not is_applicant_account(actor):
            return NotAllowed(_("Tài khoản cán bộ không gửi phản ánh, kiến nghị."))
    return None


def can_receive_from_national_portal(actor, client) -> Refusal:
    if client is None or not client.is_active or client.user_id != getattr(actor, "pk", None):
        return NotAllowed(_("Khóa API này không hợp lệ."))
    if not client.is_national_portal:
        return NotAllowed(
            _("Chỉ kết nối với Cổng Dịch vụ công quốc gia mới được chuyển phản ánh, kiến nghị.")
        )
    return None


def leads(actor, complaint) -> bool:
    return actor is not None and may_act_for(actor, HANDLER_ROLE, complaint.agency)


def may_see(actor, complaint) -> bool:
    return actor is not None and (
        leads(actor, complaint)
        or (complaint.assigned_to_id is not None and complaint.assigned_to_id == actor.pk)
    )


def _leader_only(actor, complaint, action: str) -> Refusal:
    if leads(actor, complaint):
        return None
    return NotAllowed(
        _("Bạn không có quyền %(action)s phản ánh này: cần vai trò “%(role)s” tại %(agency)s.")
        % {"action": action, "role": Role(HANDLER_ROLE).label, "agency": complaint.agency.name}
    )


def can_assign(actor, complaint) -> Refusal:
    return _leader_only(actor, complaint, _("phân công"))


def may_be_assigned(assignee, complaint) -> bool:
    """A specialist or leader of the complaint's agency or of a unit under it."""
    return (
        assignee is not None
        and agencies_for(assignee, ASSIGNABLE_ROLES)
        .filter(path__startswith=complaint.agency.path)
        .exists()
    )


def can_refuse(actor, complaint) -> Refusal:
    return _leader_only(actor, complaint, _("từ chối"))


def can_ask_more(actor, complaint) -> Refusal:
    if may_see(actor, complaint):
        return None
    return _leader_only(actor, complaint, _("đề nghị bổ sung cho"))


def can_answer(actor, complaint) -> Refusal:
    if may_see(actor, complaint):
        return None
    return _leader_only(actor, complaint, _("trả lời"))


def can_publish(actor, complaint) -> Refusal:
    return _leader_only(actor, complaint, _("công khai"))


def handled_agencies(actor):
    """The agencies whose complaints `actor` handles as a leader."""
    return agencies_for(actor, HANDLER_ROLE)
