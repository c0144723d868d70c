"""The officials who act on the demo dossiers.

The demo accounts (accounts.py) cover one role each at a few agencies. Everywhere else the
demo needs an official in a role, this module finds one whose grant covers the agency, or
creates one with a realistic name, a title that fits the agency and the same demo password,
so that every service call is made by someone who may make it. Generated officials are not
listed in the banner; the admin lists them all.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date

from motcua.accounts.choices import AccountKind
from motcua.accounts.models import User
from motcua.agencies.choices import AgencyKind, Role
from motcua.agencies.models import Agency, RoleGrant
from motcua.demo import people
from motcua.lib.text import fold

# A one-stop official at a commune or a branch both receives dossiers and returns results.
PARTNER_ROLES = {Role.RECEPTION: Role.RESULT_RETURN, Role.RESULT_RETURN: Role.RECEPTION}
COMMUNE_SPECIALISTS = {
    "ho-tich": "Công chức tư pháp - hộ tịch",
    "kinh-te": "Công chức Phòng Kinh tế",
    "van-hoa-xa-hoi": "Công chức Phòng Văn hóa - Xã hội",
}


def _ancestor_pks(agency: Agency) -> list[int]:
    """The agency's own pk, then its ancestors' up to (not including) the root."""
    pks = [int(part) for part in agency.path.strip("/").split("/") if part]
    return list(reversed(pks[1:]))


class Staff:
    """Finds or makes the official who acts for an agency in a role."""

    def __init__(self, rng: random.Random, *, password_hash: str, on: date):
        self.rng = rng
        self.password_hash = password_hash
        self.on = on
        self.created: list[User] = []
        self._grants: dict[tuple[str, int], list[tuple[User, bool]]] = defaultdict(list)
        for grant in RoleGrant.objects.select_related("user").order_by("pk"):
            self._grants[grant.role, grant.agency_id].append((grant.user, grant.includes_subtree))
        self._usernames = set(User.objects.values_list("username", flat=True))
        self._agencies: dict[int, Agency] = {}
        self._cache: dict[tuple[str, int], User] = {}

    def official(self, role: str, agency: Agency) -> User:
        key = (role, agency.pk)
        if key not in self._cache:
            self._cache[key] = self._existing(role, agency) or self._create(role, agency)
        return self._cache[key]

    def _existing(self, role: str, agency: Agency) -> User | None:
        # A branch of the service centre has its own staff, though the centre's demo
        # accounts cover it: the queue is theirs to see, the branch's counter its own.
        pks = [agency.pk] if agency.kind == AgencyKind.SERVICE_BRANCH else _ancestor_pks(agency)
        for index, pk in enumerate(pks):
            for user, subtree in self._grants.get((role, pk), ()):
                if index == 0 or subtree:
                    return user
        return None

    def _agency(self, pk: int) -> Agency:
        if pk not in self._agencies:
            self._agencies[pk] = Agency.objects.get(pk=pk)
        return self._agencies[pk]

    def _create(self, role: str, agency: Agency) -> User:
        parent = self._agency(agency.parent_id) if agency.parent_id else None
        target, subtree, title = agency, False, "Chuyên viên"
        roles = [role]
        if role == Role.UNIT_LEADER and agency.kind == AgencyKind.UNIT and parent is not None:
            if parent.kind == AgencyKind.COMMUNE:
                # Inside a commune, the vice-chair in charge leads every unit.
                return self.official(role, parent)
            title = "Trưởng phòng" if agency.name.startswith("Phòng") else "Phó Giám đốc"
        elif role == Role.UNIT_LEADER and agency.kind == AgencyKind.COMMUNE:
            subtree = True
            title = f"Phó Chủ tịch {agency.name}"
        elif role == Role.UNIT_LEADER:
            title = f"Phó Giám đốc {agency.name}"
        elif role in PARTNER_ROLES:
            title = "Công chức bộ phận một cửa"
            if agency.kind == AgencyKind.SERVICE_BRANCH:
                title = f"Chuyên viên {agency.short_name or agency.name}"
            partner = PARTNER_ROLES[role]
            if self._existing(partner, agency) is None:
                roles.append(partner)
        elif role == Role.SPECIALIST and parent is not None and parent.kind == AgencyKind.COMMUNE:
            title = COMMUNE_SPECIALISTS.get(agency.unit_type, "Công chức")
        user = self._new_user(title)
        for granted in roles:
            grant = RoleGrant(
                user=user, agency=target, role=granted, includes_subtree=subtree, title=title
            )
            grant.full_clean(exclude=["user", "agency"])
            grant.save()
            self._grants[granted, target.pk].append((user, subtree))
        return user

    def _new_user(self, title: str) -> User:
        person = people.person(self.rng, on=self.on, youngest=26, oldest=58)
        initials = "".join(fold(part)[0] for part in f"{person.family} {person.middle}".split())
        base = f"{fold(person.given)}{initials}".replace(" ", "")
        username, number = base, 1
        while username in self._usernames:
            number += 1
            username = f"{base}{number}"
        self._usernames.add(username)
        user = User(
            username=username,
            full_name=person.name,
            email=f"{username}@demo.motcua.vn",
            kind=AccountKind.OFFICIAL,
            phone=person.phone,
            is_staff=True,
        )
        user.password = self.password_hash
        user.full_clean(exclude=["password", "username", "email"])
        user.save()
        self.created.append(user)
        return user
