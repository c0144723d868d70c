"""Two hundred dossiers through their whole lives while the portal fails on purpose: it is
unreachable for one part of the run, refuses sessions (after expiring them) for another, drops
updates and answers 500 for others. At the end the portal holds exactly our final state for
every dossier, each status update once and in our order, and nothing is left pending."""

import time
from datetime import date, timedelta

from motcua.dossiers import services
from motcua.dossiers.choices import Outcome, PauseReason
from motcua.dossiers.tests.fixtures import pdf, submit_online, tracking, vn
from motcua.events.models import Delivery
from motcua.events.services import run_deliveries
from motcua.integrations.national_portal import mapping, payloads, reconcile, sync
from motcua.integrations.national_portal.client import get_client
from motcua.integrations.national_portal.tests.conftest import drain

COUNT = 200
KINDS = ["full", "supplement", "rejected", "withdraw", "stop", "refuse", "financial_stop"]
T0 = vn(2026, 3, 2, 8)


def at(phase: int, index: int):
    return T0 + timedelta(days=phase, seconds=index)


def step(world, dossier, kind: str, phase: int, index: int) -> None:
    """The dossier's act of `phase` for its kind of life (nothing when its life is over)."""
    dossier.refresh_from_db()
    now = at(phase, index)
    if phase == 0:
        if kind == "refuse":
            services.refuse_dossier(
                dossier, actor=world.receptionist, reasons="Không thuộc thẩm quyền", now=now
            )
        else:
            services.receive_dossier(dossier, actor=world.receptionist, now=now)
    elif phase == 1:
        if kind in ("full", "supplement", "rejected"):
            services.pause_dossier(
                dossier,
                actor=world.specialist,
                reason=PauseReason.SUPPLEMENT,
                note="Thiếu bản vẽ mặt bằng",
                items=["Bản vẽ"],
                now=now,
            )
        elif kind == "financial_stop":
            services.pause_dossier(
                dossier,
                actor=world.specialist,
                reason=PauseReason.FINANCIAL,
                note="Nộp lệ phí trước bạ",
                now=now,
            )
        elif kind == "withdraw":
            services.withdraw_dossier(
                dossier, reason="Tôi không cần nữa", proof=tracking(dossier), now=now
            )
        elif kind == "stop":
            services.stop_dossier(
                dossier,
                actor=world.leader,
                reason_kind="legal_reason",
                reason="Đất đang có tranh chấp",
                now=now,
            )
    elif phase == 2:
        if kind in ("full", "supplement", "rejected"):
            services.provide_supplement(
                dossier, files=[pdf("ban-ve.pdf")], proof=tracking(dossier), now=now
            )
        elif kind == "financial_stop":
            services.stop_dossier(
                dossier,
                actor=world.leader,
                reason_kind="applicant_request",
                reason="Người nộp không thực hiện nghĩa vụ tài chính",
                now=now,
            )
    elif phase == 3 and kind in ("full", "supplement", "rejected"):
        services.forward_dossier(dossier, actor=world.specialist, now=now)
    elif phase == 4 and kind in ("full", "supplement", "rejected"):
        approved = kind != "rejected"
        services.decide_dossier(
            dossier,
            actor=world.leader,
            outcome=Outcome.APPROVED if approved else Outcome.REJECTED,
            reason="" if approved else "Không đủ điều kiện cấp phép",
            documents=[
                services.ResultDocumentData(
                    title="Giấy phép xây dựng",
                    number=f"{index}/GPXD",
                    signed_on=date(2026, 3, 6),
                    signer=world.leader.full_name,
                )
            ]
            if approved
            else [],
            now=now,
        )
    elif phase == 5 and kind in ("full", "rejected"):
        services.return_result(
            dossier,
            actor=world.returner,
            channel="counter",
            collected_by_name="Trần Thị Bích Ngọc",
            collected_by_id_number="001190012345",
            now=now,
        )


def rounds(count: int, pause: float = 0.05) -> None:
    for _round in range(count):
        run_deliveries(limit=100)
        time.sleep(pause)


def test_two_hundred_lives_through_an_unreliable_portal(world, portal):
    mapping.load_defaults()
    dossiers = [
        submit_online(world, now=T0 - timedelta(hours=1, seconds=i)).dossier for i in range(COUNT)
    ]
    kinds = [KINDS[i % len(KINDS)] for i in range(COUNT)]

    def phase(number: int) -> None:
        for index, (dossier, kind) in enumerate(zip(dossiers, kinds, strict=True)):
            step(world, dossier, kind, number, index)

    phase(0)
    rounds(2)
    portal.stop()  # unreachable
    phase(1)
    rounds(4)
    failing = Delivery.objects.filter(consumer="national_portal", attempts__gt=0)
    assert failing.filter(last_error__contains="TransientError").exists()
    portal.start()
    portal.control("POST", "sessions/expire")
    portal.set_fault("refuse_auth")
    phase(2)
    rounds(4)
    assert failing.filter(last_error__contains="Refused").exists()
    portal.clear_faults()
    portal.set_fault("drop", share=0.3)
    phase(3)
    rounds(4)
    portal.clear_faults()
    portal.set_fault("error_500", share=0.2)
    phase(4)
    rounds(4)
    portal.clear_faults()
    phase(5)
    drain(rounds=2000)

    assert not Delivery.objects.filter(consumer="national_portal").exclude(status="done").exists()
    now = max(at(5, COUNT), T0)
    client = get_client()
    finals = {kind: set() for kind in KINDS}
    for dossier, kind in zip(dossiers, kinds, strict=True):
        dossier = sync._dossier(dossier.pk)
        held = client.look_up_dossier(dossier.code)
        ours = sync.delivered_updates(dossier)
        lines = held["TienDo"]
        assert [line["MaTienDo"] for line in lines] == ours, dossier.code
        expected = [
            sync._event_status(dossier, d.event, d.event.type.split(".", 1)[1])
            for d in Delivery.objects.filter(consumer="national_portal", dossier=dossier)
            .select_related("event")
            .order_by("event_id")
        ]
        assert [line["TrangThai"] for line in lines] == expected, dossier.code
        final = payloads.status_at(dossier, now)
        assert held["TrangThaiHoSo"] == final == expected[-1]
        header = payloads.dossier_sync(
            dossier, status=final, at=now, codes=mapping.procedure_codes(dossier.procedure_id)
        )
        assert {key: held.get(key) for key in header} == header, dossier.code
        finals[kind].add(final)
    assert finals == {
        "full": {10},
        "supplement": {9},
        "rejected": {10},
        "withdraw": {7},
        "stop": {8},
        "refuse": {3},
        "financial_stop": {8},
    }
    # An independent look from the other side finds nothing to re-send.
    assert reconcile.reconcile().differing == []
