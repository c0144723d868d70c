"""Who may do what to a dossier: one guard per action, and who may see dossiers at all.

An official acts for an agency in a role (agencies.RoleGrant, possibly covering a subtree).
What they may do follows the role the action needs on the agency the action concerns.

Each guard `can_<action>(actor, ...)` answers with a refusal (a NotAllowed saying why) or None
when the actor may take the action. The services raise the refusal (`check`), and
dossiers/actions.py asks the very same guards to decide which forms the office offers, so the
two cannot disagree. A guard says nothing of the dossier's status: the transition table
(services.base.ALLOWED_FROM) does. Guards about a step take the dossier's current step.

`may` is agencies.selectors.may_act_for, or a memoised wrapper of it (actions.py asks many
guards about the same agencies while it builds one answer).

Seeing dossiers: only the roles that handle them (HANDLING_ROLES: reception, specialist, unit
leader, result return) see dossiers and their applicants' personal data, on the agencies their
grants cover. A report reader sees figures and a list without personal data. Nobody else (a
catalog administrator, a system administrator, a superuser without a handling grant) sees a
dossier or an applicant.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from motcua.accounts.choices import AccountKind
from motcua.agencies.choices import HANDLING_ROLES, Role
from motcua.agencies.models import Agency
from motcua.agencies.selectors import agencies_for, agencies_in_roles, may_act_for
from motcua.dossiers.choices import Channel
from motcua.dossiers.errors import NotAllowed, TransitionRefused
from motcua.workdays.calendar import MINUTES_PER_WORKING_DAY

Refusal = NotAllowed | TransitionRefused | None


def check(refusal: Refusal) -> None:
    """Raise the guard's refusal, if any."""
    if refusal is not None:
        raise refusal


# --- who sees ---------------------------------------------------------------------------------


def agencies_of(user):
    """The agencies whose dossiers `user` sees with their applicants' personal data: those
    where they hold a role that handles dossiers (with subtrees). Grants only: being a
    superuser shows no dossier."""
    return agencies_for(user, HANDLING_ROLES)


def listed_agencies(user):
    """(handled, read): the agencies whose dossiers `user` sees in full (`agencies_of`), and
    those whose dossiers they may list without personal data, as a report reader."""
    return agencies_in_roles(user, HANDLING_ROLES, {Role.REPORT_READER})


# --- who the actor is -------------------------------------------------------------------------


def _signed_in(actor) -> bool:
    return (
        actor is not None
        and getattr(actor, "pk", None) is not None
        and getattr(actor, "is_authenticated", False)
        and actor.is_active
    )


def is_applicant_account(actor) -> bool:
    """A signed-in citizen or organisation (never an official's account)."""
    return _signed_in(actor) and actor.kind != AccountKind.OFFICIAL


@dataclass(frozen=True)
class ApplicantProof:
    """What a visitor without an account shows to act on a dossier as its applicant; the
    domain checks it against the dossier, the face only carries it.

    `drafts`: ids of the drafts this visitor's session created (a draft has no code or secret
    yet); `secret_hash`: the HMAC of the lookup secret the visitor gave, as remembered (a secret
    reissued at the counter no longer matches)."""

    drafts: frozenset[int] = field(default_factory=frozenset)
    secret_hash: str | None = None


def is_applicant(actor, dossier, proof: ApplicantProof | None = None) -> bool:
    """Whether whoever asks is `dossier`'s applicant: its owner when signed in; a visitor whose
    guest session created the draft (until it is submitted: it has no code yet); or a visitor
    who gave the dossier's current lookup secret."""
    if _signed_in(actor) and dossier.owner_id == actor.pk:
        return True
    if proof is None:
        return False
    if dossier.owner_id is None and not dossier.code and dossier.pk in proof.drafts:
        return True
    return (
        bool(proof.secret_hash)
        and bool(dossier.lookup_secret_hash)
        and hmac.compare_digest(proof.secret_hash, dossier.lookup_secret_hash)
    )


# --- refusals ---------------------------------------------------------------------------------


def _needs_role(action: str, role, agency: Agency) -> NotAllowed:
    return NotAllowed(
        _("Bạn không có quyền %(action)s hồ sơ này: cần vai trò “%(role)s” tại %(agency)s.")
        % {"action": action, "role": Role(role).label, "agency": agency.name}
    )


def _role_on(actor, role, agency: Agency, *, action: str, may) -> Refusal:
    if actor is not None and may(actor, role, agency):
        return None
    return _needs_role(action, role, agency)


def _not_on_step(action: str, step) -> NotAllowed:
    return NotAllowed(
        _("Bạn không có quyền %(action)s ở bước “%(step)s” (%(unit)s).")
        % {"action": action, "step": step.name, "unit": step.unit.name}
    )


# --- creating and submitting ------------------------------------------------------------------


def can_create(
    actor,
    *,
    channel: str,
    receiving_agency: Agency,
    owner=None,
    client=None,
    may=may_act_for,
) -> Refusal:
    """Who may create a dossier through `channel` at `receiving_agency`:

    - an API client (accounts.ApiClient, acting through its own service user) only inside its
      agency's subtree, and through the national portal's channel only when it is that
      integration's own client (ApiClient.is_national_portal);
    - the counter and post channels: reception on the receiving agency;
    - the online channel: the applicant themself, a guest or a signed-in citizen, who then
      owns the dossier; an official files at the counter or by post instead;
    - the national portal's channel: only that integration's client.
    """
    if client is not None:
        if actor is None or client.user_id != actor.pk or not client.is_active:
            return NotAllowed(_("Khóa API này không hợp lệ."))
        if not receiving_agency.path.startswith(client.agency.path):
            return NotAllowed(
                _("Khóa API này không được nộp hồ sơ vào %(agency)s.")
                % {"agency": receiving_agency.name}
            )
        if channel == Channel.NATIONAL_PORTAL and not client.is_national_portal:
            return _national_portal_only()
    elif channel == Channel.NATIONAL_PORTAL:
        return _national_portal_only()
    if channel in (Channel.COUNTER, Channel.POST):
        return _role_on(actor, Role.RECEPTION, receiving_agency, action=_("tiếp nhận"), may=may)
    if channel == Channel.ONLINE and client is None:
        if owner is not None and not (_signed_in(actor) and owner.pk == actor.pk):
            return NotAllowed(_("Hồ sơ trực tuyến chỉ do chính người nộp tạo."))
        if _signed_in(actor) and not is_applicant_account(actor):
            return NotAllowed(
                _(
                    "Cán bộ nhận hồ sơ tại quầy hoặc qua bưu chính; hồ sơ trực tuyến do chính "
                    "người nộp gửi."
                )
            )
    return None


def _national_portal_only() -> NotAllowed:
    return NotAllowed(
        _("Chỉ kết nối với Cổng Dịch vụ công quốc gia mới được nộp hồ sơ qua kênh này.")
    )


def owner_for(actor, channel: str, owner=None):
    """Who owns a new dossier: a signed-in citizen filing online owns it."""
    if channel == Channel.ONLINE and is_applicant_account(actor):
        return actor
    return owner


def can_edit_draft(actor, dossier, proof: ApplicantProof | None = None) -> Refusal:
    """Only the applicant edits a draft or a dossier returned for completion: its owner, signed
    in, when it has one (a guest can never take over an owner's draft); else the guest who
    holds it."""
    if dossier.owner_id is None and is_applicant(actor, dossier, proof):
        return None
    if dossier.owner_id is not None and _signed_in(actor) and dossier.owner_id == actor.pk:
        return None
    return NotAllowed(_("Chỉ người soạn hồ sơ mới được sửa hoặc nộp bản nháp."))


def can_submit(actor, dossier, proof: ApplicantProof | None = None) -> Refusal:
    """Only the applicant submits a draft or resubmits a dossier returned for completion."""
    return can_edit_draft(actor, dossier, proof)


# --- reception --------------------------------------------------------------------------------


def can_receive(actor, dossier, *, may=may_act_for) -> Refusal:
    return _role_on(actor, Role.RECEPTION, dossier.receiving_agency, action=_("tiếp nhận"), may=may)


def can_record_identity_check(actor, dossier, *, client=None, may=may_act_for) -> Refusal:
    """Reception on the receiving agency; for a dossier the national portal delivered, also
    the integration's own client that filed it."""
    if client is not None:
        if (
            actor is None
            or client.user_id != actor.pk
            or not client.is_active
            or not client.is_national_portal
            or dossier.channel != Channel.NATIONAL_PORTAL
            or not dossier.receiving_agency.path.startswith(client.agency.path)
        ):
            return NotAllowed(_("Khóa API này không hợp lệ."))
        return None
    return _role_on(actor, Role.RECEPTION, dossier.receiving_agency, action=_("đối chiếu"), may=may)


def can_return_for_completion(actor, dossier, *, may=may_act_for) -> Refusal:
    return _role_on(actor, Role.RECEPTION, dossier.receiving_agency, action=_("trả lại"), may=may)


def can_refuse(actor, dossier, *, may=may_act_for) -> Refusal:
    return _role_on(actor, Role.RECEPTION, dossier.receiving_agency, action=_("từ chối"), may=may)


def can_reissue_secret(actor, dossier, *, may=may_act_for) -> Refusal:
    return _role_on(
        actor,
        Role.RECEPTION,
        dossier.receiving_agency,
        action=_("cấp lại mã tra cứu cho"),
        may=may,
    )


def can_withdraw(
    actor, dossier, proof: ApplicantProof | None = None, *, may=may_act_for
) -> Refusal:
    """The applicant (see is_applicant), or reception at the receiving agency on the
    applicant's request at the counter."""
    if is_applicant(actor, dossier, proof):
        return None
    if actor is None:
        return NotAllowed(_("Chỉ người nộp hồ sơ mới được rút hồ sơ."))
    return _role_on(actor, Role.RECEPTION, dossier.receiving_agency, action=_("rút"), may=may)


def can_provide_supplement(
    actor, dossier, proof: ApplicantProof | None = None, *, may=may_act_for
) -> Refusal:
    """The applicant, or reception at the receiving agency taking it in at the counter."""
    if is_applicant(actor, dossier, proof) or (
        actor is not None and may(actor, Role.RECEPTION, dossier.receiving_agency)
    ):
        return None
    return NotAllowed(_("Chỉ người nộp hồ sơ hoặc bộ phận một cửa được nộp hồ sơ bổ sung."))


def can_return_result(actor, dossier, *, may=may_act_for) -> Refusal:
    return _role_on(
        actor, Role.RESULT_RETURN, dossier.receiving_agency, action=_("trả kết quả"), may=may
    )


# --- the current step -------------------------------------------------------------------------


def may_work_on_step(user, step, *, may=may_act_for) -> bool:
    """The official assigned to the step, anyone holding the step's role on its unit, or the
    unit's leader."""
    return user is not None and (
        (step.assigned_to_id is not None and step.assigned_to_id == getattr(user, "pk", None))
        or may(user, step.role, step.unit)
        or may(user, Role.UNIT_LEADER, step.unit)
    )


def _step_worker(actor, step, *, action: str, may) -> Refusal:
    if may_work_on_step(actor, step, may=may):
        return None
    return _not_on_step(action, step)


def can_assign(actor, dossier, step, *, may=may_act_for) -> Refusal:
    """The leader of the current step's unit."""
    return _role_on(actor, Role.UNIT_LEADER, step.unit, action=_("phân công"), may=may)


def may_be_assigned(assignee, step, *, may=may_act_for) -> bool:
    """Who the current step may be assigned to: an official holding the step's role on its
    unit, or the unit's leader."""
    return assignee is not None and (
        may(assignee, step.role, step.unit) or may(assignee, Role.UNIT_LEADER, step.unit)
    )


def can_forward(actor, dossier, step, *, may=may_act_for) -> Refusal:
    return _step_worker(actor, step, action=_("chuyển bước"), may=may)


def can_return_to_step(actor, dossier, step, *, may=may_act_for) -> Refusal:
    return _step_worker(actor, step, action=_("trả lại bước trước"), may=may)


def can_pause(actor, dossier, step, *, may=may_act_for) -> Refusal:
    return _step_worker(actor, step, action=_("tạm dừng"), may=may)


def can_resume(actor, dossier, step, *, may=may_act_for) -> Refusal:
    """Whoever may work on the current step, or reception at the receiving agency."""
    if may_work_on_step(actor, step, may=may) or (
        actor is not None and may(actor, Role.RECEPTION, dossier.receiving_agency)
    ):
        return None
    return NotAllowed(_("Bạn không có quyền tiếp tục xử lý hồ sơ này."))


def can_hand_over(actor, dossier, step, *, may=may_act_for) -> Refusal:
    """Hand the current step to another agency (liên thông): the unit's leader, or a specialist
    of the unit who may work on the step. Not a specialist on a step that waits for the leader
    (role UNIT_LEADER, not assigned to them): the work has left their hands."""
    if actor is not None and (
        may(actor, Role.UNIT_LEADER, step.unit)
        or (may(actor, Role.SPECIALIST, step.unit) and may_work_on_step(actor, step, may=may))
    ):
        return None
    return _not_on_step(_("chuyển liên thông"), step)


def _leads_the_dossier(actor, dossier, step, *, may) -> bool:
    """The leader of the current step's unit or of the responsible agency: who decides, and
    who stops."""
    return actor is not None and (
        may(actor, Role.UNIT_LEADER, step.unit)
        or may(actor, Role.UNIT_LEADER, dossier.responsible_agency)
    )


def can_decide(actor, dossier, step, *, may=may_act_for) -> Refusal:
    """The leader of the current step's unit or of the responsible agency."""
    if _leads_the_dossier(actor, dossier, step, may=may):
        return None
    return NotAllowed(_("Chỉ lãnh đạo đơn vị đang giải quyết mới được ghi nhận kết quả."))


def can_apologise(actor, dossier, step, *, may=may_act_for) -> Refusal:
    """The leader of the late unit (the current step's), once per dossier: the new date may be
    set only once. While the dossier is open it can still be given: on time up to one working
    day before the due moment, and after that it is recorded as a late apology
    (`apology_would_be_late`)."""
    from motcua.dossiers.models import Apology

    refusal = _role_on(actor, Role.UNIT_LEADER, step.unit, action=_("xin lỗi, hẹn lại"), may=may)
    if refusal is not None:
        return refusal
    if dossier.pk is not None and Apology.objects.filter(dossier_id=dossier.pk).exists():
        return TransitionRefused(
            _("Hồ sơ đã có văn bản xin lỗi; ngày hẹn mới chỉ được đặt một lần."),
            field="new_due_at",
        )
    return None


def apology_would_be_late(remaining_minutes) -> bool:
    """An apology given with less than one working day of working time left (or after the due
    moment) is recorded as a late apology."""
    return (remaining_minutes or 0) < MINUTES_PER_WORKING_DAY


def can_stop(actor, dossier, step, *, may=may_act_for) -> Refusal:
    """Stop a dossier ("dừng giải quyết", on the applicant's request or for a reason the law
    allows): the leader of the responsible agency, or of the unit working on the current step.
    The decision not to go on is the one who decides' to take, as is the decision itself
    (can_decide); a specialist proposes it, the leader stops."""
    if _leads_the_dossier(actor, dossier, step, may=may):
        return None
    return NotAllowed(
        _("Chỉ lãnh đạo cơ quan chủ trì hoặc đơn vị đang giải quyết mới được dừng giải quyết.")
    )
