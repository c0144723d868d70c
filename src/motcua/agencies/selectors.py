"""Reads about agencies and officials' powers, scoped once here so no view forgets."""

from __future__ import annotations

import threading

from django.db.models import Q, QuerySet

from motcua.agencies.choices import Role
from motcua.agencies.models import Agency, Commune, RoleGrant

# The communes are reference data: a data migration loads them, and only a migration (with a
# deploy, which restarts the workers) changes them. Each process keeps those it has been asked
# for; an unknown code is asked of the database every time.
_communes: dict[str, Commune] = {}
_communes_lock = threading.Lock()


def commune_by_code(code: str) -> Commune | None:
    commune = _communes.get(code)
    if commune is None:
        commune = Commune.objects.filter(code=code).first()
        if commune is not None:
            with _communes_lock:
                _communes[code] = commune
    return commune


def forget_communes() -> None:
    """Empty this process's commune cache (tests that reload the reference data)."""
    with _communes_lock:
        _communes.clear()


def agencies_for(user, role: Role | str | None) -> QuerySet[Agency]:
    """The agencies `user` may act for in `role` (in any role when None): each agency granted
    it, plus its whole subtree where the grant covers it. Superusers act for every agency."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    grants = RoleGrant.objects.filter(user=user)
    if role is not None:
        grants = grants.filter(role=role)
    grants = list(grants.values_list("agency_id", "agency__path", "includes_subtree"))
    if not grants:
        return Agency.objects.none()
    condition = Q(pk__in=[agency_id for agency_id, _path, subtree in grants if not subtree])
    for _agency_id, path, subtree in grants:
        if subtree:
            condition |= Q(path__startswith=path)
    return Agency.objects.filter(condition)


def officials_for(agency: Agency, role: Role | str) -> QuerySet:
    """The active officials who may act for `agency` in `role`: granted it there, or on an
    agency above it with its subtree. The inverse of `agencies_for`."""
    from motcua.accounts.models import User

    above = [agency.path[: end + 1] for end, ch in enumerate(agency.path) if ch == "/"]
    grants = RoleGrant.objects.filter(role=role).filter(
        Q(agency_id=agency.pk) | Q(includes_subtree=True, agency__path__in=above)
    )
    return User.objects.filter(is_active=True, pk__in=grants.values("user_id"))


def may_act_for(user, role: Role | str, agency: Agency) -> bool:
    """Whether `user` may act for `agency` in `role`."""
    return agencies_for(user, role).filter(pk=agency.pk).exists()


def roles_of(user) -> list[RoleGrant]:
    return list(
        RoleGrant.objects.filter(user=user)
        .select_related("agency")
        .order_by("agency__path", "role")
    )
