"""Template helpers of the leaders' dashboard: numbers, shares and the SVG charts."""

from __future__ import annotations

from django import template

from motcua.office.presenting import format_number

register = template.Library()

EMPTY = "—"


@register.filter
def num(value):
    """A count or a measure as the page writes it ("12.345", "4,2"); "—" when there is none."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, float):
        value = round(value, 1)
    return format_number(value)


@register.filter
def percent(share):
    """A share (0..1) as a percentage with one decimal: "73,5%"; "—" when there is none."""
    if share is None:
        return EMPTY
    return format_number(round(share * 100, 1)) + "%"


@register.filter
def cell(value):
    """A cell of an exported table on the page: numbers as numbers, dates as days."""
    if value is None or value == "":
        return EMPTY if value is None else ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return num(value)
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return value


@register.inclusion_tag("office/reports/_chart.html")
def chart(chart, element_id):
    return {"chart": chart, "id": element_id}


@register.inclusion_tag("office/reports/_exports.html", takes_context=True)
def export_links(context, table):
    """ "Tải CSV", "Tải XLSX" for `table`: the page's own address with `bang` and `xuat`."""
    params = context["request"].GET.copy()
    for key in ("trang", "xuat", "bang"):
        params.pop(key, None)
    params["bang"] = table.slug
    base = params.urlencode()
    return {"table": table, "csv": f"?{base}&xuat=csv", "xlsx": f"?{base}&xuat=xlsx"}
