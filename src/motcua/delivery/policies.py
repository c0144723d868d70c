"""Who may do what with the public postal service. Each guard answers with a refusal (a
dossiers.errors.NotAllowed saying why) or None.

- Whether a procedure is offered by post at all is the catalog's one rule
  (`Procedure.offers_postal_service`): every face asks `postal_offered`, and the services
  refuse a choice or an order for an excluded procedure.
- The tariff and the communes' zones: a system administrator of the whole province.
- The applicant's choice: whoever may edit the draft (dossiers.policies.can_edit_draft).
- Tracking updates: the postal operator's API client, whose scope grants it the result-return
  role on the agencies it serves (accounts.apiclients.POSTAL_SCOPE).
- Cancelling an order: reception at the dossier's receiving agency.
- Seeing orders: the roles that handle dossiers and report readers, on their agencies.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from motcua.agencies.choices import HANDLING_ROLES, Role
from motcua.agencies.policies import province_wide
from motcua.agencies.selectors import agencies_in_roles, may_act_for
from motcua.dossiers.errors import DossierError, NotAllowed
from motcua.dossiers.policies import ApplicantProof, can_edit_draft

Refusal = NotAllowed | None


def postal_offered(procedure) -> bool:
    """Whether the three postal options are offered for `procedure` (portal and office)."""
    return procedure.offers_postal_service()


def not_offered() -> DossierError:
    return DossierError(
        _("Thủ tục này không thực hiện qua dịch vụ bưu chính công ích."), field="option"
    )


def can_edit_tariffs(actor) -> Refusal:
    if province_wide(actor, Role.SYSTEM_ADMIN):
        return None
    return NotAllowed(
        _("Chỉ quản trị hệ thống cấp tỉnh mới được sửa bảng cước và vùng cước bưu chính.")
    )


def can_choose(actor, dossier, proof: ApplicantProof | None = None) -> Refusal:
    return can_edit_draft(actor, dossier, proof)


def can_record_at_desk(actor, dossier) -> Refusal:
    """Reception of the receiving agency records where a counter dossier's result goes."""
    if actor is not None and may_act_for(actor, Role.RECEPTION, dossier.receiving_agency):
        return None
    return NotAllowed(
        _("Chỉ bộ phận tiếp nhận của %(agency)s mới được ghi địa chỉ nhận kết quả qua bưu chính.")
        % {"agency": dossier.receiving_agency.name}
    )


def can_track(actor, order) -> Refusal:
    """The operator's client reports tracking for orders of the agencies it serves."""
    if actor is not None and may_act_for(actor, Role.RESULT_RETURN, order.dossier.receiving_agency):
        return None
    return NotAllowed(_("Khóa API này không được cập nhật đơn hàng bưu chính của cơ quan này."))


def can_cancel(actor, order) -> Refusal:
    if actor is not None and may_act_for(actor, Role.RECEPTION, order.dossier.receiving_agency):
        return None
    return NotAllowed(
        _("Chỉ bộ phận tiếp nhận của %(agency)s mới được hủy đơn hàng bưu chính.")
        % {"agency": order.dossier.receiving_agency.name}
    )


def order_agencies(user):
    """The agencies whose postal orders `user` may list: handled or read (report reader)."""
    handled, read = agencies_in_roles(user, HANDLING_ROLES, {Role.REPORT_READER})
    return handled | read
