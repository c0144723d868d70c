"""The internal process (quy trình nội bộ) of a procedure: the rule its steps must follow.

Each step takes a share of the case's time limit, and the due moment of every step is computed
from that share (dossiers/deadlines). The shares must therefore account for the whole limit,
no more and no less. This is the one place the rule lives: the admin's step formset and the
catalog importer both call `step_errors`.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from motcua.agencies.choices import Role
from motcua.catalog.choices import StepUnit

TOTAL_SHARE = Decimal("100")


def _read(step: Any, name: str) -> Any:
    if isinstance(step, dict):
        return step.get(name)
    return getattr(step, name, None)


def _as_share(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        share = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return share if share.is_finite() else None


def step_errors(steps: Iterable[Any]) -> list[str]:
    """Problems with a procedure's process steps, in Vietnamese; empty when they are sound.

    `steps` are ProcessStep instances or dicts with order, name, unit, role and
    share_percent. No steps at all is acceptable (the procedure has no internal process
    yet). Otherwise: orders are positive and distinct, units and roles are known, each
    share lies in 0..100, and the shares add up to exactly 100.
    """
    steps = list(steps)
    if not steps:
        return []
    problems: list[str] = []
    seen_orders: set[int] = set()
    total = Decimal("0")
    for position, step in enumerate(steps, start=1):
        order = _read(step, "order")
        label = _("Bước %(order)s") % {"order": order if order is not None else position}
        if not isinstance(order, int) or isinstance(order, bool) or order < 1:
            problems.append(_("%(step)s: thứ tự phải là số nguyên dương.") % {"step": label})
        elif order in seen_orders:
            problems.append(_("Thứ tự %(order)d bị trùng giữa các bước.") % {"order": order})
        else:
            seen_orders.add(order)
        if not str(_read(step, "name") or "").strip():
            problems.append(_("%(step)s: chưa có tên bước.") % {"step": label})
        if _read(step, "unit") not in StepUnit.values:
            problems.append(_("%(step)s: đơn vị thực hiện không hợp lệ.") % {"step": label})
        if _read(step, "role") not in Role.values:
            problems.append(_("%(step)s: vai trò không hợp lệ.") % {"step": label})
        share = _as_share(_read(step, "share_percent"))
        if share is None or share < 0 or share > TOTAL_SHARE:
            problems.append(
                _("%(step)s: tỷ lệ thời gian phải là số từ 0 đến 100.") % {"step": label}
            )
        else:
            total += share
    if not problems and total != TOTAL_SHARE:
        problems.append(
            _("Tổng tỷ lệ thời gian của các bước phải bằng 100%% (hiện là %(total)s%%).")
            % {"total": _format_share(total)}
        )
    return problems


def _format_share(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text.replace(".", ",")
