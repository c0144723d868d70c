"""Template filters for the public portal: Vietnamese money, time limits, fees, labels."""

from __future__ import annotations

from django import template

from motcua.catalog import formatting
from motcua.catalog.choices import ApplicantType

register = template.Library()


@register.filter
def money(amount, unit=None):
    """{{ 50000|money }} → "50.000 đồng"."""
    if amount in (None, ""):
        return ""
    return formatting.format_money(amount, unit)


@register.filter
def number_vi(value):
    if value in (None, ""):
        return ""
    return formatting.format_number(value)


@register.filter
def case_time_limit(case):
    """{{ case|case_time_limit }} → "5 ngày làm việc"."""
    return formatting.time_limit_text(case.time_limit_value, case.time_limit_unit)


@register.filter
def time_limits(procedure):
    """The summary of a procedure's time limits, from its (prefetched) cases."""
    return formatting.time_limits_summary(procedure.cases.all())


@register.filter
def fee_text(fee):
    return formatting.fee_text(fee)


@register.filter
def channel_labels(procedure):
    return formatting.channel_labels(procedure)


@register.filter
def applicant_labels(codes):
    labels = dict(ApplicantType.choices)
    return [str(labels.get(code, code)) for code in codes or []]


@register.simple_tag(takes_context=True)
def page_query(context, number):
    """The current query string with `page` set to `number`, for pagination links."""
    params = context["request"].GET.copy()
    params["page"] = number
    return "?" + params.urlencode()


@register.filter
def dossier_fees(dossier) -> list[str]:
    """The fees of `dossier`'s procedure and case as taken in its snapshot, each in words:
    ["Lệ phí đăng ký hộ tịch: 75.000 đồng"]. Empty when the procedure charges none."""
    from types import SimpleNamespace

    snapshot = dossier.procedure_snapshot if isinstance(dossier.procedure_snapshot, dict) else {}
    lines = []
    for fee in snapshot.get("fees") or []:
        if not isinstance(fee, dict):
            continue
        fee = SimpleNamespace(
            **{"name": "", "kind": "", "amount": 0, "tiers": [], "unit": "", **fee}
        )
        lines.append(
            f"{fee.name}: {formatting.fee_text(fee)}" if fee.name else formatting.fee_text(fee)
        )
    return lines


@register.filter
def agency_address(agency) -> str:
    """An agency's address, naming its commune once and only where the card does not already:
    "12 phố Lý Thái Tổ, phường Hoàn Kiếm", not "…, phường Hoàn Kiếm, Phường Hoàn Kiếm"; and
    under "Ủy ban nhân dân Phường Ba Đình" just "Thành phố Hà Nội", not "Phường Ba Đình, Thành
    phố Hà Nội"."""
    from motcua.lib.text import fold

    address = (agency.address or "").strip()
    commune = agency.commune.name if agency.commune_id else ""
    if not commune:
        return address
    folded = fold(commune)
    if folded in fold(agency.name or ""):
        # The agency's name says the commune: drop the parts of the address that repeat it.
        parts = [part.strip() for part in address.split(",")]
        return ", ".join(part for part in parts if part and fold(part) != folded)
    if folded in fold(address):
        return address
    return f"{address}, {commune}" if address else commune
