"""What a dossier owes, from the fee definitions in its procedure snapshot. Pure: no database,
no request; everything it needs is an argument.

A fee definition (one entry of the snapshot's "fees", see dossiers/snapshots.py) is

    {"code": "LP01", "name": "Lệ phí cấp giấy phép", "kind": "fixed" | "per_copy" | "tiered",
     "amount": 75000, "tiers": [{"up_to": 100, "amount": 50000}, {"up_to": null, ...}],
     "basis": "copies" | "value" | "area", "quantity_field": "dien_tich",
     "exempt_groups": ["poor_household", ...]}

- fixed: `amount`, whatever the quantity;
- per_copy: `amount` for each unit of the quantity (a copy, a đồng of value, a m² of area),
  rounded half up to the whole đồng;
- tiered: the amount of the first tier whose `up_to` (inclusive) covers the quantity; the last
  tier is open-ended.

The quantity is the e-form's `quantity_field` when the fee names one (a declared value, an
area, a number of copies), otherwise the dossier's number of sets. A fee whose
`exempt_groups` meets one of the groups the applicant declared is listed with amount 0 and the
group that exempts it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

# The e-form field in which an applicant declares the groups they belong to (a code or a list
# of codes of catalog.choices.FeeExemption).
EXEMPTION_FIELD = "doi_tuong_mien_giam"


class FeeError(ValueError):
    """A fee cannot be computed from what the dossier holds; `field` names the e-form field."""

    def __init__(self, message: str, *, field: str = ""):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Item:
    code: str
    name: str
    quantity: Decimal
    unit_amount: int
    amount: int
    category: str = ""
    basis: str = "copies"
    exempted_for: str = ""  # the declared group that exempts it, "" when it is owed

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "category": self.category,
            "basis": self.basis,
            "quantity": _quantity_text(self.quantity),
            "unit_amount": self.unit_amount,
            "amount": self.amount,
            "exempted_for": self.exempted_for,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Item:
        return cls(
            code=str(data.get("code", "")),
            name=str(data.get("name", "")),
            quantity=Decimal(str(data.get("quantity", "1"))),
            unit_amount=int(data.get("unit_amount", 0)),
            amount=int(data.get("amount", 0)),
            category=str(data.get("category", "")),
            basis=str(data.get("basis", "copies")),
            exempted_for=str(data.get("exempted_for", "")),
        )


@dataclass(frozen=True)
class Breakdown:
    items: tuple[Item, ...] = field(default_factory=tuple)

    @property
    def total(self) -> int:
        return sum(item.amount for item in self.items)

    @property
    def exempted(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.exempted_for)

    def as_list(self) -> list[dict]:
        return [item.as_dict() for item in self.items]

    @classmethod
    def from_list(cls, items) -> Breakdown:
        return cls(tuple(Item.from_dict(item) for item in items or [] if isinstance(item, dict)))


def declared_groups(form_data: dict | None) -> frozenset[str]:
    """The exemption groups the applicant declared in the e-form (one code or a list)."""
    value = (form_data or {}).get(EXEMPTION_FIELD)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        return frozenset()
    return frozenset(str(v) for v in value if v)


def quantity_of(fee: dict, form_data: dict | None, sets_count: int) -> Decimal:
    """The number a per-unit or tiered fee counts, from the e-form or the number of sets."""
    name = fee.get("quantity_field") or ""
    if not name:
        if sets_count < 1:
            raise FeeError(_("Số bộ hồ sơ phải từ 1 trở lên."), field="sets_count")
        return Decimal(sets_count)
    raw = (form_data or {}).get(name)
    if raw is None or raw == "" or isinstance(raw, bool):
        raise FeeError(
            _("Cần khai “%(field)s” để tính phí, lệ phí “%(fee)s”.")
            % {"field": name, "fee": fee.get("name", "")},
            field=name,
        )
    try:
        quantity = Decimal(str(raw).strip().replace(",", "."))
    except InvalidOperation as exc:
        raise FeeError(
            _("“%(field)s” phải là một số để tính phí, lệ phí.") % {"field": name}, field=name
        ) from exc
    if not quantity.is_finite() or quantity < 0:
        raise FeeError(
            _("“%(field)s” phải là một số không âm để tính phí, lệ phí.") % {"field": name},
            field=name,
        )
    return quantity


def unit_amount_for(fee: dict, quantity: Decimal) -> int:
    """The rate that applies at `quantity`: the fixed or per-unit amount, or the tier's."""
    if fee.get("kind") == "tiered":
        for tier in fee.get("tiers") or []:
            up_to = tier.get("up_to")
            if up_to is None or quantity <= Decimal(str(up_to)):
                return int(tier.get("amount", 0))
        raise FeeError(
            _("Không có bậc phí nào của “%(fee)s” áp dụng cho số lượng này.")
            % {"fee": fee.get("name", "")},
            field=fee.get("quantity_field") or "",
        )
    return int(fee.get("amount", 0))


def amount_for(fee: dict, quantity: Decimal) -> int:
    """What the fee comes to at `quantity`, in whole đồng."""
    rate = unit_amount_for(fee, quantity)
    if fee.get("kind") == "per_copy":
        return int((Decimal(rate) * quantity).to_integral_value(rounding=ROUND_HALF_UP))
    return rate


def compute(
    fees: list[dict],
    *,
    form_data: dict | None = None,
    sets_count: int = 1,
    groups: frozenset[str] | set[str] | None = None,
) -> Breakdown:
    """The breakdown of what is owed for these fee definitions. `groups`: the exemption groups
    the applicant belongs to (by default what the e-form declares)."""
    if groups is None:
        groups = declared_groups(form_data)
    items = []
    for fee in fees:
        kind = fee.get("kind") or "fixed"
        quantity = quantity_of(fee, form_data, sets_count) if kind != "fixed" else Decimal(1)
        exempting = sorted(set(fee.get("exempt_groups") or []) & set(groups))
        unit = unit_amount_for(fee, quantity)
        amount = 0 if exempting else amount_for(fee, quantity)
        items.append(
            Item(
                code=str(fee.get("code") or ""),
                name=str(fee.get("name") or ""),
                category=str(fee.get("category") or ""),
                basis=str(fee.get("basis") or "copies"),
                quantity=quantity,
                unit_amount=unit,
                amount=amount,
                exempted_for=exempting[0] if exempting else "",
            )
        )
    return Breakdown(tuple(items))


def _quantity_text(quantity: Decimal) -> str:
    """A quantity as stored: no exponent, no trailing zeros ("120.5", "3")."""
    text = format(quantity.normalize(), "f")
    return text
