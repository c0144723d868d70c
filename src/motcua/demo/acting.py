"""The demo's actions on a dossier: each calls one dossier service, at a given moment, as an
official who holds the role it needs (found or made by staff.py). Nothing here writes a
dossier any other way."""

from __future__ import annotations

from datetime import datetime

from motcua.accounts.apiclients import NATIONAL_PORTAL_SCOPE, create_api_client
from motcua.agencies.choices import Role
from motcua.agencies.models import Agency
from motcua.catalog.choices import StepUnit
from motcua.catalog.models import coded_documents
from motcua.demo.pdfs import pdf_upload
from motcua.demo.plans import HAND_OVER_TARGETS, Plan
from motcua.demo.staff import Staff
from motcua.demo.timeline import VIETNAM
from motcua.dossiers import services
from motcua.dossiers.choices import (
    Channel,
    DocumentForm,
    Outcome,
    PauseReason,
    ReturnChannel,
    StopReasonKind,
)
from motcua.dossiers.models import Dossier, DossierStep
from motcua.dossiers.policies import ApplicantProof
from motcua.lib.text import fold
from motcua.payments import selectors
from motcua.payments import services as payment_services
from motcua.payments.choices import PaymentMethod

RESULT_SUFFIX = {"HOTICH": "TLHT", "CHUNGTHUC": "SCT", "LLTP": "LLTP", "XAYDUNG": "GPXD",
                 "DKKD": "ĐKKD", "HKD": "ĐKHKD", "DATDAI": "GCN", "DUONGBO": "GPLX",
                 "QHKT": "QHKT", "VIECLAM": "GPLĐ"}  # fmt: skip
COORDINATING_TARGETS = {"commune": "so-nn-mt/vp-dkdd", "province": "so-tai-chinh"}
REFUSALS = (
    "Thủ tục không thuộc thẩm quyền giải quyết của cơ quan tiếp nhận; đề nghị nộp tại Ủy ban "
    "nhân dân xã, phường nơi cư trú.",
    "Hồ sơ trùng với hồ sơ đã nộp trước đó và đang được giải quyết.",
    "Người yêu cầu không thuộc đối tượng thực hiện thủ tục theo quy định.",
)
REJECTIONS = (
    "Kết quả thẩm định cho thấy hồ sơ không đáp ứng điều kiện theo quy định; cơ quan đã có "
    "văn bản trả lời nêu rõ lý do.",
)


def _doc_codes(plan: Plan) -> list[tuple[str, object]]:
    return coded_documents(plan.case.documents.all())


class Actions:
    def __init__(self, staff: Staff, agencies):
        self.staff = staff
        self.agencies = agencies
        self._national_portal = None

    def national_portal(self, receiving: Agency):
        """The national portal's own API client, which files the dossiers that come through
        it (made once, at the root of the receiving agency's tree)."""
        if self._national_portal is None:
            root = Agency.objects.get(pk=int(receiving.path.strip("/").split("/")[0]))
            self._national_portal, _key = create_api_client(
                "Cổng Dịch vụ công quốc gia",
                agency=root,
                scopes=["dossiers:submit", NATIONAL_PORTAL_SCOPE],
            )
        return self._national_portal

    @staticmethod
    def proof(dossier: Dossier) -> ApplicantProof:
        """What a guest applicant of the demo holds: the draft their session created and the
        lookup secret they were given."""
        return ApplicantProof(
            drafts=frozenset({dossier.pk}), secret_hash=dossier.lookup_secret_hash
        )

    # --- before reception ----------------------------------------------------------------

    def uploads(self, plan: Plan, *, all_required: bool = True) -> list[services.Upload]:
        chosen = []
        for code, document in _doc_codes(plan):
            if (document.is_required and all_required) or plan.rng.random() < 0.3:
                chosen.append(
                    services.Upload(
                        code,
                        pdf_upload(
                            f"{fold(document.name)[:40].replace(' ', '-')}.pdf",
                            document.name,
                            [plan.applicant.name, plan.procedure.name, f"{code} - {plan.index}"],
                        ),
                    )
                )
        return chosen

    def create(self, plan: Plan, now: datetime, *, submit: bool = True) -> Dossier:
        owner = plan.owner
        client = None
        actor = owner
        if plan.channel == Channel.NATIONAL_PORTAL:
            client = self.national_portal(plan.receiving)
            actor = client.user
        elif plan.channel in (Channel.COUNTER, Channel.POST):
            actor = self.staff.official(Role.RECEPTION, plan.receiving)
        submission = services.create_dossier(
            procedure=plan.procedure,
            case=plan.case,
            channel=plan.channel,
            applicant=plan.applicant,
            receiving_agency=plan.receiving,
            form_data=plan.form_data(now),
            uploads=self.uploads(plan, all_required=submit or plan.rng.random() < 0.5)
            if plan.channel != Channel.POST
            else [],
            owner=owner,
            actor=actor,
            client=client,
            submit=submit,
            requested_return_channel=plan.return_channel,
            now=now,
        )
        return submission.dossier

    def checklist(self, plan: Plan, *, scanned: bool) -> list[services.ChecklistLine]:
        """What the counter records of the paper documents it was handed."""
        lines = []
        for code, document in _doc_codes(plan):
            if not document.is_required and plan.rng.random() < 0.7:
                continue
            form = DocumentForm.ORIGINAL if document.originals else plan.rng.choice(
                (DocumentForm.COPY, DocumentForm.CERTIFIED_COPY)
            )  # fmt: skip
            quantity = max(document.originals, document.copies, 1)
            lines.append(services.ChecklistLine(code, form, quantity, digitised=scanned))
        return lines

    def receive_at_counter(self, plan: Plan, now: datetime) -> Dossier:
        scanned = plan.rng.random() < 0.5
        submission = services.receive_at_counter(
            actor=self.staff.official(Role.RECEPTION, plan.receiving),
            procedure=plan.procedure,
            case=plan.case,
            applicant=plan.applicant,
            receiving_agency=plan.receiving,
            checklist=self.checklist(plan, scanned=scanned),
            form_data=plan.form_data(now),
            uploads=self.uploads(plan) if scanned else [],
            channel=plan.channel,
            requested_return_channel=plan.return_channel,
            now=now,
        )
        self.pay_at_counter(plan, submission.dossier, now)
        return submission.dossier

    def pay_at_counter(self, plan: Plan, dossier: Dossier, now: datetime) -> None:
        """Who files at the counter pays the fees there, mostly in cash (payments services)."""
        if not selectors.money_of(dossier).outstanding:
            return
        payment_services.record_counter_payment(
            dossier,
            actor=self.staff.official(Role.RECEPTION, dossier.receiving_agency),
            # Not drawn from the plan's random numbers: the rest of the story stays as it was.
            method=PaymentMethod.COUNTER_CARD
            if dossier.pk % 3 == 0
            else PaymentMethod.COUNTER_CASH,
            now=now,
        )

    def receive(self, plan: Plan, dossier: Dossier, now: datetime) -> Dossier:
        """Receive a dossier that arrived online or by post; a posted one has its paper
        documents checked in."""
        official = self.staff.official(Role.RECEPTION, dossier.receiving_agency)
        checklist = self.checklist(plan, scanned=False) if plan.channel == Channel.POST else None
        return services.receive_dossier(dossier, actor=official, checklist=checklist, now=now)

    def return_for_completion(self, plan: Plan, dossier: Dossier, now: datetime) -> None:
        documents = [document for _code, document in _doc_codes(plan)]
        chosen = plan.rng.sample(documents, min(len(documents), plan.rng.randint(1, 2)))
        missing = [
            f"{document.name}: tệp tải lên không đọc được, đề nghị tải lại bản chụp rõ nét, đủ "
            "các trang"
            for document in chosen
        ]
        services.return_for_completion(
            dossier,
            actor=self.staff.official(Role.RECEPTION, dossier.receiving_agency),
            missing=missing,
            note="Đề nghị bổ sung, hoàn thiện một lần theo danh mục trên rồi nộp lại.",
            now=now,
        )

    def resubmit(self, plan: Plan, dossier: Dossier, now: datetime) -> None:
        services.submit_dossier(
            dossier,
            actor=plan.owner,
            proof=self.proof(dossier),
            uploads=self.uploads(plan)[:1],
            now=now,
        )

    def refuse(self, plan: Plan, dossier: Dossier, now: datetime) -> None:
        services.refuse_dossier(
            dossier,
            actor=self.staff.official(Role.RECEPTION, dossier.receiving_agency),
            reasons=plan.rng.choice(REFUSALS),
            now=now,
        )

    def withdraw(self, plan: Plan, dossier: Dossier, now: datetime) -> None:
        reason = plan.rng.choice(
            ("Người nộp không còn nhu cầu giải quyết.", "Người nộp đề nghị rút để bổ sung "
             "giấy tờ và nộp lại sau.")
        )  # fmt: skip
        if dossier.channel in (Channel.ONLINE, Channel.NATIONAL_PORTAL):
            services.withdraw_dossier(
                dossier, reason=reason, actor=plan.owner, proof=self.proof(dossier), now=now
            )
        else:
            official = self.staff.official(Role.RECEPTION, dossier.receiving_agency)
            services.withdraw_dossier(dossier, reason=reason, actor=official, now=now)

    def stop(self, plan: Plan, dossier: Dossier, now: datetime) -> None:
        kind, reason = plan.rng.choice(
            (
                (
                    StopReasonKind.APPLICANT_REQUEST,
                    "Người nộp có đơn đề nghị dừng giải quyết hồ sơ.",
                ),
                (
                    StopReasonKind.LEGAL_REASON,
                    "Đối tượng của thủ tục đang có tranh chấp, đã được cơ quan có thẩm quyền thụ lý.",
                ),
            )
        )
        leader = self.leader(services.current_step(dossier))
        services.stop_dossier(dossier, actor=leader, reason_kind=kind, reason=reason, now=now)

    # --- processing ----------------------------------------------------------------------

    def worker(self, step: DossierStep):
        return step.assigned_to or self.staff.official(step.role, step.unit)

    def leader(self, step: DossierStep):
        return self.staff.official(Role.UNIT_LEADER, step.unit)

    def assign(self, dossier: Dossier, now: datetime) -> None:
        step = services.current_step(dossier)
        services.assign_step(
            dossier,
            actor=self.leader(step),
            assignee=self.staff.official(step.role, step.unit),
            now=now,
        )

    def forward(self, plan: Plan, dossier: Dossier, now: datetime) -> None:
        step = services.current_step(dossier)
        spec = services.next_process_step(dossier, step)
        to_agency = None
        if spec and spec["unit"] == StepUnit.COORDINATING:
            to_agency = self.coordinating_target(plan)
        note = "Hồ sơ đủ điều kiện, đề xuất giải quyết." if step.role == Role.SPECIALIST else (
            "Đồng ý, trình ký."
        )  # fmt: skip
        services.forward_dossier(
            dossier, actor=self.worker(step), note=note, to_agency=to_agency, now=now
        )

    def coordinating_target(self, plan: Plan) -> Agency:
        return self.unit(COORDINATING_TARGETS[plan.procedure.implementing_level])

    def unit(self, key: str) -> Agency:
        return self.agencies.units.get(key) or self.agencies.departments[key]

    def return_to_step(self, dossier: Dossier, now: datetime) -> None:
        step = services.current_step(dossier)
        earlier = [
            spec["order"]
            for spec in services.process_steps(dossier)
            if spec["order"] < step.order
            and spec["role"] == Role.SPECIALIST
            and spec["unit"] != StepUnit.COORDINATING
        ]
        services.return_to_step(
            dossier,
            actor=self.worker(step),
            order=earlier[-1],
            reason="Đề nghị thẩm định lại: dự thảo kết quả ghi chưa đúng thông tin trong tờ khai.",
            now=now,
        )

    def hand_over(self, plan: Plan, dossier: Dossier, now: datetime) -> None:
        step = services.current_step(dossier)
        services.hand_over(
            dossier,
            actor=self.worker(step),
            to_agency=self.unit(HAND_OVER_TARGETS[plan.procedure.field.code]),
            reason="Lấy ý kiến thẩm định của cơ quan chuyên môn trước khi trình giải quyết.",
            now=now,
        )

    def pause(self, plan: Plan, dossier: Dossier, now: datetime, reason: str) -> None:
        step = services.current_step(dossier)
        items, note, period = [], "", None
        if reason == PauseReason.SUPPLEMENT:
            names = [document.name for _code, document in _doc_codes(plan)]
            items = [f"{name} (bản có đủ chữ ký, đóng dấu)" for name in names[-2:]]
            note = "Hồ sơ còn thiếu, đề nghị bổ sung để tiếp tục giải quyết."
            period = 15
        elif reason == PauseReason.FINANCIAL:
            note = "Chờ người sử dụng đất nộp tiền sử dụng đất và lệ phí trước bạ theo thông báo."
        else:
            note = "Người nộp đề nghị tạm dừng để thu xếp giấy tờ gốc."
        services.pause_dossier(
            dossier,
            actor=self.worker(step),
            reason=reason,
            note=note,
            items=items,
            period_days=period,
            now=now,
        )

    def supplement(self, plan: Plan, dossier: Dossier, now: datetime) -> None:
        files = [pdf_upload("ho-so-bo-sung.pdf", "Hồ sơ bổ sung", [plan.applicant.name])]
        services.provide_supplement(
            dossier,
            files=files,
            note="Đã bổ sung đầy đủ theo phiếu yêu cầu.",
            actor=plan.owner,
            proof=self.proof(dossier),
            now=now,
        )

    def apologise(self, dossier: Dossier, now: datetime, new_due_at: datetime) -> None:
        step = services.current_step(dossier)
        services.apologise(
            dossier,
            actor=self.leader(step),
            reason="Hồ sơ phải lấy thêm ý kiến của cơ quan liên quan nên chưa trả kết quả đúng hẹn.",
            new_due_at=new_due_at,
            now=now,
        )

    def decide(self, plan: Plan, dossier: Dossier, now: datetime, *, rejected: bool) -> None:
        step = services.current_step(dossier)
        leader = self.leader(step)
        if rejected:
            services.decide_dossier(
                dossier,
                actor=leader,
                outcome=Outcome.REJECTED,
                reason=plan.rng.choice(REJECTIONS),
                now=now,
            )
            return
        result = min(plan.procedure.results.all(), key=lambda r: r.pk, default=None)
        title = result.name if result else plan.procedure.name
        suffix = RESULT_SUFFIX.get(plan.procedure.field.code, "QĐ")
        number = f"{plan.rng.randint(12, 4800)}/{suffix}"
        electronic = dossier.requested_return_channel == ReturnChannel.ONLINE
        document = services.ResultDocumentData(
            title=title,
            number=number,
            signed_on=now.astimezone(VIETNAM).date(),
            signer=leader.get_full_name(),
            file=pdf_upload("ket-qua.pdf", title, [number, plan.applicant.name])
            if electronic or plan.rng.random() < 0.3
            else None,
        )
        services.decide_dossier(
            dossier, actor=leader, outcome=Outcome.APPROVED, documents=[document], now=now
        )

    def return_result(self, plan: Plan, dossier: Dossier, now: datetime) -> None:
        official = self.staff.official(Role.RESULT_RETURN, dossier.receiving_agency)
        channel = dossier.requested_return_channel
        name, id_number = "", ""
        if channel == ReturnChannel.COUNTER:
            collector = plan.person
            if plan.applicant.submitter_name:
                name, id_number = (
                    plan.applicant.submitter_name,
                    plan.applicant.submitter_personal_id,
                )
            else:
                name, id_number = collector.name, f"CCCD {collector.personal_id}"
        services.return_result(
            dossier,
            actor=official,
            channel=channel,
            collected_by_name=name,
            collected_by_id_number=id_number,
            now=now,
        )
