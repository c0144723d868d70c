"""How catalog facts read in Vietnamese: money with dot separators, time limits and fees in
words, channels. Pure functions, shared by the portal's templates and the API's summaries."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from motcua.catalog.choices import Channel, FeeKind, TimeUnit
from motcua.catalog.models import time_limit_minutes

# A time limit with its unit, one message per unit with its plural forms: English says
# "1 working day" and "5 working days" (and "0.5 working days": a fraction takes the plural).
_UNIT_WORDS = {
    TimeUnit.WORKING_DAYS: lambda n: ngettext(
        "%(value)s ngày làm việc", "%(value)s ngày làm việc", n
    ),
    TimeUnit.WORKING_HOURS: lambda n: ngettext(
        "%(value)s giờ làm việc", "%(value)s giờ làm việc", n
    ),
    TimeUnit.CALENDAR_DAYS: lambda n: ngettext("%(value)s ngày", "%(value)s ngày", n),
}


def format_number(value) -> str:
    """A number the Vietnamese way: dots between thousands, a comma before decimals, no
    trailing zeros ("50.000", "0,5", "1.234,25")."""
    number = Decimal(str(value))
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    else:
        number = number.normalize()
    sign = "-" if number < 0 else ""
    whole, _dot, fraction = f"{abs(number):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = ".".join(groups)
    return f"{sign}{text},{fraction}" if fraction else f"{sign}{text}"


def format_money(amount, unit: str | None = None) -> str:
    """An amount of money: "50.000 đồng" ("50.000 VND" in English); `unit` is the fee's own
    unit as the catalog writes it ("đồng/hồ sơ"), shown as it is."""
    # The default unit is looked up outside the f-string: makemessages does not see a gettext
    # call inside one, so "đồng" was never offered for translation.
    unit = unit or _("đồng")
    return f"{format_number(amount)} {unit}"


def time_limit_text(value, unit: str) -> str:
    """A time limit in words: "5 ngày làm việc", "4 giờ làm việc", "30 ngày"."""
    number = Decimal(str(value))
    count = int(number) if number == number.to_integral_value() else 2
    words = _UNIT_WORDS.get(unit, _UNIT_WORDS[TimeUnit.WORKING_DAYS])
    return words(count) % {"value": format_number(value)}


def time_limits_summary(cases) -> str:
    """One phrase for the time limits of a procedure's cases: "5 ngày làm việc" when they
    agree, "từ 3 đến 15 ngày làm việc" when they differ, "" when there is no case."""
    limits = sorted(
        {(Decimal(case.time_limit_value), case.time_limit_unit) for case in cases},
        key=lambda limit: time_limit_minutes(*limit),
    )
    if not limits:
        return ""
    if len(limits) == 1:
        return time_limit_text(*limits[0])
    (low, low_unit), (high, high_unit) = limits[0], limits[-1]
    if low_unit == high_unit:
        return _("từ %(low)s đến %(high)s") % {
            "low": format_number(low),
            "high": time_limit_text(high, high_unit),
        }
    return _("từ %(low)s đến %(high)s") % {
        "low": time_limit_text(low, low_unit),
        "high": time_limit_text(high, high_unit),
    }


def fee_text(fee) -> str:
    """What a fee comes to, in words: fixed, per copy, or by tier of quantity."""
    unit = fee.unit or None
    if fee.kind == FeeKind.PER_COPY:
        return _("%(amount)s mỗi bản") % {"amount": format_money(fee.amount, unit)}
    if fee.kind == FeeKind.TIERED:
        parts, previous = [], 0
        for tier in fee.tiers or []:
            amount = format_money(tier.get("amount", 0), unit)
            up_to = tier.get("up_to")
            if up_to is None:
                parts.append(
                    _("từ %(low)s trở lên là %(amount)s")
                    % {"low": format_number(previous + 1), "amount": amount}
                )
            else:
                parts.append(
                    _("từ %(low)s đến %(high)s là %(amount)s")
                    % {
                        "low": format_number(previous + 1),
                        "high": format_number(up_to),
                        "amount": amount,
                    }
                )
                previous = up_to
        return _("Theo số lượng: %(tiers)s") % {"tiers": "; ".join(parts)}
    if not fee.amount:
        return _("Không thu")
    return format_money(fee.amount, unit)


def channels_of(procedure) -> list[str]:
    """The channels (KENH) a procedure accepts, as their codes "1", "2", "3"."""
    channels = []
    if procedure.via_counter:
        channels.append(Channel.COUNTER.value)
    if procedure.via_online:
        channels.append(Channel.ONLINE.value)
    if procedure.via_post:
        channels.append(Channel.POST.value)
    return channels


def channel_labels(procedure) -> list[str]:
    return [str(Channel(code).label) for code in channels_of(procedure)]
