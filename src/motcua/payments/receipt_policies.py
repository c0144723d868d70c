"""Who may do what with electronic receipts. Each guard returns a refusal (a sentence for the
person) or None; the services call them, and the faces ask them before offering an action.

- Templates and series: a system administrator whose grant covers the agency (as for roles,
  agencies/policies.py): the agency registered them, its administrator enters them.
- Cancelling or replacing a receipt: the officials who take money at the agency's counter and
  answer for it: reception and the unit leader of the collecting agency.
- Reading receipts (lists, search, export, the PDF): reception, result return and unit leaders
  of the collecting agency; receipts carry the payer's personal data, so report readers get
  the reconciliation's figures instead.
- The daily reconciliation (figures, no personal data): report readers, unit leaders and
  reception of the agency.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from motcua.agencies.choices import Role
from motcua.agencies.policies import covers
from motcua.agencies.selectors import agencies_for

CORRECTING_ROLES = frozenset({Role.RECEPTION, Role.UNIT_LEADER})
READING_ROLES = frozenset({Role.RECEPTION, Role.RESULT_RETURN, Role.UNIT_LEADER})
REPORT_ROLES = frozenset({Role.REPORT_READER, Role.UNIT_LEADER, Role.RECEPTION})


def refuse_receipt_setup(actor, agency) -> str | None:
    """Defining a template or a series for `agency`, or closing a series."""
    if covers(actor, Role.SYSTEM_ADMIN, agency, whole_subtree=False):
        return None
    return _(
        "Chỉ quản trị hệ thống của “%(agency)s” mới được khai báo mẫu và ký hiệu biên lai."
    ) % {"agency": agency.name}


def readable_agencies(actor):
    """The agencies whose receipts `actor` may read."""
    return agencies_for(actor, READING_ROLES)


def report_agencies(actor):
    """The agencies whose daily reconciliation `actor` may read."""
    return agencies_for(actor, REPORT_ROLES)


def refuse_receipt_correction(actor, receipt) -> str | None:
    """Cancelling or replacing `receipt`."""
    if agencies_for(actor, CORRECTING_ROLES).filter(pk=receipt.agency_id).exists():
        return None
    return _(
        "Chỉ cán bộ tiếp nhận hoặc lãnh đạo của cơ quan thu “%(agency)s” mới được huỷ hoặc "
        "thay thế biên lai."
    ) % {"agency": receipt.agency_name}
