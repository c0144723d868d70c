"""Fee arithmetic: how much a fee comes to for a given quantity. Pure, no database."""

from __future__ import annotations

from django.utils.translation import gettext as _


def tier_errors(tiers) -> list[str]:
    """Problems with a tier list, in words; empty when it is well formed.

    A tier list is [{"up_to": 10, "amount": 50000}, {"up_to": null, "amount": 80000}]:
    quantities up to and including `up_to` pay `amount`; the last tier is open-ended.
    """
    if not isinstance(tiers, list) or not tiers:
        return [_("Bậc phí phải là danh sách các bậc {up_to, amount}.")]
    problems: list[str] = []
    previous = 0
    for index, tier in enumerate(tiers, start=1):
        if not isinstance(tier, dict) or set(tier) - {"up_to", "amount"} or "amount" not in tier:
            problems.append(_("Bậc %(n)d phải có dạng {up_to, amount}.") % {"n": index})
            continue
        amount, up_to = tier.get("amount"), tier.get("up_to")
        if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
            problems.append(_("Bậc %(n)d: số tiền phải là số nguyên không âm.") % {"n": index})
        is_last = index == len(tiers)
        if up_to is None:
            if not is_last:
                problems.append(_("Chỉ bậc cuối cùng được để trống giới hạn trên."))
        elif not isinstance(up_to, int) or isinstance(up_to, bool) or up_to <= previous:
            problems.append(
                _("Bậc %(n)d: giới hạn trên phải là số nguyên tăng dần.") % {"n": index}
            )
        else:
            previous = up_to
    return problems


def fee_amount(kind: str, amount: int, tiers: list | None, quantity: int = 1) -> int:
    """What a fee of this kind comes to for `quantity` (copies, sets, units)."""
    if quantity < 1:
        raise ValueError("quantity must be at least 1")
    if kind == "per_copy":
        return amount * quantity
    if kind == "tiered":
        for tier in tiers or []:
            if tier["up_to"] is None or quantity <= tier["up_to"]:
                return tier["amount"]
        raise ValueError("no tier covers this quantity")
    return amount
