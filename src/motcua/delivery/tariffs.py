"""The postal tariff: what collecting a dossier or delivering a result costs, by the zone of
the commune, the weight class and the service. Pure: it takes the table's rows as arguments
and reads no database, so every rule is tested exhaustively (tests/test_tariffs.py).

The table (delivery.models.Tariff) holds, for each zone and service, one row per weight class:
the class's upper bound in grams and its price in đồng. A parcel falls in the lightest class
whose bound it does not exceed. A commune's zone is the one assigned to it (CommuneZone), or
else the default of its kind: a ward is urban, a commune rural, a special zone an island.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from motcua.delivery.choices import PostalOption, PostalService, Zone

# The zone of a commune nobody assigned one to, by its kind (agencies.CommuneKind).
DEFAULT_ZONE_BY_KIND = {
    "ward": Zone.URBAN,
    "commune": Zone.RURAL,
    "special_zone": Zone.ISLAND,
}


class NoRate(LookupError):
    """The table has no row for this zone, service and weight."""


@dataclass(frozen=True)
class Rate:
    zone: str
    service: str
    max_weight_grams: int
    price: int


@dataclass(frozen=True)
class Quote:
    zone: str
    weight_grams: int
    collection: int | None
    delivery: int | None

    @property
    def total(self) -> int:
        return (self.collection or 0) + (self.delivery or 0)


def zone_of(commune_kind: str, assigned: str | None = None) -> str:
    """The commune's zone: its assignment, else the default of its kind."""
    if assigned:
        if assigned not in Zone.values:
            raise ValueError(f"unknown zone {assigned!r}")
        return assigned
    return DEFAULT_ZONE_BY_KIND.get(commune_kind, Zone.RURAL)


def weight_classes(rates: Iterable[Rate]) -> list[int]:
    """The upper bounds of the weight classes, lightest first (every zone and service)."""
    return sorted({rate.max_weight_grams for rate in rates})


def price(rates: Iterable[Rate], *, zone: str, service: str, weight_grams: int) -> int:
    """The price of one order: the row of the zone and service with the lightest class that
    holds `weight_grams`. Raises NoRate when there is none (a heavier parcel than any class,
    or a zone the table does not cover)."""
    if weight_grams <= 0:
        raise ValueError("the weight must be positive")
    if service not in PostalService.values:
        raise ValueError(f"unknown service {service!r}")
    fitting = [
        rate
        for rate in rates
        if rate.zone == zone and rate.service == service and rate.max_weight_grams >= weight_grams
    ]
    if not fitting:
        raise NoRate(f"no rate for {service} in {zone} up to {weight_grams} g")
    return min(fitting, key=lambda rate: rate.max_weight_grams).price


def quote(rates: Iterable[Rate], *, zone: str, option: str, weight_grams: int) -> Quote:
    """What the applicant pays for one of the three options."""
    rates = list(rates)
    services = PostalOption(option).services
    collection = delivery = None
    if PostalService.COLLECTION in services:
        collection = price(
            rates, zone=zone, service=PostalService.COLLECTION, weight_grams=weight_grams
        )
    if PostalService.DELIVERY in services:
        delivery = price(
            rates, zone=zone, service=PostalService.DELIVERY, weight_grams=weight_grams
        )
    return Quote(zone=zone, weight_grams=weight_grams, collection=collection, delivery=delivery)


def quotes(rates: Iterable[Rate], *, zone: str, weight_grams: int) -> dict[str, Quote | None]:
    """Each option's quote (None when the table cannot price it), for the page that shows the
    prices before the applicant chooses."""
    rates = list(rates)
    answer: dict[str, Quote | None] = {}
    for option in PostalOption.values:
        try:
            answer[option] = quote(rates, zone=zone, option=option, weight_grams=weight_grams)
        except NoRate:
            answer[option] = None
    return answer
