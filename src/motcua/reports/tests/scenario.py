"""A month of dossiers with known answers, made through the real services with `now=`: the
world of the dossier tests (dossiers/tests/fixtures.py) plus a second procedure, in another
field, decided by another department (Sở Tư pháp).

March 2026. The world's procedure has 15 working days; a dossier received on Monday 2 March at
10:00 is due on Monday 23 March at 10:00.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from motcua.accounts.apiclients import NATIONAL_PORTAL_SCOPE, create_api_client
from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.choices import Role
from motcua.agencies.models import Commune
from motcua.agencies.tests.factories import RoleGrantFactory
from motcua.catalog.choices import StepUnit
from motcua.catalog.tests.factories import (
    FeeFactory,
    FieldFactory,
    ProcedureAgencyFactory,
    ProcedureCaseFactory,
    ProcedureFactory,
    ProcessStepFactory,
    RequiredDocumentFactory,
)
from motcua.delivery import services as delivery
from motcua.delivery.choices import PostalService
from motcua.dossiers import services
from motcua.dossiers.choices import (
    Channel,
    DocumentForm,
    Outcome,
    PauseReason,
    ReturnChannel,
    StopReasonKind,
)
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.fixtures import approve_with_permit, pdf, submit_online, tracking, vn

NOW = vn(2026, 3, 31, 12)
START, END = date(2026, 3, 1), date(2026, 3, 31)
PROVINCIAL_SECRET = "reports-test-secret"


@dataclass
class Month:
    world: object
    second_procedure: object
    second_case: object
    judicial_leader: object
    dossiers: dict = field(default_factory=dict)

    def __getitem__(self, name):
        return Dossier.objects.get(pk=self.dossiers[name].pk)


def _uploads():
    return [services.Upload("DON", pdf("don.pdf")), services.Upload("GCN", pdf("gcn.pdf"))]


def received_at(world, at, **applicant):
    dossier = submit_online(world, now=at.replace(hour=9), **applicant).dossier
    return services.receive_dossier(dossier, actor=world.receptionist, now=at)


def decide(world, dossier, *, forward_at, decide_at):
    services.forward_dossier(dossier, actor=world.specialist, note="Đủ điều kiện", now=forward_at)
    return approve_with_permit(
        world, dossier, number=f"{dossier.pk}/GPXD", signed_on=decide_at.date(), now=decide_at
    )


def supplement(world, dossier, *, at, justification=""):
    services.pause_dossier(
        dossier,
        actor=world.specialist,
        reason=PauseReason.SUPPLEMENT,
        note="Thiếu bản vẽ",
        items=["Bản vẽ mặt bằng"],
        justification=justification,
        now=at,
    )


def counter(
    world,
    *,
    at,
    channel=Channel.COUNTER,
    procedure=None,
    case=None,
    identity=None,
    digitised=True,
    return_channel=ReturnChannel.COUNTER,
):
    procedure = procedure or world.procedure
    case = case or world.case
    checklist = [
        services.ChecklistLine(document.code, DocumentForm.COPY, 1, digitised=digitised)
        for document in case.documents.all()
    ]
    return services.receive_at_counter(
        actor=world.receptionist,
        procedure=procedure,
        case=case,
        applicant=world.applicant(commune_code=Commune.objects.order_by("code")[0].code),
        receiving_agency=world.centre,
        checklist=checklist,
        requested_return_channel=return_channel,
        form_data={"dien_tich": "80"} if procedure == world.procedure else {},
        uploads=[
            services.Upload(document.code, pdf(f"{document.code}.pdf"))
            for document in case.documents.all()
        ]
        if digitised
        else [],
        channel=channel,
        identity=identity,
        now=at,
    ).dossier


def pay_online(dossier, settings, *, at):
    """The applicant pays on the provincial gateway; its signed notification confirms it."""
    from motcua.payments import services as payments
    from motcua.payments.providers import get
    from motcua.payments.providers.base import hmac_hex
    from motcua.payments.providers.provincial_gateway import dumps

    payment = payments.start_online_payment(
        dossier, provider_name="provincial_gateway", proof=tracking(dossier), now=at
    ).payment
    provider = get("provincial_gateway")
    body = dumps(
        {
            "merchantCode": provider.merchant,
            "orderId": payment.bill_code,
            "transId": f"PG-{payment.pk}",
            "amount": payment.amount,
            "resultCode": "0",
        }
    )
    headers = {"X-Signature": hmac_hex(settings.PAYMENT_PROVINCIAL_SECRET, body)}
    outcome = payments.receive_notification("provincial_gateway", body, headers, now=at).outcome
    assert outcome == "applied"


def build(world, settings, sign=None) -> Month:
    settings.PAYMENT_PROVINCIAL_URL = "http://127.0.0.1:9201/provincial"
    settings.PAYMENT_PROVINCIAL_SECRET = PROVINCIAL_SECRET
    settings.PAYMENT_PROVINCIAL_MERCHANT = "MOTCUA-TEST"
    settings.PAYMENT_PUBLIC_URL = "http://testserver"
    world.procedure.via_post = True
    world.procedure.save()
    FeeFactory(procedure=world.procedure, code="LP01", name="Lệ phí cấp phép", amount=75_000)
    world.procedure.save()

    # A second procedure, in another field, decided by the Department of Justice.
    second = ProcedureFactory(name="Cấp phiếu lý lịch tư pháp", field=FieldFactory())
    ProcedureAgencyFactory(procedure=second, agency=world.other)
    second_case = ProcedureCaseFactory(procedure=second, code="TH1", time_limit_value=Decimal("10"))
    RequiredDocumentFactory(case=second_case, code="TK", name="Tờ khai")
    for order, (name, unit_kind, role) in enumerate(
        [
            ("Tiếp nhận hồ sơ", StepUnit.RECEIVING, Role.RECEPTION),
            ("Phê duyệt", StepUnit.RESPONSIBLE_LEADER, Role.UNIT_LEADER),
        ],
        start=1,
    ):
        ProcessStepFactory(
            procedure=second,
            order=order,
            name=name,
            unit=unit_kind,
            role=role,
            share_percent=Decimal("50"),
        )
    judicial_leader = UserFactory(official=True, full_name="Vũ Minh Tư")
    RoleGrantFactory(user=judicial_leader, agency=world.other, role=Role.UNIT_LEADER)
    month = Month(world, second, second_case, judicial_leader)
    d = month.dossiers

    # Early, and paid online before reception.
    early = submit_online(world, now=vn(2026, 3, 2, 9)).dossier
    pay_online(early, settings, at=vn(2026, 3, 2, 9, 30))
    early = services.receive_dossier(early, actor=world.receptionist, now=vn(2026, 3, 2, 10))
    d["early"] = decide(world, early, forward_at=vn(2026, 3, 3, 9), decide_at=vn(2026, 3, 4, 9))

    # Late on its step (due about 16 March), on time overall (decided on its due day).
    step_late = received_at(world, vn(2026, 3, 2, 10))
    d["step_late"] = decide(
        world, step_late, forward_at=vn(2026, 3, 18, 9), decide_at=vn(2026, 3, 23, 9)
    )

    # Paused two working days for a supplement: due 25 March, decided 24 March.
    paused = received_at(world, vn(2026, 3, 2, 10))
    supplement(world, paused, at=vn(2026, 3, 4, 10))
    paused.refresh_from_db()
    services.provide_supplement(
        paused, files=[pdf("ban-ve.pdf")], proof=tracking(paused), now=vn(2026, 3, 6, 10)
    )
    paused.refresh_from_db()
    d["paused"] = decide(world, paused, forward_at=vn(2026, 3, 20, 9), decide_at=vn(2026, 3, 24, 9))

    # Asked twice for a supplement: late, though decided early.
    twice = received_at(world, vn(2026, 3, 2, 10))
    supplement(world, twice, at=vn(2026, 3, 3, 9))
    services.resume_dossier(twice, actor=world.specialist, now=vn(2026, 3, 4, 9))
    supplement(world, twice, at=vn(2026, 3, 5, 9), justification="Bản vẽ vẫn sai tỉ lệ")
    twice.refresh_from_db()
    services.provide_supplement(
        twice, files=[pdf("ban-ve-2.pdf")], proof=tracking(twice), now=vn(2026, 3, 6, 9)
    )
    twice.refresh_from_db()
    d["twice"] = decide(world, twice, forward_at=vn(2026, 3, 9, 9), decide_at=vn(2026, 3, 10, 9))

    # Apologised with a new date of 27 March, decided on 24 March: late against 23 March.
    sorry = received_at(world, vn(2026, 3, 2, 10))
    services.apologise(
        sorry,
        actor=world.leader,
        reason="Chờ ý kiến cơ quan phối hợp",
        new_due_at=vn(2026, 3, 27, 17),
        now=vn(2026, 3, 19, 9),
    )
    sorry.refresh_from_db()
    d["sorry"] = decide(world, sorry, forward_at=vn(2026, 3, 24, 9), decide_at=vn(2026, 3, 24, 10))

    # Stopped, withdrawn, refused.
    stopped = received_at(world, vn(2026, 3, 3, 10))
    d["stopped"] = services.stop_dossier(
        stopped,
        actor=world.leader,
        reason_kind=StopReasonKind.APPLICANT_REQUEST,
        reason="Người nộp đề nghị dừng",
        now=vn(2026, 3, 10, 9),
    )
    withdrawn = received_at(world, vn(2026, 3, 3, 10))
    d["withdrawn"] = services.withdraw_dossier(
        withdrawn, reason="Không còn nhu cầu", proof=tracking(withdrawn), now=vn(2026, 3, 9, 9)
    )
    refused = submit_online(world, now=vn(2026, 3, 5, 9)).dossier
    d["refused"] = services.refuse_dossier(
        refused, actor=world.receptionist, reasons="Không thuộc thẩm quyền", now=vn(2026, 3, 5, 11)
    )

    # Overdue now (due 23 March); received late (submitted Monday 9:00, received Wednesday).
    d["overdue"] = received_at(world, vn(2026, 3, 2, 10))
    late_receipt = submit_online(world, now=vn(2026, 3, 9, 9)).dossier
    d["late_receipt"] = services.receive_dossier(
        late_receipt, actor=world.receptionist, now=vn(2026, 3, 11, 9)
    )
    # Waiting for reception past its receipt deadline at NOW.
    d["waiting"] = submit_online(world, now=vn(2026, 3, 27, 9)).dossier

    # Counter (population database checked), post, national portal.
    identity = services.IdentityCheckData(
        personal_id="001190012345", name="Trần Thị Bích Ngọc", birth_date=None, result="match"
    )
    d["counter"] = counter(world, at=vn(2026, 3, 5, 9), identity=identity)
    # By post, its papers not digitised, its result to go back by post (an order is opened).
    d["post"] = counter(
        world,
        at=vn(2026, 3, 6, 9),
        channel=Channel.POST,
        digitised=False,
        return_channel=ReturnChannel.POST,
    )
    assert delivery.open_order(d["post"], PostalService.DELIVERY, now=vn(2026, 3, 6, 10))
    portal, _key = create_api_client(
        "Cổng Dịch vụ công quốc gia",
        agency=world.centre.parent,
        scopes=["dossiers:submit", NATIONAL_PORTAL_SCOPE],
    )
    from_portal = services.create_dossier(
        procedure=world.procedure,
        case=world.case,
        channel=Channel.NATIONAL_PORTAL,
        applicant=world.applicant(),
        receiving_agency=world.centre,
        form_data={"dien_tich": "80"},
        uploads=_uploads(),
        actor=portal.user,
        client=portal,
        now=vn(2026, 3, 9, 9),
    ).dossier
    d["portal"] = services.receive_dossier(
        from_portal, actor=world.receptionist, now=vn(2026, 3, 9, 10)
    )

    # The Department of Justice: one received at the counter and decided early.
    justice = counter(world, at=vn(2026, 3, 10, 9), procedure=second, case=second_case)
    services.decide_dossier(
        justice,
        actor=judicial_leader,
        outcome=Outcome.APPROVED,
        documents=[
            services.ResultDocumentData(
                title="Phiếu lý lịch tư pháp",
                number="12/LLTP",
                signed_on=date(2026, 3, 11),
                signer=judicial_leader.full_name,
            )
        ],
        now=vn(2026, 3, 11, 9),
    )
    d["justice"] = justice
    if sign is not None:  # its result signed electronically
        assert sign(justice)
    # Received in February: outside the period, decided in it.
    d["february"] = decide(
        world,
        received_at(world, vn(2026, 2, 23, 10)),
        forward_at=vn(2026, 3, 2, 9),
        decide_at=vn(2026, 3, 3, 9),
    )
    return month
