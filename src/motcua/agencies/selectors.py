"""Reads about agencies and officials' powers, scoped once here so no view forgets."""

from __future__ import annotations

import threading
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from motcua.agencies.choices import HANDLING_ROLES, Role
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


def agencies_for(user, role: Role | str | Iterable[Role | str] | None) -> QuerySet[Agency]:
    """The agencies `user` may act for in `role` (in any of several roles when given a
    collection, in any role when None): each agency granted it, plus its whole subtree where
    the grant covers it. A superuser acts for every agency, except in the roles that handle
    dossiers (HANDLING_ROLES): those, and the applicants' personal data they show, come only
    from grants."""
    roles = None if role is None else ({role} if isinstance(role, str) else set(role))
    return agencies_in_roles(user, roles)[0]


def agencies_in_roles(user, *role_sets: set | frozenset | None) -> tuple[QuerySet[Agency], ...]:
    """`agencies_for` for each set of roles (None: any role), from one read of the grants."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return tuple(Agency.objects.none() for _roles in role_sets)
    everything = [
        user.is_superuser and (roles is None or not set(roles) & HANDLING_ROLES)
        for roles in role_sets
    ]
    grants = []
    if not all(everything):
        grants = list(
            RoleGrant.objects.filter(user=user).values_list(
                "role", "agency_id", "agency__path", "includes_subtree"
            )
        )
    found = []
    for roles, all_of_them in zip(role_sets, everything, strict=True):
        if all_of_them:
            found.append(Agency.objects.all())
        else:
            found.append(
                _granted([grant[1:] for grant in grants if roles is None or grant[0] in set(roles)])
            )
    return tuple(found)


def _granted(grants: list[tuple[int, str, bool]]) -> QuerySet[Agency]:
    """The agencies of (agency id, path, includes subtree) grants."""
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


def is_official_with_role(user) -> bool:
    """An active official's account holding at least one role grant."""
    from motcua.accounts.choices import AccountKind

    return (
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.kind == AccountKind.OFFICIAL
        and RoleGrant.objects.filter(user=user).exists()
    )


def roles_of(user) -> list[RoleGrant]:
    return list(
        RoleGrant.objects.filter(user=user)
        .select_related("agency")
        .order_by("agency__path", "role")
    )


def organisations_of(user_ids, agency: Agency | None = None) -> dict[int, str]:
    """`organisation_of` for many users in one query: user id -> organisation, for those
    who are not civil servants."""
    found: dict[int, str] = {}
    grants = (
        RoleGrant.objects.filter(user_id__in=set(user_ids), role=Role.RECEPTION)
        .exclude(organisation="")
        .order_by("pk")
        .values_list("user_id", "agency_id", "organisation")
    )
    for user_id, agency_id, organisation in grants:
        if agency is not None and agency_id == agency.pk:
            found[user_id] = organisation
        else:
            found.setdefault(user_id, organisation)
    return found


def organisation_of(user, agency: Agency | None = None) -> str:
    """The organisation a receiving person works for when not a civil servant (a postal
    employee at a counter): their reception grant's, preferring the grant on `agency`; "" for
    a civil servant."""
    if user is None or not getattr(user, "pk", None):
        return ""
    grants = list(
        RoleGrant.objects.filter(user=user, role=Role.RECEPTION)
        .exclude(organisation="")
        .values_list("agency_id", "organisation")
    )
    for agency_id, organisation in grants:
        if agency is not None and agency_id == agency.pk:
            return organisation
    return grants[0][1] if grants else ""
