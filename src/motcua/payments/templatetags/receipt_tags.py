"""Template filters for receipts' amounts: `{{ amount|money }}` writes 1.234.567."""

from django import template

from motcua.payments.receipts import amount_text

register = template.Library()


@register.filter
def money(value) -> str:
    try:
        return amount_text(int(value))
    except (TypeError, ValueError):
        return ""
