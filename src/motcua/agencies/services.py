"""Changing officials' roles and the agency tree. Every change goes through one of these
functions (the admin calls them too): each checks who asks (agencies/policies.py), makes the
change, and writes the reference-data audit event and the outbox event in the same
transaction. A refusal raises PermissionDenied; bad input raises ValidationError with the field
it concerns.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.choices import AccountKind
from motcua.agencies import policies
from motcua.agencies.choices import Role
from motcua.agencies.models import Agency, RoleGrant
from motcua.events.reference import moment, record_change

SUBJECT_ROLE = "role_grant"
SUBJECT_AGENCY = "agency"


def _grant_key(user, agency: Agency, role: str) -> str:
    return f"{user.get_username()}@{agency.code}:{role}"


def _grant_facts(grant: RoleGrant) -> dict:
    return {
        "user": grant.user.get_username(),
        "agency": grant.agency.code,
        "role": grant.role,
        "includes_subtree": grant.includes_subtree,
        "title": grant.title,
        "organisation": grant.organisation,
    }


def grant_role(
    *,
    user,
    agency: Agency,
    role: str,
    includes_subtree: bool = False,
    title: str = "",
    organisation: str = "",
    actor,
    now: datetime | None = None,
) -> RoleGrant:
    """Give `user` `role` on `agency` (and its subtree when `includes_subtree`). Granting a
    role the user already holds there updates its scope and title; an identical grant changes
    nothing and records nothing. `organisation`: for a person who is not a civil servant of
    the agency (a postal employee at a counter), the organisation they work for; reception
    only."""
    now = moment(now)
    if role not in Role.values:
        raise ValidationError({"role": _("Vai trò không hợp lệ.")})
    if user.kind != AccountKind.OFFICIAL:
        raise ValidationError({"user": _("Chỉ tài khoản cán bộ, công chức mới được cấp vai trò.")})
    refusal = policies.refuse_role_change(actor, agency, includes_subtree=includes_subtree)
    if refusal:
        raise PermissionDenied(refusal)
    with transaction.atomic():
        grant = (
            RoleGrant.objects.select_for_update()
            .filter(user=user, agency=agency, role=role)
            .first()
        )
        before = _grant_facts(grant) if grant is not None else None
        if grant is None:
            grant = RoleGrant(user=user, agency=agency, role=role)
        elif grant.includes_subtree and not includes_subtree:
            # Narrowing a grant is revoking part of it: the actor must cover what is taken away.
            refusal = policies.refuse_role_change(actor, agency, includes_subtree=True)
            if refusal:
                raise PermissionDenied(refusal)
        grant.includes_subtree, grant.title = includes_subtree, title
        grant.organisation = " ".join((organisation or "").split())
        grant.full_clean()
        after = _grant_facts(grant)
        if before == after:
            return grant
        grant.save()
        record_change(
            actor=actor,
            action="role_granted" if before is None else "role_changed",
            subject_type=SUBJECT_ROLE,
            subject_key=_grant_key(user, agency, role),
            data={"before": before, "after": after},
            event_type="agency.role_granted" if before is None else "agency.role_changed",
            payload=after,
            now=now,
        )
    return grant


def revoke_role(grant: RoleGrant, *, actor, now: datetime | None = None) -> None:
    """Take a role away: the grant is deleted, its history stays in the audit trail."""
    now = moment(now)
    refusal = policies.refuse_role_change(
        actor, grant.agency, includes_subtree=grant.includes_subtree
    )
    if refusal:
        raise PermissionDenied(refusal)
    with transaction.atomic():
        locked = RoleGrant.objects.select_for_update().filter(pk=grant.pk).first()
        if locked is None:
            return  # already revoked by someone else: nothing left to record
        facts = _grant_facts(locked)
        key = _grant_key(locked.user, locked.agency, locked.role)
        locked.delete()
        record_change(
            actor=actor,
            action="role_revoked",
            subject_type=SUBJECT_ROLE,
            subject_key=key,
            data={"before": facts},
            event_type="agency.role_revoked",
            payload=facts,
            now=now,
        )


def move_agency(
    agency: Agency, new_parent: Agency | None, *, actor, now: datetime | None = None
) -> Agency:
    """Put `agency`, with everything under it, under `new_parent` (None: at the top). Refuses
    a cycle (an agency under itself or under one of its own units). The materialised paths and
    depths of the whole subtree are rewritten in the same transaction (Agency.save)."""
    now = moment(now)
    with transaction.atomic():
        locked = Agency.objects.select_for_update().get(pk=agency.pk)
        if new_parent is not None:
            new_parent = Agency.objects.get(pk=new_parent.pk)
        refusal = policies.refuse_move(actor, locked, new_parent)
        if refusal:
            raise PermissionDenied(refusal)
        if new_parent is not None and new_parent.path.startswith(locked.path):
            raise ValidationError(
                {"parent": _("Cơ quan không thể trực thuộc chính nó hoặc cấp dưới của nó.")}
            )
        if locked.parent_id == (new_parent.pk if new_parent is not None else None):
            return locked
        old_parent = locked.parent
        old_path = locked.path
        moved = locked.subtree().count()
        locked.parent = new_parent
        locked.save()
        facts = {
            "from_parent": old_parent.code if old_parent is not None else None,
            "to_parent": new_parent.code if new_parent is not None else None,
            "old_path": old_path,
            "new_path": locked.path,
            "agencies_moved": moved,
        }
        record_change(
            actor=actor,
            action="agency_moved",
            subject_type=SUBJECT_AGENCY,
            subject_key=locked.code,
            data=facts,
            event_type="agency.moved",
            payload=facts,
            now=now,
        )
    agency.parent, agency.path, agency.depth = locked.parent, locked.path, locked.depth
    return locked
