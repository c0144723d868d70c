"""Money on pages: amounts in đồng, a dossier's breakdown and what it owes and paid. Both the
portal and the office load this library ({% load payments_format %})."""

from __future__ import annotations

from decimal import Decimal

from django import template

from motcua.catalog.choices import FeeBasis, FeeExemption
from motcua.catalog.formatting import format_money, format_number
from motcua.payments import providers, selectors

register = template.Library()


@register.filter
def dong(amount) -> str:
    """12600000 → "12.600.000 đồng"."""
    return format_money(int(amount or 0))


@register.filter
def quantity(item) -> str:
    """An item's quantity in words: "120,5 m²", "3 bản", a value in đồng."""
    number = Decimal(str(item.quantity))
    text = (
        format_number(int(number))
        if number == number.to_integral_value()
        else (format(number.normalize(), "f").replace(".", ","))
    )
    if item.basis == FeeBasis.AREA:
        return f"{text} m²"
    if item.basis == FeeBasis.VALUE:
        return format_money(int(number))
    return text


@register.filter
def exemption_label(code: str) -> str:
    return FeeExemption(code).label if code in FeeExemption.values else code


@register.filter
def dossier_breakdown(dossier):
    """What the dossier owes from its snapshot as it stands (None: a quantity is missing)."""
    return selectors.breakdown_of(dossier)


@register.simple_tag
def dossier_money(dossier):
    return selectors.money_of(dossier)


@register.simple_tag
def payment_providers():
    return providers.offered()
