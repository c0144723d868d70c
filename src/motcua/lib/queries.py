"""Small query helpers shared by the hot paths."""

from __future__ import annotations

from django.db.models import QuerySet


def unique_or_none(queryset: QuerySet):
    """The one row a filter on a unique key finds, or None. Unlike `first()`, no ORDER BY is
    compiled or run: with a unique key there is nothing to order."""
    rows = list(queryset.order_by()[:1])
    return rows[0] if rows else None
