"""Generated dossiers with their whole history, in bulk, for load tests and city-scale figures
(`manage.py generate_dossiers`, docs/performance.md).

What the services would have written, written at once: for each dossier its submission
(counter, online, the national portal or the post, in realistic shares, on days weighted by
the week, the season and Tết: demo/seasons.py), its code from the receiving agency's daily
counter (dossiers/codes.py; the counters are advanced, so later real dossiers never collide),
the applicant (demo/people.py), the reception checklist (digitised or reused documents), the
process steps of its procedure's snapshot with their units (dossiers/routing.py), returns for
completion, refusals, supplement requests (some a second time), financial obligations, pauses,
apologies, lateness, stops, withdrawals, decisions and the return of the result; fees with
their payments and receipts (numbered in their series without gaps), postal orders, and the
audit events of every change, chained and sealed with the audit key (events/chain.py), so
`manage.py verify_audit` passes. Due moments come from the working calendar.

Nothing goes to the outbox: generated history is never pushed to outside systems.

A run is deterministic for its seed, range and count (ids and codes aside, which continue
from what the database holds). It writes one batch per transaction, so memory stays flat
whatever the count.
"""

from __future__ import annotations

import json
import queue
import random
import threading
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from motcua.agencies.choices import AgencyKind, Role
from motcua.agencies.models import Agency, Commune
from motcua.catalog.choices import ImplementingLevel, PublicationStatus, StepUnit, TimeUnit
from motcua.catalog.models import Procedure
from motcua.delivery.choices import OrderStatus, PostalOption, PostalService, Zone
from motcua.delivery.models import CommuneZone, PostalOrder, PostalRequest, Tariff
from motcua.delivery.tariffs import DEFAULT_ZONE_BY_KIND
from motcua.demo import people
from motcua.demo.bulkload import IdBlock, Table, write
from motcua.demo.seasons import day_weights, spread
from motcua.demo.staff import Staff
from motcua.demo.workclock import WorkClock
from motcua.dossiers import codes, deadlines
from motcua.dossiers.choices import (
    Action,
    ApplicantKind,
    Channel,
    DocumentForm,
    IdentityResult,
    Outcome,
    PauseReason,
    ReturnChannel,
    ReuseSource,
    StopReasonKind,
)
from motcua.dossiers.choices import DossierStatus as S
from motcua.dossiers.models import (
    Apology,
    CompletionRequest,
    Dossier,
    DossierCounter,
    DossierDocument,
    DossierPause,
    DossierStep,
    IdentityCheck,
    ResultDocument,
)
from motcua.dossiers.routing import resolve_unit
from motcua.dossiers.snapshots import snapshot_of
from motcua.events import chain
from motcua.events.models import AuditEvent
from motcua.events.services import audit_key
from motcua.lib.text import fold
from motcua.payments import fees as fee_rules
from motcua.payments.choices import ObligationStage, ObligationStatus, PaymentMethod, PaymentStatus
from motcua.payments.models import Obligation, Payment, Receipt, ReceiptSeries
from motcua.payments.receipts import search_text_of, words_of
from motcua.workdays.zone import VIETNAM

DEFAULT_BATCH = 5000
# Shares of the channels (Hà Nội's one-stop shops, 2025: about half online).
CHANNEL_SHARES = {
    Channel.COUNTER: 0.42,
    Channel.ONLINE: 0.36,
    Channel.NATIONAL_PORTAL: 0.17,
    Channel.POST: 0.05,
}
ORGANISATION_SHARE = 0.12
ONLINE_HOURS = (0.2, 0.1, 0.05, 0.05, 0.05, 0.2, 0.6, 1.2, 2.2, 2.6, 2.5, 2.0, 1.2, 1.3, 2.2,
                2.4, 2.2, 1.6, 1.0, 1.1, 1.4, 1.5, 1.1, 0.5)  # fmt: skip
DAY = 8 * 3600  # working seconds in a working day (checked against the calendar at start)
HOUR = 3600

STOP_REASONS = (
    "Người nộp hồ sơ đề nghị dừng giải quyết.",
    "Hồ sơ không đủ điều kiện giải quyết theo quy định.",
)
WITHDRAW_REASONS = ("Tôi không còn nhu cầu giải quyết.", "Tôi muốn nộp lại hồ sơ khác.")
SUPPLEMENT_ITEMS = (
    "Bản sao giấy tờ tùy thân còn thời hạn",
    "Bản vẽ có chữ ký của người lập",
    "Giấy tờ chứng minh quyền sử dụng địa điểm",
    "Tờ khai ghi đầy đủ thông tin",
)
REFUSAL_REASONS = (
    "Thủ tục không thuộc thẩm quyền tiếp nhận, giải quyết của cơ quan.",
    "Hồ sơ nộp trùng với hồ sơ đang được giải quyết.",
)
REJECTION_REASONS = (
    "Không đủ điều kiện theo quy định của pháp luật.",
    "Thông tin kê khai không phù hợp với hồ sơ lưu trữ.",
)
APOLOGY_REASONS = (
    "Cần xác minh thêm thông tin với cơ quan liên quan.",
    "Số lượng hồ sơ tăng đột biến cuối năm.",
)


class GenerationError(ValueError):
    """A bad argument or a catalog that cannot receive dossiers, in words for the person."""


# --- the catalog, as the generator needs it -------------------------------------------------


@dataclass
class Variant:
    """One procedure case ready to receive dossiers: its snapshot and where it goes."""

    procedure_id: int
    case_id: int
    code: str
    name: str
    snapshot: dict
    level: str
    online: bool
    limit: dict
    limit_seconds: int  # working seconds (calendar-day limits: a working day per day)
    fees: list
    steps: list
    documents: list
    implementing: list[int]
    restarts: bool
    snapshot_json: str = ""
    weight: float = 1.0


@dataclass
class Official:
    id: int | None
    name: str


@dataclass
class Places:
    agencies: dict[int, Agency]
    counters: list[int]  # the service centre and its branches
    ward_of_commune: dict[int, list[int]]  # commune id -> receiving ward agencies
    communes: list[tuple[int, str, str, str]]  # id, name, kind, zone


class Catalog:
    """Everything a run reads once: procedures, agencies, officials, series, tariffs."""

    def __init__(self, rng: random.Random):
        agencies = {a.pk: a for a in Agency.objects.filter(is_active=True)}
        self.agencies = agencies
        procedures = (
            Procedure.objects.filter(status=PublicationStatus.PUBLISHED)
            .select_related("field")
            .prefetch_related("cases")
            .order_by("code")
        )
        self.variants: list[Variant] = []
        for procedure in procedures:
            for case in procedure.cases.all():
                snap = snapshot_of(procedure, case)
                if not snap["steps"]:
                    continue
                implementing = [pk for pk in _implementing_ids(procedure) if pk in agencies]
                limit = snap["time_limit"]
                value = Decimal(str(limit["value"]))
                seconds = int(value * (HOUR if limit["unit"] == TimeUnit.WORKING_HOURS else DAY))
                self.variants.append(
                    Variant(
                        procedure_id=procedure.pk,
                        case_id=case.pk,
                        code=procedure.code,
                        name=procedure.name,
                        snapshot=snap,
                        level=procedure.implementing_level,
                        online=bool(procedure.via_online),
                        limit=limit,
                        limit_seconds=max(seconds, HOUR),
                        fees=snap["fees"],
                        steps=snap["steps"],
                        documents=snap["documents"],
                        implementing=implementing,
                        restarts=bool(snap["procedure"]["supplement_restarts_clock"]),
                        snapshot_json=json.dumps(snap, ensure_ascii=False, separators=(",", ":")),
                    )
                )
        if not self.variants:
            raise GenerationError(
                "Chưa có thủ tục nào được công bố: hãy nạp danh mục (manage.py load_demo "
                "hoặc manage.py generate_catalog) trước khi sinh hồ sơ."
            )
        # A few procedures take most dossiers (birth registration, certified copies, land):
        # popularity falls off as a power law over a seeded order.
        order = list(range(len(self.variants)))
        rng.shuffle(order)
        for rank, index in enumerate(order, start=1):
            self.variants[index].weight = 1.0 / rank**0.9
        self.online_variants = [v for v in self.variants if v.online]
        self.counters = [
            pk
            for pk, a in sorted(agencies.items())
            if a.receives_dossiers
            and a.kind in (AgencyKind.SERVICE_CENTRE, AgencyKind.SERVICE_BRANCH)
        ] or [pk for pk, a in sorted(agencies.items()) if a.receives_dossiers]
        if not self.counters:
            raise GenerationError("Không có cơ quan nào tiếp nhận hồ sơ.")
        self.ward_of_commune: dict[int, int] = {}
        for pk, agency in sorted(agencies.items()):
            if agency.kind == AgencyKind.COMMUNE and agency.commune_id and agency.receives_dossiers:
                self.ward_of_commune.setdefault(agency.commune_id, pk)
        zones = dict(CommuneZone.objects.values_list("commune_id", "zone"))
        self.communes = [
            (c.pk, c.name, c.kind, zones.get(c.pk) or DEFAULT_ZONE_BY_KIND.get(c.kind, Zone.RURAL))
            for c in Commune.objects.order_by("pk")
        ]
        if not self.communes:
            raise GenerationError("Chưa có danh sách xã, phường (manage.py load_places).")
        self.ward_communes = [c for c in self.communes if c[0] in self.ward_of_commune]
        self.tariff: dict[tuple[str, str], int] = {}
        for row in Tariff.objects.order_by("max_weight_grams"):
            if row.max_weight_grams >= 500:
                self.tariff.setdefault((row.zone, row.service), row.price)
        self._staff = Staff(
            random.Random(f"{rng.random()}:staff"),
            password_hash=make_password(None),  # generated officials do not sign in
            on=timezone.localdate(),
        )
        self._officials: dict[tuple[int, str], Official] = {}
        self.series = {
            s.agency_id: s
            for s in ReceiptSeries.objects.filter(active=True).select_related("template")
        }
        self._units: dict[tuple, int] = {}

    def variants_for(self, channel: str) -> list[Variant]:
        return self.variants if channel in (Channel.COUNTER, Channel.POST) else self.online_variants

    def official(self, rng: random.Random, agency_id: int, role: str) -> Official:
        """The official who acts for the agency in `role`: one whose grant covers it, or one
        made for it (demo/staff.py), as the demo's own history does."""
        key = (agency_id, role)
        if key not in self._officials:
            user = self._staff.official(role or Role.SPECIALIST, self.agencies[agency_id])
            self._officials[key] = Official(user.pk, user.get_full_name() or user.username)
        return self._officials[key]

    def unit(self, step: dict, receiving: int, responsible: int) -> int:
        key = (step["unit"], step.get("unit_type", ""), receiving, responsible)
        if key not in self._units:
            if step["unit"] == StepUnit.COORDINATING:
                self._units[key] = responsible
            else:
                self._units[key] = resolve_unit(
                    step,
                    receiving=self.agencies[receiving],
                    responsible=self.agencies[responsible],
                ).pk
        return self._units[key]


def _implementing_ids(procedure: Procedure) -> list[int]:
    from motcua.catalog.parts import procedure_parts

    return sorted(procedure_parts(procedure).implementing)


# --- the story of one dossier ----------------------------------------------------------------


@dataclass
class Rows:
    """The rows of one batch, by table."""

    tables: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))
    counters: dict[tuple[int, date], int] = field(default_factory=dict)
    series: dict[int, int] = field(default_factory=dict)
    dossier_ids: list[int] = field(default_factory=list)


class Story:
    """One dossier's history up to `now`: each change appends an audit event sealed onto the
    chain, and the dossier's columns end as the services would have left them."""

    def __init__(self, run: Run, dossier_id: int, variant: Variant):
        self.run = run
        self.id = dossier_id
        self.v = variant
        self.row: dict = {"id": dossier_id}
        self.status = S.DRAFT
        self.seq = 0
        self.head = ""
        self.version = 0
        self.events: list[dict] = []

    def event(self, at: datetime, actor: Official | None, action: str, to: str, data: dict):
        self.seq += 1
        actor = actor or Official(None, "")
        content = chain.event_content(
            dossier_id=self.id,
            seq=self.seq,
            at=at,
            actor_id=actor.id,
            actor_name=actor.name,
            action=action,
            from_status=self._from,
            to_status=to,
            data=data,
        )
        seal = chain.seal(self.run.key, content, self.head)
        self.run.rows.tables["audit"].append(
            {
                "dossier_id": self.id,
                "seq": self.seq,
                "at": at,
                "actor_id": actor.id,
                "actor_name": actor.name,
                "action": action,
                "from_status": self._from,
                "to_status": to,
                "data": data,
                "prev_hmac": self.head,
                "hmac": seal,
            }
        )
        self.head = seal
        self.version += 1

    def change(self, at, actor, action, to, data, *, same=False):
        self._from = "" if self.seq == 0 and action == Action.SUBMIT else self.status
        if same:
            to = self.status
        self.event(at, actor, action, to, data)
        self.status = to

    def finish(self) -> dict:
        row = self.row
        row["status"] = self.status
        row["version"] = self.version
        row["audit_head_seq"] = self.seq
        row["audit_head_hmac"] = self.head
        row["audit_head_seal"] = chain.head_seal(self.run.key, self.id, self.seq, self.head)
        return row


class Run:
    """One run of the generator: the catalog read once, the counters, and the batches."""

    def __init__(self, *, seed: int, start: date, end: date, now: datetime):
        self.seed = seed
        self.start, self.end, self.now = start, end, now
        from motcua.workdays.services import get_calendar

        self.cal = get_calendar()
        if int(self.cal.working_time_per_day.total_seconds()) != DAY:
            raise GenerationError("Lịch làm việc không phải 8 giờ một ngày.")
        self.catalog = Catalog(random.Random(f"{seed}:catalog"))
        self.clock = WorkClock(self.cal, start - timedelta(days=10), end + timedelta(days=800))
        self.now_pos = self.clock.position(now)
        self.key = audit_key()
        self.ids = {model: IdBlock(model) for model in (Dossier, Obligation, Payment)}
        self.counters: dict[tuple[int, date], int] = dict(
            ((a, d), n)
            for a, d, n in DossierCounter.objects.filter(day__gte=start, day__lte=end).values_list(
                "agency_id", "day", "last_number"
            )
        )
        self.rows = Rows()
        self.counts: Counter = Counter()
        self.tables = {
            "dossier": Table(Dossier, with_pk=True),
            "audit": Table(AuditEvent, with_pk=False),
            "step": Table(DossierStep, with_pk=False),
            "document": Table(DossierDocument, with_pk=False),
            "pause": Table(DossierPause, with_pk=False),
            "apology": Table(Apology, with_pk=False),
            "completion": Table(CompletionRequest, with_pk=False),
            "identity": Table(IdentityCheck, with_pk=False),
            "result": Table(ResultDocument, with_pk=False),
            "obligation": Table(Obligation, with_pk=True),
            "payment": Table(Payment, with_pk=True),
            "receipt": Table(Receipt, with_pk=False),
            "postal_request": Table(PostalRequest, with_pk=False),
            "postal_order": Table(PostalOrder, with_pk=False),
        }
        self._variant_weights = {
            channel: _cumulative([v.weight for v in self.catalog.variants_for(channel)])
            for channel in CHANNEL_SHARES
        }

    # the plan of days -------------------------------------------------------------------

    def days(self, count: int) -> list[tuple[date, int, int]]:
        """(day, counter-and-post dossiers, online dossiers) for every day of the range."""
        weights = [
            # No counter on a working day whose office hours have not begun yet.
            (day, 0.0 if self._not_open_yet(day) else counter, online)
            for day, counter, online in day_weights(self.cal, self.start, self.end)
        ]
        counter_share = CHANNEL_SHARES[Channel.COUNTER] + CHANNEL_SHARES[Channel.POST]
        counter_total = round(count * counter_share)
        counters = spread(counter_total, [w[1] for w in weights])
        onlines = spread(count - counter_total, [w[2] for w in weights])
        if not self.catalog.online_variants:
            counters = spread(count, [w[1] for w in weights])
            onlines = [0] * len(weights)
        return [
            (day, c, o) for (day, _w1, _w2), c, o in zip(weights, counters, onlines, strict=True)
        ]

    def _not_open_yet(self, day: date) -> bool:
        index = self.clock.index.get(day)
        return index is not None and self.clock.day_start(index) >= self.now_pos

    # one day ------------------------------------------------------------------------------

    def day(self, day: date, counter: int, online: int) -> None:
        rng = random.Random(f"{self.seed}:{day.isoformat()}")
        moments = []
        if counter and day in self.clock.index:
            base = self.clock.day_start(self.clock.index[day])
            # Today only up to now.
            span = max(min(DAY, self.now_pos - base), 1)
            for _n in range(counter):
                position = base + rng.randrange(span)
                channel = (
                    Channel.POST
                    if rng.random()
                    < CHANNEL_SHARES[Channel.POST]
                    / (CHANNEL_SHARES[Channel.POST] + CHANNEL_SHARES[Channel.COUNTER])
                    else Channel.COUNTER
                )
                moments.append((self.clock.moment(position), channel))
        online_share = CHANNEL_SHARES[Channel.ONLINE] / (
            CHANNEL_SHARES[Channel.ONLINE] + CHANNEL_SHARES[Channel.NATIONAL_PORTAL]
        )
        midnight = datetime.combine(day, time()).replace(tzinfo=VIETNAM)
        elapsed = int((self.now - midnight).total_seconds())
        for _n in range(online):
            hour = rng.choices(range(24), weights=ONLINE_HOURS)[0]
            moment = midnight + timedelta(hours=hour, seconds=rng.randrange(3600))
            if moment > self.now:  # today, later than now: earlier today instead
                moment = midnight + timedelta(seconds=rng.randrange(max(elapsed, 1)))
            channel = Channel.ONLINE if rng.random() < online_share else Channel.NATIONAL_PORTAL
            moments.append((moment, channel))
        moments.sort(key=lambda m: m[0])
        for moment, channel in moments:
            self.dossier(rng, moment, channel)

    def pick_variant(self, rng: random.Random, channel: str) -> Variant:
        variants = self.catalog.variants_for(channel)
        cumulative = self._variant_weights[channel]
        point = rng.random() * cumulative[-1]
        low, high = 0, len(cumulative) - 1
        while low < high:
            mid = (low + high) // 2
            if cumulative[mid] < point:
                low = mid + 1
            else:
                high = mid
        return variants[low]

    def route(self, rng: random.Random, v: Variant, commune: tuple) -> tuple[int, int, str]:
        """(receiving agency, responsible agency, routing reason) as the services route."""
        agencies = self.catalog.agencies
        ward = self.catalog.ward_of_commune.get(commune[0])
        if (
            v.level == ImplementingLevel.COMMUNE
            and ward is not None
            and (not v.implementing or ward in v.implementing)
        ):
            return ward, ward, "Thủ tục cấp xã: cơ quan thực hiện tại xã, phường của người nộp."
        receiving = rng.choice(self.catalog.counters)
        if not v.implementing or receiving in v.implementing:
            return receiving, receiving, "Cơ quan tiếp nhận thực hiện thủ tục."
        responsible = v.implementing[0] if len(v.implementing) == 1 else rng.choice(v.implementing)
        name = agencies[responsible].name
        return receiving, responsible, f"Cơ quan thực hiện thủ tục: {name}."

    # the dossier ----------------------------------------------------------------------------

    def dossier(self, rng: random.Random, submitted: datetime, channel: str) -> None:
        v = self.pick_variant(rng, channel)
        catalog = self.catalog
        commune = rng.choice(catalog.ward_communes or catalog.communes)
        receiving, responsible, reason = self.route(rng, v, commune)
        story = Story(self, self.ids[Dossier].take(), v)
        applicant = self.applicant(rng, submitted, commune)
        online = channel in (Channel.ONLINE, Channel.NATIONAL_PORTAL)
        wants = rng.random()
        requested_return = (
            ReturnChannel.POST
            if wants < (0.12 if channel == Channel.POST else 0.04)
            else ReturnChannel.ONLINE
            if online and wants < 0.45
            else ReturnChannel.COUNTER
        )
        code_day = codes.local_day(submitted)
        number = self.counters.get((receiving, code_day), 0) + 1
        self.counters[(receiving, code_day)] = number
        self.rows.counters[(receiving, code_day)] = number
        code = codes.format_code(catalog.agencies[receiving].code, code_day, number)
        row = story.row
        row.update(
            code=code,
            lookup_secret_hash=codes.hash_lookup_secret(f"{self.seed}{story.id}{rng.random()}"),
            procedure_id=v.procedure_id,
            case_id=v.case_id,
            snapshot=v.snapshot_json,
            channel=channel,
            receiving_agency_id=receiving,
            responsible_agency_id=responsible,
            routing_reason=reason,
            created_at=submitted,
            submitted_at=submitted,
            requested_return_channel=requested_return,
            sets_count=1,
            **applicant,
        )
        reception = catalog.official(rng, receiving, Role.RECEPTION)
        citizen = Official(None, "")
        self.counts["dossiers"] += 1
        self.counts[f"channel_{channel}"] += 1
        self.rows.dossier_ids.append(story.id)
        clock, now_pos = self.clock, self.now_pos

        # Submission and the postal collection.
        story.change(
            submitted,
            reception if not online else citizen,
            Action.SUBMIT,
            S.SUBMITTED,
            {"channel": channel, "files": []},
        )
        if channel == Channel.POST or requested_return == ReturnChannel.POST:
            option = (
                PostalOption.BOTH
                if channel == Channel.POST and requested_return == ReturnChannel.POST
                else PostalOption.COLLECT
                if channel == Channel.POST
                else PostalOption.DELIVER
            )
            self.postal_request(story, option, applicant, commune, submitted)
        obligation = self.assess(rng, story, submitted, reception if not online else citizen)

        position = clock.position(submitted)
        if online:
            row["receipt_due_at"] = clock.moment(position + DAY)
            answer = position + int(rng.expovariate(1 / (0.3 * DAY)))
            if rng.random() < 0.05:
                answer = position + DAY + rng.randrange(2 * DAY)  # answered late
            if answer > now_pos:
                return self.close(story)
            answered = clock.moment(answer)
            row["receipt_answered_at"] = answered
            draw = rng.random()
            if draw < 0.025:
                row["refusal_reasons"] = rng.choice(REFUSAL_REASONS)
                story.change(answered, reception, Action.REFUSE, S.REFUSED,
                             {"reasons": row["refusal_reasons"]})  # fmt: skip
                row["closed_at"] = answered
                self.counts["refused"] += 1
                return self.close(story)
            if draw < 0.085:
                items = rng.sample(SUPPLEMENT_ITEMS, rng.randint(1, 2))
                self.rows.tables["completion"].append(
                    {
                        "dossier_id": story.id,
                        "items": items,
                        "note": "",
                        "requested_at": answered,
                        "requested_by_id": reception.id,
                    }  # fmt: skip
                )
                story.change(answered, reception, Action.RETURN_FOR_COMPLETION,
                             S.RETURNED_FOR_COMPLETION, {"missing": items, "note": ""})  # fmt: skip
                self.counts["returned_for_completion"] += 1
                if rng.random() < 0.2:
                    return self.close(story)  # the applicant never came back
                again = answered + timedelta(hours=rng.uniform(4, 24 * 6))
                if again > self.now:
                    return self.close(story)
                story.change(again, citizen, Action.SUBMIT, S.SUBMITTED,
                             {"channel": channel, "files": []})  # fmt: skip
                position = clock.position(again)
                row["receipt_due_at"] = clock.moment(position + DAY)
                answer = position + int(rng.expovariate(1 / (0.25 * DAY)))
                if answer > now_pos:
                    row["receipt_answered_at"] = None
                    return self.close(story)
                answered = clock.moment(answer)
                row["receipt_answered_at"] = answered
            if draw > 0.995:
                row["receipt_answered_at"] = None
                self.withdraw(story, answered, citizen, rng)
                return self.close(story)
            received_pos = answer
        else:
            received_pos = position
        received = clock.moment(received_pos) if online else submitted
        self.receive(rng, story, received, reception, channel, applicant)
        if obligation is not None and obligation["status"] == ObligationStatus.OPEN:
            paid = received_pos + rng.randrange(HOUR)
            if paid <= now_pos:
                self.pay(rng, story, obligation, clock.moment(paid), reception, online)
        self.process(rng, story, received_pos, receiving, responsible)
        return self.close(story)

    def close(self, story: Story) -> None:
        self.rows.tables["dossier"].append(story.finish())
        self.counts[f"status_{story.status}"] += 1

    def applicant(self, rng: random.Random, on: datetime, commune: tuple) -> dict:
        day = on.astimezone(VIETNAM).date()
        rural = commune[2] != "ward"
        address = f"{people.street_address(rng, rural=rural)}, {commune[1]}"
        if rng.random() < ORGANISATION_SHARE:
            org = people.organisation(rng, on=day)
            return {
                "applicant_kind": ApplicantKind.ORGANISATION,
                "applicant_name": org.name,
                "applicant_tax_code": org.tax_code,
                "applicant_personal_id": "",
                "applicant_address": address,
                "applicant_commune_id": commune[0],
                "applicant_phone": org.phone,
                "applicant_email": org.email,
                "applicant_search": fold(f"{org.name}  {org.tax_code}")[:400],
                "submitter_name": org.representative.name,
                "submitter_personal_id": org.representative.personal_id,
                "submitter_relation": "Người đại diện theo pháp luật",
            }
        person = people.person(rng, on=day)
        return {
            "applicant_kind": ApplicantKind.CITIZEN,
            "applicant_name": person.name,
            "applicant_personal_id": person.personal_id,
            "applicant_tax_code": "",
            "applicant_address": address,
            "applicant_commune_id": commune[0],
            "applicant_phone": person.phone,
            "applicant_email": person.email if rng.random() < 0.6 else "",
            "applicant_search": fold(f"{person.name} {person.personal_id} ")[:400],
        }

    # reception ----------------------------------------------------------------------------------

    def receive(self, rng, story: Story, at: datetime, official, channel, applicant) -> None:
        row, v = story.row, story.v
        online = channel in (Channel.ONLINE, Channel.NATIONAL_PORTAL)
        if (
            not online
            and applicant["applicant_kind"] == ApplicantKind.CITIZEN
            and rng.random() < 0.6
        ):
            self.rows.tables["identity"].append(
                {
                    "dossier_id": story.id,
                    "personal_id": applicant["applicant_personal_id"],
                    "name": applicant["applicant_name"],
                    "result": IdentityResult.MATCH,
                    "checked_at": at,
                    "checked_by_id": official.id,
                }  # fmt: skip
            )
            story.change(at, official, Action.IDENTITY_CHECK, S.SUBMITTED,
                         {"result": IdentityResult.MATCH}, same=True)  # fmt: skip
            self.counts["population_checked"] += 1
        checklist = []
        digitised_any = reused_any = False
        for order, spec in enumerate(v.documents):
            if spec["eform"]:
                form, digitised = DocumentForm.EFORM, True
            elif online:
                form, digitised = DocumentForm.ELECTRONIC_COPY, True
            else:
                form = DocumentForm.ORIGINAL if spec.get("originals", 1) else DocumentForm.COPY
                digitised = rng.random() < 0.8
            reused = ""
            if not spec["eform"] and rng.random() < (0.12 if online else 0.05):
                reused = rng.choice((ReuseSource.OWN_STORE, ReuseSource.NATIONAL_STORE))
            if not spec["required"] and rng.random() < 0.6:
                continue
            digitised_any |= digitised and not spec["eform"]
            reused_any |= bool(reused)
            self.rows.tables["document"].append(
                {
                    "dossier_id": story.id,
                    "code": spec["code"],
                    "name": spec["name"][:1000],
                    "required": spec["required"],
                    "form": form,
                    "quantity": 1,
                    "digitised": digitised,
                    "order": order,
                    "reused_from": reused,
                    "reused_reference": "Kho dữ liệu của tổ chức, cá nhân" if reused else "",
                }  # fmt: skip
            )
            checklist.append({"code": spec["code"], "form": form, "quantity": 1,
                              "digitised": digitised})  # fmt: skip
        self.counts["digitised"] += digitised_any
        self.counts["reused"] += reused_any
        position = self.clock.position(at)
        row.update(
            received_at=at,
            received_by_id=official.id,
            clock_started_at=self.clock.moment(position, start=True),
        )
        self.start_clock(story, position)
        story.change(at, official, Action.RECEIVE, S.PROCESSING,
                     {"due_at": row["due_at"].isoformat(), "checklist": checklist})  # fmt: skip

    def start_clock(self, story: Story, position: int) -> None:
        """The due moment of a clock started at `position` (dossiers.deadlines.dossier_due):
        kept as a position, and as the calendar's own moment for a limit in calendar days (a
        due moment at the start of a working day is not the end of the one before)."""
        v = story.v
        if v.limit["unit"] == TimeUnit.CALENDAR_DAYS:
            start = self.clock.moment(position, start=True)
            due_at = deadlines.dossier_due(self.cal, start, v.limit)
            story.due = self.clock.position(due_at)
        else:
            story.due = position + v.limit_seconds
            due_at = self.clock.moment(story.due)
        story.due_at = due_at
        story.row["due_at"] = due_at

    # processing ----------------------------------------------------------------------------------

    def process(self, rng, story: Story, start: int, receiving: int, responsible: int) -> None:
        """The steps of the process, pauses, apologies, stops and withdrawals, the decision and
        the return of the result, each only when its moment has come by `now`."""
        v, row, clock, now_pos = story.v, story.row, self.clock, self.now_pos
        catalog = self.catalog
        steps = list(v.steps)
        if steps[0]["unit"] == StepUnit.RECEIVING and len(steps) > 1:
            first = steps.pop(0)
            self.step_row(story, first, receiving, start, start, receiving, responsible,
                          assigned=row["received_by_id"])  # fmt: skip
        # How long the work takes against the limit: most dossiers early, some just in time,
        # a few late.
        draw = rng.random()
        factor = (
            rng.uniform(0.25, 0.9) if draw < 0.62 else
            rng.uniform(0.9, 0.995) if draw < 0.93 else
            rng.uniform(1.02, 1.7)
        )  # fmt: skip
        work = max(int(v.limit_seconds * factor), 600)
        shares = [Decimal(s["share_percent"]) for s in steps]
        whole = sum(shares) or Decimal(len(steps))
        pause_step = rng.randrange(len(steps))
        pause_kind = self.pick_pause(rng, v)
        fate = rng.random()
        fate_step = rng.randrange(len(steps))
        t = start
        for index, spec in enumerate(steps):
            unit = catalog.unit(spec, receiving, responsible)
            step_start = t
            step_due = t + max(
                int(self._limit_for_shares(v) * Decimal(spec["share_percent"]) / 100), 60
            )
            length = max(int(work * (shares[index] / whole if whole else 1)), 120)
            leader = catalog.official(rng, unit, Role.UNIT_LEADER)
            worker = catalog.official(rng, unit, spec["role"] if spec["role"] else Role.SPECIALIST)
            step = {
                "dossier_id": story.id, "order": spec["order"], "name": spec["name"][:500],
                "unit_id": unit, "role": spec["role"], "share_percent": Decimal(spec["share_percent"]),
                "started_at": clock.moment(step_start), "due_at": clock.moment(step_due),
                "is_last": index == len(steps) - 1, "assigned_to_id": None,
            }  # fmt: skip
            self.rows.tables["step"].append(step)
            assigned = t + rng.randrange(max(min(length // 4, 2 * HOUR), 1))
            if assigned > now_pos:
                return
            if spec["role"] == Role.SPECIALIST:
                step["assigned_to_id"] = worker.id
                story.change(clock.moment(assigned), leader, Action.ASSIGN, story.status,
                             {"step": step["name"], "assignee": worker.name, "previous": ""})  # fmt: skip
            t = assigned
            end = step_start + length
            # A pause (supplement, money, the applicant's request) inside this step.
            if pause_kind and index == pause_step:
                paused = t + rng.randrange(max(end - t, 1))
                result = self.pause(rng, story, step, pause_kind, paused, step_due)
                if result is None:
                    return
                resumed, step_due = result
                shift = resumed - paused
                end += shift
                t = resumed
                if pause_kind == "second":
                    paused = t + rng.randrange(max((end - t) // 2, 1))
                    result = self.pause(rng, story, step, PauseReason.SUPPLEMENT, paused,
                                        step_due, second=True)  # fmt: skip
                    if result is None:
                        return
                    resumed, step_due = result
                    end += resumed - paused
                    t = resumed
            # Late ones: an apology, often, before the due moment passes.
            if index == len(steps) - 1 and end > story.due and rng.random() < 0.55:
                apology_at = max(t + 1, story.due - rng.randrange(2 * DAY))
                if apology_at <= min(end, now_pos):
                    self.apologise(rng, story, unit, apology_at, end, leader)
            # Stops and withdrawals, somewhere in the process.
            if index == fate_step and fate < 0.02:
                at = t + rng.randrange(max(end - t, 1))
                if at > now_pos:
                    return
                if fate < 0.009:
                    self.stop(rng, story, step, at, leader)
                else:
                    self.withdraw(story, clock.moment(at), Official(None, ""), rng, step=step)
                return
            if end > now_pos:
                return
            step["finished_at"] = clock.moment(end)
            step["finished_due_at"] = step["due_at"]
            if index < len(steps) - 1:
                nxt = steps[index + 1]
                story.change(step["finished_at"], worker, Action.FORWARD, story.status, {
                    "from_step": step["name"], "to_step": nxt["name"][:500], "note": "",
                })  # fmt: skip
                t = end
                continue
            self.decide(rng, story, end, leader, unit)

    @staticmethod
    def _limit_for_shares(v: Variant) -> int:
        """deadlines.working_minutes_of in seconds: the base of a step's share."""
        value = Decimal(str(v.limit["value"]))
        if v.limit["unit"] == TimeUnit.WORKING_HOURS:
            return int(value * 60) * 60
        return int(value * 480) * 60

    def pick_pause(self, rng, v: Variant) -> str:
        draw = rng.random()
        if draw < 0.015:
            return "second"
        if draw < 0.085:
            return PauseReason.SUPPLEMENT
        if draw < 0.095 and v.fees:
            return PauseReason.FINANCIAL
        if draw < 0.1:
            return PauseReason.APPLICANT_REQUEST
        return ""

    def pause(self, rng, story, step, kind, paused: int, step_due: int, *, second=False):
        """Pause at `paused`; returns (resumed position, the step's new due position), or None
        when the dossier is still paused at `now`."""
        clock, row, now_pos = self.clock, story.row, self.now_pos
        if paused > now_pos:
            return None
        reason = PauseReason.SUPPLEMENT if kind == "second" else kind
        at = clock.moment(paused)
        left = story.due - paused
        requester = self.catalog.official(rng, step["unit_id"], Role.SPECIALIST)
        items = (
            rng.sample(SUPPLEMENT_ITEMS, rng.randint(1, 2))
            if reason == PauseReason.SUPPLEMENT
            else []
        )
        period_days = 5 if reason == PauseReason.SUPPLEMENT else None
        period_end = (
            deadlines.supplement_period_end(self.cal, at, period_days) if period_days else None
        )
        note = {
            PauseReason.SUPPLEMENT: "Đề nghị bổ sung giấy tờ còn thiếu.",
            PauseReason.FINANCIAL: "Đề nghị thực hiện nghĩa vụ tài chính.",
            PauseReason.APPLICANT_REQUEST: "Người nộp đề nghị tạm dừng giải quyết.",
        }[reason]
        pause = {
            "dossier_id": story.id, "reason": reason, "note": note, "items": items,
            "period_days": period_days, "period_end_at": period_end,
            "justification": "Hồ sơ bổ sung lần trước chưa đầy đủ." if second else "",
            "started_at": at, "remaining_seconds": left, "requested_by_id": requester.id,
        }  # fmt: skip
        self.rows.tables["pause"].append(pause)
        if reason == PauseReason.SUPPLEMENT:
            row["supplement_requests"] = row.get("supplement_requests", 0) + 1
            self.counts["supplemented" if not second else "second_supplement"] += 1
        obligation = None
        if reason == PauseReason.FINANCIAL:
            amount = rng.choice((500_000, 1_200_000, 3_500_000, 12_000_000))
            obligation = self.obligation(story, at, requester, amount, ObligationStage.PROCESSING,
                                         "Nghĩa vụ tài chính phát sinh khi giải quyết")  # fmt: skip
        story.change(at, requester, Action.PAUSE, S.PAUSED, {
            "reason": reason, "note": note, "items": items, "remaining_seconds": left,
            "second_request": second, "period_days": period_days,
            "period_end_at": period_end.isoformat() if period_end else None,
        })  # fmt: skip
        step_left = step_due - paused
        length = rng.randrange(DAY // 2, (6 if reason == PauseReason.SUPPLEMENT else 3) * DAY)
        resumed = paused + length
        if resumed > now_pos:
            row.update(due_at=None, remaining_seconds=left)
            step.update(due_at=None, remaining_seconds=step_left)
            return None
        resumed_at = clock.moment(resumed)
        pause["ended_at"] = resumed_at
        if obligation is not None:
            self.pay(rng, story, obligation, resumed_at, Official(None, ""), True)
        if reason == PauseReason.SUPPLEMENT and story.v.restarts:
            row["clock_started_at"] = clock.moment(resumed, start=True)
            self.start_clock(story, resumed)
        else:
            story.due = resumed + left
            story.due_at = row["due_at"] = clock.moment(story.due)
        new_step_due = resumed + step_left
        step["due_at"] = clock.moment(new_step_due)
        story.change(resumed_at, requester, Action.RESUME, S.PROCESSING, {
            "note": "", "due_at": row["due_at"].isoformat(), "files": [], "reason": reason,
            "obligation_met": reason == PauseReason.FINANCIAL,
        })  # fmt: skip
        return resumed, new_step_due

    def apologise(self, rng, story, unit: int, at_pos: int, end: int, leader) -> None:
        clock = self.clock
        at = clock.moment(at_pos)
        new_due = clock.moment(max(end, story.due) + rng.randrange(HOUR, 3 * DAY))
        is_late = story.due - at_pos < DAY
        reason = rng.choice(APOLOGY_REASONS)
        self.rows.tables["apology"].append(
            {
                "dossier_id": story.id,
                "unit_id": unit,
                "reason": reason,
                "new_due_at": new_due,
                "issued_at": at,
                "is_late": is_late,
                "issued_by_id": leader.id,
            }  # fmt: skip
        )
        story.row["applicant_due_at"] = new_due
        story.change(at, leader, Action.APOLOGISE, story.status, {
            "reason": reason, "new_due_at": new_due.isoformat(), "late_apology": is_late,
        })  # fmt: skip
        self.counts["apologised"] += 1

    def stop(self, rng, story, step, at_pos: int, leader) -> None:
        row, at = story.row, self.clock.moment(at_pos)
        left = story.due - at_pos
        kind = rng.choice((StopReasonKind.APPLICANT_REQUEST, StopReasonKind.LEGAL_REASON))
        reason = STOP_REASONS[0 if kind == StopReasonKind.APPLICANT_REQUEST else 1]
        step["finished_at"] = at
        row.update(stop_reason_kind=kind, stop_reason=reason, stopped_at=at,
                   stopped_by_id=leader.id, closed_at=at, due_at=None)  # fmt: skip
        story.change(at, leader, Action.STOP, S.STOPPED,
                     {"reason_kind": kind, "reason": reason, "remaining_seconds": left})  # fmt: skip
        self.counts["stopped"] += 1

    def withdraw(self, story, at: datetime, actor, rng, *, step=None) -> None:
        if step is not None:
            step["finished_at"] = at
        story.row["closed_at"] = at
        story.change(at, actor, Action.WITHDRAW, S.WITHDRAWN,
                     {"reason": rng.choice(WITHDRAW_REASONS)})  # fmt: skip
        self.counts["withdrawn"] += 1

    def decide(self, rng, story, end: int, leader, unit: int) -> None:
        row, clock, now_pos = story.row, self.clock, self.now_pos
        at = clock.moment(end)
        due_at = story.due_at
        rejected = rng.random() < 0.04
        outcome = Outcome.REJECTED if rejected else Outcome.APPROVED
        reason = rng.choice(REJECTION_REASONS) if rejected else ""
        timeliness = deadlines.timeliness(at, due_at, VIETNAM)
        signed = at.astimezone(VIETNAM).date()
        number = f"{story.id % 100000}/QĐ-{self.catalog.agencies[unit].code}"[:100]
        self.rows.tables["result"].append(
            {"dossier_id": story.id,
             "title": ("Văn bản trả lời " if rejected else "") + story.v.name[:400],
             "number": number, "signed_on": signed, "signer": leader.name or "Lãnh đạo đơn vị"}
        )  # fmt: skip
        steps = self.rows.tables["step"]
        steps[-1]["finished_at"] = at
        steps[-1]["finished_due_at"] = steps[-1]["due_at"]
        row.update(outcome=outcome, decision_reason=reason, decided_at=at, decided_due_at=due_at)
        story.change(at, leader, Action.DECIDE, S.DECIDED, {
            "outcome": outcome, "reason": reason, "timeliness": timeliness, "files": [],
            "documents": [{"number": number, "signed_on": signed.isoformat(),
                           "signer": leader.name or "Lãnh đạo đơn vị"}],
        })  # fmt: skip
        self.counts[f"timeliness_{timeliness}"] += 1
        channel = row["requested_return_channel"]
        delay = int(rng.expovariate(1 / (0.8 * DAY))) if channel != ReturnChannel.ONLINE else 0
        if channel == ReturnChannel.POST:
            delay = rng.randrange(DAY, 3 * DAY)
        returned = end + delay + rng.randrange(600)
        if rng.random() < 0.03 or returned > now_pos:
            return  # not collected yet
        returned_at = clock.moment(returned)
        returner = self.catalog.official(rng, row["receiving_agency_id"], Role.RESULT_RETURN)
        if channel == ReturnChannel.POST:
            self.postal_order(story, PostalService.DELIVERY, at, returned_at, OrderStatus.DELIVERED)
        collected = row["applicant_name"] if channel == ReturnChannel.COUNTER else ""
        row.update(returned_at=returned_at, return_channel=channel, closed_at=returned_at,
                   collected_by_name=collected)  # fmt: skip
        story.change(returned_at, returner, Action.RETURN_RESULT, S.RETURNED,
                     {"channel": channel, "collected_by": collected, "id_number": ""})  # fmt: skip

    # money -------------------------------------------------------------------------------------

    def assess(self, rng, story, at: datetime, actor) -> dict | None:
        if not story.v.fees:
            return None
        try:
            breakdown = fee_rules.compute(story.v.fees, form_data={}, sets_count=1)
        except fee_rules.FeeError:
            return None
        if breakdown.total <= 0:
            return None
        return self.obligation(story, at, actor, breakdown.total, ObligationStage.SUBMISSION,
                               "", items=breakdown.as_list())  # fmt: skip

    def obligation(self, story, at, actor, total, stage, note, *, items=None) -> dict:
        pk = self.ids[Obligation].take()
        items = items or [{"code": "", "name": note, "category": "", "basis": "copies",
                           "quantity": "1", "unit_amount": total, "amount": total,
                           "exempted_for": ""}]  # fmt: skip
        row = {"id": pk, "dossier_id": story.id, "stage": stage, "status": ObligationStatus.OPEN,
               "items": items, "total": total, "note": note, "created_at": at,
               "created_by_id": actor.id}  # fmt: skip
        self.rows.tables["obligation"].append(row)
        action = "fees_assessed" if stage == ObligationStage.SUBMISSION else "payment_requested"
        story.change(at, actor, action, story.status, {"obligation": pk, "total": total}, same=True)
        return row

    def pay(self, rng, story, obligation: dict, at: datetime, official, online: bool) -> None:
        row = story.row
        method = (
            rng.choice((PaymentMethod.NATIONAL_PLATFORM, PaymentMethod.PROVINCIAL_GATEWAY))
            if online and rng.random() < 0.7
            else rng.choice((PaymentMethod.COUNTER_CASH, PaymentMethod.COUNTER_CASH,
                             PaymentMethod.COUNTER_CARD))
        )  # fmt: skip
        is_online = method in (PaymentMethod.NATIONAL_PLATFORM, PaymentMethod.PROVINCIAL_GATEWAY)
        pk = self.ids[Payment].take()
        agency = self.catalog.agencies[row["receiving_agency_id"]]
        number = 1 + sum(1 for p in self.rows.tables["payment"][-3:] if p["dossier_id"] == story.id)
        bill = f"{row['code']}-TT{number:02d}"
        total = obligation["total"]
        recorder = None if is_online else official
        self.rows.tables["payment"].append(
            {
                "id": pk,
                "dossier_id": story.id,
                "obligation_id": obligation["id"],
                "amount": total,
                "method": method,
                "status": PaymentStatus.CONFIRMED,
                "provider": method if is_online else "",
                "provider_transaction_id": f"SINH{pk:010d}" if is_online else "",
                "bill_code": bill,
                "agency_id": agency.pk,
                "agency_code": agency.code,
                "agency_name": agency.name,
                "dossier_code": row["code"],
                "procedure_code": story.v.code,
                "payer_name": row["applicant_name"],
                "payer_id_number": row.get("applicant_personal_id")
                or row.get("applicant_tax_code", ""),
                "payer_address": row["applicant_address"],
                "items": obligation["items"],
                "recorded_by_id": recorder.id if recorder else None,
                "created_at": at,
                "updated_at": at,
                "confirmed_at": at,
            }  # fmt: skip
        )
        obligation["status"] = ObligationStatus.PAID
        obligation["paid_at"] = at
        if is_online:
            self.counts["paid_online"] += 1
        story.change(at, recorder, "payment_confirmed", story.status,
                     {"payment": pk, "bill": bill, "amount": total, "method": method}, same=True)  # fmt: skip
        series = self.catalog.series.get(agency.pk)
        if series is None:
            self.counts["payments_without_series"] += 1
            return
        numbered = self.rows.series.get(series.pk, series.last_number) + 1
        self.rows.series[series.pk] = numbered
        series.last_number = numbered
        number_text = series.number_text(numbered)
        parent = self.catalog.agencies.get(agency.parent_id)
        self.rows.tables["receipt"].append(
            {
                "series_id": series.pk,
                "number": numbered,
                "payment_id": pk,
                "dossier_id": story.id,
                "agency_id": agency.pk,
                "agency_code": agency.code,
                "agency_name": agency.name,
                "agency_parent_name": parent.name if parent else "",
                "template_code": series.template.code,
                "template_name": series.template.name,
                "series_code": series.code,
                "number_text": number_text,
                "payer_name": row["applicant_name"],
                "payer_id_number": row.get("applicant_personal_id", ""),
                "payer_address": row["applicant_address"],
                "dossier_code": row["code"],
                "procedure_code": story.v.code,
                "procedure_name": story.v.name[:500],
                "items": obligation["items"],
                "total": total,
                "total_words": words_of(total),
                "method": method,
                "paid_at": at,
                "issued_at": at,
                "issued_by_id": recorder.id if recorder else None,
                "issued_by_name": recorder.name if recorder else "",
                "search_text": search_text_of(
                    number_text=number_text,
                    series_code=series.code,
                    payer_name=row["applicant_name"],
                    dossier_code=row["code"],
                    payer_id_number=row.get("applicant_personal_id", ""),
                ),
            }  # fmt: skip
        )
        self.counts["receipts"] += 1

    # the post ------------------------------------------------------------------------------------

    def postal_request(self, story, option, applicant, commune, at) -> None:
        services = PostalOption(option).services
        zone = commune[3]
        self.rows.tables["postal_request"].append(
            {
                "dossier_id": story.id,
                "option": option,
                "recipient_name": applicant["applicant_name"][:300],
                "phone": applicant["applicant_phone"],
                "address": applicant["applicant_address"],
                "commune_id": commune[0],
                "zone": zone,
                "weight_grams": 500,
                "collection_price": self.catalog.tariff.get((zone, PostalService.COLLECTION))
                if PostalService.COLLECTION in services
                else None,
                "delivery_price": self.catalog.tariff.get((zone, PostalService.DELIVERY))
                if PostalService.DELIVERY in services
                else None,
                "chosen_at": at,
            }  # fmt: skip
        )
        story.postal = {"zone": zone, "commune": commune[0], "applicant": applicant}
        if PostalService.COLLECTION in services:
            self.postal_order(story, PostalService.COLLECTION, at, at,
                              OrderStatus.DELIVERED_TO_AGENCY)  # fmt: skip

    def postal_order(self, story, service, created: datetime, done: datetime, status) -> None:
        postal = story.postal
        applicant = postal["applicant"]
        zone = postal["zone"]
        suffix = "T" if service == PostalService.COLLECTION else "K"
        self.rows.tables["postal_order"].append(
            {
                "dossier_id": story.id,
                "agency_id": story.row["receiving_agency_id"],
                "service": service,
                "reference": f"MC-{story.id}-{suffix}",
                "operator_order_id": f"EG{story.id:09d}{suffix}VN",
                "status": status,
                "recipient_name": applicant["applicant_name"][:300],
                "phone": applicant["applicant_phone"],
                "address": applicant["applicant_address"],
                "commune_id": postal["commune"],
                "zone": zone,
                "weight_grams": 500,
                "price": self.catalog.tariff.get((zone, service)),
                "created_at": created,
                "registered_at": created,
                "status_at": done,
            }  # fmt: skip
        )
        self.counts["postal_orders"] += 1

    def step_row(self, story, spec, unit, start, end, receiving, responsible, *, assigned) -> None:
        at = self.clock.moment(start)
        share = Decimal(spec["share_percent"])
        due = self.clock.moment(start + max(int(self._limit_for_shares(story.v) * share / 100), 60))
        self.rows.tables["step"].append(
            {
                "dossier_id": story.id,
                "order": spec["order"],
                "name": spec["name"][:500],
                "unit_id": unit,
                "role": spec["role"],
                "share_percent": share,
                "started_at": at,
                "due_at": due,
                "finished_at": at,
                "finished_due_at": due,
                "assigned_to_id": assigned,
                "is_last": False,
            }  # fmt: skip
        )

    # writing -----------------------------------------------------------------------------------

    def flush(self, rows: Rows) -> int:
        """Write a batch's rows and advance the counters and the receipt series, in the
        caller's transaction."""
        count = len(rows.tables["dossier"])
        for name in ("dossier", "obligation", "payment", "receipt", "audit", "step", "document",
                     "pause", "apology", "completion", "identity", "result", "postal_request",
                     "postal_order"):  # fmt: skip
            write(self.tables[name], rows.tables.get(name, ()))
        _advance_counters(rows.counters)
        for series_pk, last in rows.series.items():
            ReceiptSeries.objects.filter(pk=series_pk, last_number__lt=last).update(
                last_number=last
            )
        return count


def _cumulative(weights: list[float]) -> list[float]:
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out or [0.0]


def _advance_counters(counters: dict[tuple[int, date], int]) -> None:
    """Set each (agency, day) counter to at least the number the batch used."""
    if not counters:
        return
    table = connection.ops.quote_name(DossierCounter._meta.db_table)
    greatest = "GREATEST" if connection.vendor == "postgresql" else "MAX"
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (agency_id, day, last_number) VALUES (%s, %s, %s) "  # noqa: S608
            f"ON CONFLICT (agency_id, day) DO UPDATE SET last_number = "
            f"{greatest}({table}.last_number, excluded.last_number)",
            [(agency, day, number) for (agency, day), number in counters.items()],
        )


@dataclass
class Result:
    counts: Counter
    dossier_ids: tuple[int, int] | None  # the first and last id written


def generate(
    count: int,
    *,
    seed: int,
    start: date,
    end: date,
    now: datetime,
    batch: int = DEFAULT_BATCH,
    progress: Callable[[int], None] | None = None,
) -> Result:
    """Generate `count` dossiers submitted between `start` and `end` (Vietnam dates), their
    history as of `now`. One transaction per batch of about `batch` dossiers."""
    if count < 1:
        raise GenerationError("Số hồ sơ (--count) phải là số nguyên dương.")
    if end < start:
        raise GenerationError("Ngày kết thúc (--end) phải sau ngày bắt đầu (--start).")
    if batch < 1:
        raise GenerationError("Cỡ lô (--batch) phải là số nguyên dương.")
    last_day = now.astimezone(VIETNAM).date()
    if start > last_day:
        raise GenerationError("Khoảng ngày phải bắt đầu trước thời điểm hiện tại.")
    end = min(end, last_day)
    run = Run(seed=seed, start=start, end=end, now=now)
    plan = run.days(count)
    # A caller's transaction (a test's) must hold every write: then no thread of its own.
    threaded = connection.vendor == "postgresql" and not connection.in_atomic_block
    writer = Writer(run, progress, threaded=threaded)
    try:
        for day, counter, online in plan:
            run.day(day, counter, online)
            if len(run.rows.tables["dossier"]) >= batch:
                writer.put(run.rows)
                run.rows = Rows()
        if run.rows.tables["dossier"]:
            writer.put(run.rows)
            run.rows = Rows()
    finally:
        writer.close()
    ids = writer.ids
    return Result(run.counts, ids)


class Writer:
    """Writes the batches, one transaction each. On PostgreSQL in a thread of its own (with its
    own connection), so that PostgreSQL takes one batch while Python builds the next: the
    database's time then overlaps the generator's, which is most of the gain on two cores.
    Batches are written in order, one at a time; an error in the writer stops the run."""

    def __init__(self, run: Run, progress, *, threaded: bool):
        self.run = run
        self.progress = progress
        self.ids: tuple[int, int] | None = None
        self.error: BaseException | None = None
        self.queue: queue.Queue | None = None
        self.thread = None
        if threaded:
            self.queue = queue.Queue(maxsize=1)
            self.thread = threading.Thread(target=self._loop, name="generate-writer", daemon=True)
            self.thread.start()

    def put(self, rows: Rows) -> None:
        if self.error is not None:
            raise self.error
        if self.queue is None:
            self._write(rows)
        else:
            self.queue.put(rows)

    def close(self) -> None:
        if self.queue is not None:
            self.queue.put(None)
            self.thread.join()
        if self.error is not None:
            raise self.error

    def _loop(self) -> None:
        try:
            while (rows := self.queue.get()) is not None:
                if self.error is None:
                    self._write(rows)
        except BaseException as exc:  # noqa: BLE001 - handed to the generating thread
            self.error = exc
            while self.queue.get() is not None:  # let the producer finish putting
                pass
        finally:
            connection.close()  # the thread's own connection

    def _write(self, rows: Rows) -> None:
        low, high = min(rows.dossier_ids), max(rows.dossier_ids)
        with transaction.atomic():
            _check_series(rows)
            written = self.run.flush(rows)
        if self.progress:
            self.progress(written)
        self.ids = (
            (low, high) if self.ids is None else (min(self.ids[0], low), max(self.ids[1], high))
        )


def _check_series(rows: Rows) -> None:
    """Lock the receipt series the batch numbered and check that nobody issued a receipt on
    them since the run numbered it; if someone did (or an earlier batch was shifted), the
    batch's numbers are moved to follow the series' last number, so the series stays without
    gaps or repeats."""
    used = list(rows.series)
    if not used:
        return
    current = dict(
        ReceiptSeries.objects.select_for_update()
        .filter(pk__in=used)
        .values_list("pk", "last_number")
    )
    receipts = rows.tables["receipt"]
    widths = dict(ReceiptSeries.objects.filter(pk__in=used).values_list("pk", "number_width"))
    for series_pk in used:
        first_used = min(r["number"] for r in receipts if r["series_id"] == series_pk)
        gap = current[series_pk] - (first_used - 1)
        if gap:
            for receipt in receipts:
                if receipt["series_id"] == series_pk:
                    receipt["number"] += gap
                    receipt["number_text"] = f"{receipt['number']:0{widths[series_pk]}d}"
                    receipt["search_text"] = search_text_of(
                        number_text=receipt["number_text"], series_code=receipt["series_code"],
                        payer_name=receipt["payer_name"], dossier_code=receipt["dossier_code"],
                        payer_id_number=receipt["payer_id_number"])  # fmt: skip
            rows.series[series_pk] += gap
