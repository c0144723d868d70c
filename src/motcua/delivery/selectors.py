"""The reads the faces need about the postal service, scoped to what the actor may see."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, QuerySet

from motcua.agencies.models import Commune
from motcua.delivery import policies, tariffs
from motcua.delivery.choices import OrderStatus, PostalOption, Zone
from motcua.delivery.models import PostalOrder, PostalRequest
from motcua.delivery.services import current_rates, zone_of_commune


def offered(procedure) -> bool:
    return policies.postal_offered(procedure)


def weight_classes() -> list[int]:
    return tariffs.weight_classes(current_rates())


def quotes_for(commune: Commune, weight_grams: int) -> tuple[str, dict]:
    """The commune's zone and each option's quote (None: the tariff cannot price it)."""
    zone = zone_of_commune(commune)
    return zone, tariffs.quotes(current_rates(), zone=zone, weight_grams=weight_grams)


def request_of(dossier) -> PostalRequest | None:
    return PostalRequest.objects.filter(dossier=dossier).select_related("commune").first()


def orders_of_dossier(dossier) -> list[PostalOrder]:
    return list(PostalOrder.objects.filter(dossier=dossier).order_by("created_at", "pk"))


def order_agencies_exist(user) -> bool:
    """Whether `user` may list any agency's postal orders."""
    return policies.order_agencies(user).exists()


def orders_for(
    user, *, status: str = "", zone: str = "", service: str = ""
) -> QuerySet[PostalOrder]:
    """The postal orders of the agencies `user` handles or reads reports of, newest first."""
    orders = PostalOrder.objects.filter(agency__in=policies.order_agencies(user)).select_related(
        "dossier", "agency", "commune"
    )
    if status in OrderStatus.values:
        orders = orders.filter(status=status)
    if zone in Zone.values:
        orders = orders.filter(zone=zone)
    if service:
        orders = orders.filter(service=service)
    return orders.order_by("-created_at", "-pk")


def report_by_status_and_zone(user, *, start=None, end=None) -> dict:
    """Counts of the orders `user` may see, by status (rows) and zone (columns), with totals;
    `start`/`end` bound the order's creation moment (end excluded)."""
    orders = PostalOrder.objects.filter(agency__in=policies.order_agencies(user))
    if start is not None:
        orders = orders.filter(created_at__gte=start)
    if end is not None:
        orders = orders.filter(created_at__lt=end)
    cells = Counter(
        {
            (row["status"], row["zone"]): row["n"]
            for row in orders.values("status", "zone").annotate(n=Count("pk"))
        }
    )
    rows = []
    for status in OrderStatus:
        counts = [cells[(status.value, zone.value)] for zone in Zone]
        rows.append({"status": status, "counts": counts, "total": sum(counts)})
    totals = [sum(cells[(s.value, zone.value)] for s in OrderStatus) for zone in Zone]
    return {
        "zones": list(Zone),
        "rows": rows,
        "totals": totals,
        "total": sum(totals),
    }


OPTIONS = list(PostalOption)
