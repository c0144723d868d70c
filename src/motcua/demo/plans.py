"""What each demo dossier will be: its procedure, agency, channel, applicant and the status it
ends in, with the features that make a working morning (due soon, overdue, an apology, a
return to an earlier step, an inter-agency hand-over...).

The load is weighted like a real one: most dossiers are civil status and certification at the
wards and communes, many are business and construction at the city's service centre and its
branches. Statuses follow fixed shares with a minimum each, and each status cycles through a
list of variants, so even a small demo has every status and every feature.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from motcua.accounts.models import User
from motcua.agencies.models import Agency, Commune
from motcua.catalog.choices import ImplementingLevel, PublicationStatus, StepUnit
from motcua.catalog.models import Procedure
from motcua.demo import people
from motcua.demo.formdata import FormContext, fill
from motcua.demo.hanoi import HanoiAgencies
from motcua.demo.timeline import VIETNAM
from motcua.dossiers.applicants import Applicant
from motcua.dossiers.choices import ApplicantKind, Channel, DossierStatus, ReturnChannel
from motcua.dossiers.deadlines import working_minutes_of

S = DossierStatus
# (status, share of the dossiers, minimum); returned takes what is left. The minimums add up
# to 21: a demo of 21 dossiers or more has every status.
STATUS_SHARES = (
    (S.PROCESSING, 0.30, 9), (S.SUBMITTED, 0.07, 2), (S.DECIDED, 0.10, 2),
    (S.PAUSED, 0.015, 1), (S.RETURNED_FOR_COMPLETION, 0.025, 1), (S.REFUSED, 0.02, 1),
    (S.WITHDRAWN, 0.025, 1), (S.STOPPED, 0.01, 1), (S.DRAFT, 0.015, 1), (S.RETURNED, 0.0, 2),
)  # fmt: skip
FIELD_WEIGHTS = {
    "HOTICH": 30, "CHUNGTHUC": 20, "HKD": 5, "XAYDUNG": 10, "DATDAI": 7, "DKKD": 9,
    "LLTP": 4, "DUONGBO": 4, "BTXH": 2, "GDDT": 2, "VIECLAM": 2, "QHKT": 1.5, "ATTP": 1,
    "VANBANG": 1, "VANHOA": 1, "LUUTHONG": 1, "KCB": 0.7, "DUOC": 0.8, "NTBD": 0.6,
    "LUHANH": 0.5, "MOITRUONG": 0.5, "TNNUOC": 0.3, "TONGIAO": 0.3, "TTDT": 0.3,
}  # fmt: skip
# Within a field, the procedures people use most.
CODE_BOOST = {"1.001193": 4, "2.000635": 3, "1.004873": 3, "1.000894": 2, "1.000656": 1.5,
              "2.000815": 5, "2.000884": 2, "2.002039": 3, "2.002042": 2, "1.009972": 4,
              "2.002270": 3, "1.012793": 2, "2.000720": 2}  # fmt: skip
# Wards and communes where the demo's commune-level dossiers are filed, with their weights.
ACTIVE_COMMUNES = {
    "Phường Hoàn Kiếm": 6, "Phường Ba Đình": 2, "Phường Đống Đa": 2, "Phường Cầu Giấy": 2,
    "Phường Hai Bà Trưng": 1.5, "Phường Hoàng Mai": 1.5, "Phường Thanh Xuân": 1.5,
    "Phường Long Biên": 1.5, "Phường Hà Đông": 1.5, "Phường Tây Hồ": 1, "Xã Đông Anh": 1,
    "Xã Gia Lâm": 1, "Xã Sóc Sơn": 0.7, "Phường Sơn Tây": 0.7,
}  # fmt: skip
# Inter-agency hand-over (liên thông) by field: who is asked for an opinion.
HAND_OVER_TARGETS = {"XAYDUNG": "so-qhkt/p-qhkt", "LUUTHONG": "so-cong-thuong/p-qltm",
                     "MOITRUONG": "so-nn-mt/p-tai-nguyen-nuoc", "VANHOA": "so-vhtt/p-qlvh"}  # fmt: skip
AGE_RANGES = {"1.001193": (22, 40), "1.000894": (22, 38), "1.001776": (62, 85),
              "1.004438": (32, 48), "2.000488": (19, 35), "1.000401": (24, 50)}  # fmt: skip
LONG_LIMIT = 20 * 480  # longer limits cannot be overdue or late within the demo's weeks
# A dossier due soon or overdue that nobody has been assigned yet: plausible only for a short
# limit (a same-day certification forgotten since yesterday), never for a permit of weeks.
SHORT_LIMIT = 2 * 480
DEMO_CITIZEN, DEMO_ORGANISATION, DEMO_WARD = "congdan", "doanhnghiep", "Phường Hoàn Kiếm"
# Where the demo accounts work, so each finds something waiting: the construction licensing
# unit of the Department of Construction, the demo ward, the service centre itself. Each of
# them gets dossiers due soon, overdue, apologised for and paused for a supplement in its
# queues (the banner counts them).
BUILDING, WARD, CENTRE = "so-xay-dung", "ward", "centre"


@dataclass(frozen=True)
class Variant:
    due: str = ""  # processing: overdue, soon, normal
    stage: str = ""  # processing: unassigned, assigned, review, approval, coordinating,
    #                  handed_over, returned
    timeliness: str = ""  # decided and returned: early, on_time, late
    result_by: str = ""  # counter, post, online
    history: tuple[str, ...] = ()  # apology, returned_to_step, hand_over, supplement,
    #                               completion_first, rejected
    owner: str = ""  # a demo account that submitted it online
    channel: str = ""
    pause: str = ""  # supplement, financial, applicant_request
    withdraw_from: str = ""  # submitted, processing
    focus: str = ""  # BUILDING, WARD or CENTRE: where a demo account will find it


V = Variant
VARIANTS: dict[str, tuple[Variant, ...]] = {
    S.PROCESSING: (
        V(due="normal", stage="unassigned", focus=BUILDING),
        V(due="normal", stage="assigned", focus=BUILDING),
        V(due="soon", stage="review", focus=BUILDING),
        V(due="soon", stage="unassigned", focus=WARD),
        V(due="overdue", stage="assigned", history=("apology",), focus=BUILDING),
        V(due="soon", stage="review", focus=WARD), V(due="normal", stage="returned"),
        V(due="overdue", stage="review", focus=WARD), V(due="normal", stage="handed_over"),
        V(due="normal", stage="approval"), V(due="soon", stage="assigned", owner=DEMO_CITIZEN),
        V(due="overdue", stage="review", focus=BUILDING), V(due="normal", stage="coordinating"),
        # The one the ward forgot: received, never assigned, now overdue.
        V(due="overdue", stage="unassigned", focus=WARD),
        V(due="normal", stage="assigned", owner=DEMO_ORGANISATION),
    ),
    S.SUBMITTED: (
        V(channel=Channel.ONLINE, focus=CENTRE), V(channel=Channel.ONLINE, focus=WARD),
        V(channel=Channel.NATIONAL_PORTAL), V(channel=Channel.ONLINE, history=("completion_first",)),
        V(channel=Channel.POST), V(channel=Channel.ONLINE, owner=DEMO_CITIZEN),
    ),
    S.DECIDED: (
        V(timeliness="on_time", focus=CENTRE), V(timeliness="early", result_by="post"),
        V(timeliness="late", owner=DEMO_ORGANISATION), V(timeliness="early"),
        V(timeliness="early", history=("hand_over",)), V(timeliness="on_time", result_by="post"),
    ),
    S.RETURNED: (
        V(timeliness="early", result_by="counter"),
        V(timeliness="on_time", result_by="counter", history=("returned_to_step",)),
        V(timeliness="late", result_by="post", history=("apology",)),
        V(timeliness="early", result_by="counter", history=("supplement",)),
        V(timeliness="on_time", result_by="post"), V(timeliness="early", result_by="online"),
        V(timeliness="early", result_by="counter", history=("hand_over",)),
        V(timeliness="late", result_by="counter"),
        V(timeliness="on_time", result_by="counter", history=("completion_first",)),
        V(timeliness="early", result_by="counter", history=("rejected",)),
        V(timeliness="early", result_by="counter", owner=DEMO_CITIZEN),
    ),
    S.PAUSED: (V(pause="supplement", focus=BUILDING), V(pause="financial"),
               V(pause="supplement", focus=WARD), V(pause="applicant_request")),
    S.RETURNED_FOR_COMPLETION: (V(owner=DEMO_CITIZEN), V()),
    S.REFUSED: (V(),),
    S.WITHDRAWN: (V(withdraw_from="submitted"), V(withdraw_from="processing")),
    S.STOPPED: (V(), V(pause="financial")),
    S.DRAFT: (V(owner=DEMO_CITIZEN), V(owner=DEMO_ORGANISATION)),
}  # fmt: skip
# Features that happen once in the whole demo, in the first round of variants only.
ONCE = {"apology"}
FOCUSED_ROUNDS = 2  # rounds of variants that keep their focus on a demo account's agency
OVERDUE_EVERY = 3  # after the first round, one round in three keeps its overdue dossiers


@dataclass
class Plan:
    index: int
    status: str
    variant: Variant
    procedure: Procedure
    case: Any
    receiving: Agency
    channel: str
    return_channel: str
    person: people.Person
    organisation: people.Organisation | None
    applicant: Applicant
    commune: Commune
    site: Commune
    communes: list[str]
    rng: random.Random
    owner: User | None = None
    _form: dict | None = field(default=None, repr=False)

    @property
    def limit_minutes(self) -> int:
        return working_minutes_of(time_limit_of(self.case))

    def form_data(self, now: datetime) -> dict:
        """The e-form as the applicant filled it on the day of `now` (made once)."""
        if self._form is None:
            on = now.astimezone(VIETNAM).date()
            self._form = fill(self.procedure.eform_schema or {}, FormContext(
                rng=self.rng, on=on, applicant=self.person, procedure_code=self.procedure.code,
                commune_code=self.commune.code, street=self.applicant.address,
                site_code=self.site.code, site_street=self.site_street(), communes=self.communes,
                organisation=self.organisation,
                by_post=self.return_channel == ReturnChannel.POST,
                later_case=self.case.order > 1,
            ))  # fmt: skip
        return self._form

    def site_street(self) -> str:
        if self.site == self.commune and self.rng.random() < 0.6:
            return self.applicant.address
        return people.street_address(self.rng, rural=self.site.name.startswith("Xã"))


def time_limit_of(case) -> dict:
    return {"value": str(case.time_limit_value), "unit": case.time_limit_unit}


def status_counts(total: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    left = total
    for status, share, minimum in STATUS_SHARES:
        wanted = left if status == S.RETURNED else max(minimum, round(share * total))
        counts[status] = min(wanted, left)
        left -= counts[status]
    return counts


def _is_org_form(procedure: Procedure) -> bool:
    return "ten_to_chuc" in (procedure.eform_schema or {}).get("properties", {})


def _step_units(procedure: Procedure) -> list[tuple[str, str]]:
    return [(step.unit, step.role) for step in procedure.steps.all()]


def fits(procedure: Procedure, status: str, variant: Variant) -> bool:
    """Whether a procedure can play this part."""
    online = variant.owner or variant.channel in (Channel.ONLINE, Channel.NATIONAL_PORTAL) or (
        status in (S.DRAFT, S.RETURNED_FOR_COMPLETION, S.REFUSED)
        or variant.withdraw_from == "submitted" or "completion_first" in variant.history
        or variant.result_by == ReturnChannel.ONLINE
    )  # fmt: skip
    if online and not procedure.accepts_online_submission():
        return False
    if status == S.SUBMITTED and not (procedure.accepts_online_submission() or procedure.via_post):
        return False
    if (variant.channel == Channel.POST or variant.result_by == "post") and not procedure.via_post:
        return False
    if variant.result_by == ReturnChannel.ONLINE and procedure.service_level < 4:
        return False
    if variant.owner == DEMO_CITIZEN and _is_org_form(procedure):
        return False
    if variant.owner == DEMO_ORGANISATION and not _is_org_form(procedure):
        return False
    province = procedure.implementing_level == ImplementingLevel.PROVINCE
    if variant.focus == BUILDING and not (province and procedure.field.code == "XAYDUNG"):
        return False
    if variant.focus == WARD and province:
        return False
    own_counter = any(agency.receives_dossiers for agency in procedure.agencies.all())
    if variant.focus == CENTRE and (not province or own_counter):
        return False
    units = _step_units(procedure)
    coordinating = any(unit == StepUnit.COORDINATING for unit, _role in units)
    if variant.stage == "coordinating" and not coordinating:
        return False
    returning = variant.stage == "returned" or "returned_to_step" in variant.history
    if returning and coordinating:  # kept simple: a return never reopens a liên thông step
        return False
    if variant.stage == "approval" and sum(r == "unit_leader" for _, r in units) < 2:
        return False
    handing = variant.stage == "handed_over" or "hand_over" in variant.history
    if handing and procedure.field.code not in HAND_OVER_TARGETS:
        return False
    if variant.pause == "financial" and procedure.field.code != "DATDAI":
        return False
    first = working_minutes_of(time_limit_of(min(procedure.cases.all(), key=lambda c: c.order)))
    if (variant.due == "overdue" or variant.timeliness == "late") and first > LONG_LIMIT:
        return False
    if variant.stage == "unassigned" and variant.due != "normal" and first > SHORT_LIMIT:
        return False
    # An apology is due a working day before the due moment: give it room to be on time.
    return not ("apology" in variant.history and first < 3 * 480)


class Planner:
    def __init__(self, agencies: HanoiAgencies, rng: random.Random, seed: int):
        self.agencies = agencies
        self.rng = rng
        self.seed = seed
        self.procedures = list(
            Procedure.objects.filter(status=PublicationStatus.PUBLISHED)
            .select_related("field")
            .prefetch_related("cases__documents", "steps", "agencies", "results")
            .order_by("code")
        )
        self.weights = self._weights()
        self._fitting: dict[tuple[str, Variant], tuple[list[Procedure], list[float]]] = {}
        by_name = {agency.commune.name: agency for agency in agencies.communes}
        self.commune_agencies = [by_name[name] for name in ACTIVE_COMMUNES]
        self.commune_weights = list(ACTIVE_COMMUNES.values())
        self.places = {c.code: c for c in Commune.objects.filter(province_id="01")}
        self.place_codes = sorted(self.places)
        self.owners = {u.username: u for u in User.objects.filter(
            username__in=[DEMO_CITIZEN, DEMO_ORGANISATION])}  # fmt: skip

    def _weights(self) -> list[float]:
        per_field: dict[str, float] = {}
        for procedure in self.procedures:
            code = procedure.field.code
            per_field[code] = per_field.get(code, 0) + CODE_BOOST.get(procedure.code, 1)
        return [
            FIELD_WEIGHTS.get(p.field.code, 0.3)
            * CODE_BOOST.get(p.code, 1)
            / per_field[p.field.code]
            for p in self.procedures
        ]

    def plans(self, total: int, on: date) -> list[Plan]:
        roles: list[tuple[str, Variant]] = []
        for status, count in status_counts(total).items():
            variants = VARIANTS[status]
            for number in range(count):
                variant = variants[number % len(variants)]
                round_ = number // len(variants)
                if round_:
                    kept = tuple(h for h in variant.history if h not in ONCE)
                    variant = replace(variant, owner="", history=kept)
                if round_ >= FOCUSED_ROUNDS:
                    variant = replace(variant, focus="")
                # A dossier forgotten before anyone was assigned to it happens once.
                forgotten = variant.stage == "unassigned" and round_ > 0
                if variant.due == "overdue" and (round_ % OVERDUE_EVERY or forgotten):
                    variant = replace(variant, due="normal")
                roles.append((status, variant))
        self.rng.shuffle(roles)
        return [self._plan(index, status, variant, on) for index, (status, variant) in
                enumerate(roles)]  # fmt: skip

    def _candidates(self, status: str, variant: Variant) -> tuple[list[Procedure], list[float]]:
        """The procedures that can play the part, with their weights (worked out once)."""
        key = (status, variant)
        if key not in self._fitting:
            pairs = [(p, w) for p, w in zip(self.procedures, self.weights, strict=True)
                     if fits(p, status, variant)]  # fmt: skip
            self._fitting[key] = ([p for p, _w in pairs], [w for _p, w in pairs])
        return self._fitting[key]

    def _plan(self, index: int, status: str, variant: Variant, on: date) -> Plan:
        rng = random.Random(f"{self.seed}:{index}")
        if variant.owner and variant.owner not in self.owners:
            variant = replace(variant, owner="")
        procedures, weights = self._candidates(status, variant)
        if not procedures:  # a catalog without such a procedure: drop the feature
            variant = Variant(timeliness=variant.timeliness, result_by="counter")
            procedures, weights = self._candidates(status, variant)
        procedure = rng.choices(procedures, weights)[0]
        cases = sorted(procedure.cases.all(), key=lambda case: case.order)
        case = cases[0] if len(cases) == 1 or rng.random() < 0.8 else rng.choice(cases[1:])
        if variant.due == "overdue" or variant.timeliness == "late" or "apology" in variant.history:
            case = cases[0]  # the case fits() judged the time limit by
        receiving = self._receiving(procedure, variant, rng)
        channel = self._channel(procedure, status, variant, rng)
        commune = self._home(procedure, receiving, variant, rng)
        site = receiving.commune if procedure.implementing_level == ImplementingLevel.COMMUNE else (
            commune if rng.random() < 0.6 else self.places[rng.choice(self.place_codes)]
        )  # fmt: skip
        person, organisation, owner = self._who(procedure, variant, rng, on)
        return Plan(
            index=index, status=status, variant=variant, procedure=procedure, case=case,
            receiving=receiving, channel=channel,
            return_channel=variant.result_by or (
                ReturnChannel.POST if procedure.via_post and rng.random() < 0.12
                else ReturnChannel.COUNTER),
            person=person, organisation=organisation, owner=owner,
            applicant=self._applicant(person, organisation, commune, channel, rng, on),
            commune=commune, site=site, communes=self.place_codes, rng=rng,
        )  # fmt: skip

    def _receiving(self, procedure: Procedure, variant: Variant, rng: random.Random) -> Agency:
        if procedure.implementing_level == ImplementingLevel.COMMUNE:
            if variant.owner == DEMO_CITIZEN or variant.focus == WARD:
                return self.commune_agencies[0]
            return rng.choices(self.commune_agencies, self.commune_weights)[0]
        implementing = list(procedure.agencies.all())
        own_counter = [agency for agency in implementing if agency.receives_dossiers]
        if own_counter:
            return own_counter[0]
        branches = self.agencies.branches
        if variant.focus == CENTRE:
            return self.agencies.centre
        return rng.choices([self.agencies.centre, *branches],
                           [8, 4, 4, *([1.5] * (len(branches) - 2))])[0]  # fmt: skip

    def _channel(self, procedure, status, variant, rng) -> str:
        if variant.channel:
            return variant.channel
        if variant.owner:
            return Channel.ONLINE
        if fits(procedure, status, Variant(channel=Channel.ONLINE)) and (
            status in (S.DRAFT, S.RETURNED_FOR_COMPLETION, S.REFUSED)
            or variant.withdraw_from == "submitted" or "completion_first" in variant.history
            or variant.result_by == ReturnChannel.ONLINE
        ):  # fmt: skip
            return Channel.NATIONAL_PORTAL if rng.random() < 0.15 else Channel.ONLINE
        options = [(Channel.COUNTER, 40 if procedure.via_counter else 0),
                   (Channel.ONLINE, 48 if procedure.accepts_online_submission() else 0),
                   (Channel.NATIONAL_PORTAL, 6 if procedure.accepts_online_submission() else 0),
                   (Channel.POST, 6 if procedure.via_post else 0)]  # fmt: skip
        options = [(channel, weight) for channel, weight in options if weight]
        return rng.choices([c for c, _ in options], [w for _, w in options])[0]

    def _home(self, procedure, receiving, variant, rng) -> Commune:
        if variant.owner:
            return self.commune_agencies[0].commune
        if receiving.commune_id and receiving.kind == "commune" and rng.random() < 0.85:
            return receiving.commune
        return self.places[rng.choice(self.place_codes)]

    def _who(self, procedure, variant, rng, on):
        low, high = AGE_RANGES.get(procedure.code, (20, 72))
        if variant.owner == DEMO_CITIZEN:
            account = self.owners[DEMO_CITIZEN]
            person = people.Person("Nguyễn", "Văn", "An", True, date(1990, 5, 12),
                                   account.personal_id, "0912345678", account.email)  # fmt: skip
            return person, None, account
        if variant.owner == DEMO_ORGANISATION:
            account = self.owners[DEMO_ORGANISATION]
            rep = people.Person("Trần", "Thị Bích", "Ngọc", False, date(1984, 9, 3),
                                "001184003517", "0983456712", account.email)  # fmt: skip
            organisation = people.Organisation(account.organisation_name, "Sông Hồng",
                                               account.tax_code, rep, "0243823456", account.email)  # fmt: skip
            return rep, organisation, account
        person = people.person(rng, on=on, youngest=low, oldest=high)
        if _is_org_form(procedure):
            return person, people.organisation(rng, on=on), None
        return person, None, None

    def _applicant(self, person, organisation, commune, channel, rng, on) -> Applicant:
        street = people.street_address(rng, rural=commune.name.startswith("Xã"))
        if organisation is not None:
            return Applicant(
                kind=ApplicantKind.ORGANISATION, name=organisation.name,
                tax_code=organisation.tax_code, address=street, commune_code=commune.code,
                phone=organisation.phone, email=organisation.email,
            )  # fmt: skip
        submitter = {}
        if channel == Channel.COUNTER and rng.random() < 0.12:
            relative = people.person(rng, on=on, family=person.family)
            submitter = {"submitter_name": relative.name,
                         "submitter_personal_id": relative.personal_id,
                         "submitter_relation": rng.choice(("Con", "Anh, chị, em ruột",
                                                           "Người được ủy quyền"))}  # fmt: skip
        return Applicant(
            kind=ApplicantKind.CITIZEN, name=person.name, personal_id=person.personal_id,
            address=street, commune_code=commune.code, phone=person.phone,
            # A guest submitting online must give an e-mail address: the code goes there.
            email=person.email if channel != Channel.COUNTER or rng.random() < 0.7 else "",
            **submitter,
        )  # fmt: skip
