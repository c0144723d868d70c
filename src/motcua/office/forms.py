"""One short form per dossier action. A form only parses what was typed (numbers, dates,
choices from a list) and calls the service; every rule is the service's, and its refusal comes
back onto the form: field messages beside their fields, the general message on top.

Each form posts the dossier's version; the service refuses a stale one.
"""

from __future__ import annotations

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from motcua.accounts.models import User
from motcua.agencies.selectors import officials_for
from motcua.delivery.policies import postal_offered
from motcua.dossiers import deadlines, services
from motcua.dossiers.actions import PROVIDE_SUPPLEMENT
from motcua.dossiers.choices import (
    Action,
    DocumentForm,
    Outcome,
    PauseReason,
    ReturnChannel,
    StopReasonKind,
)
from motcua.dossiers.errors import DossierError
from motcua.dossiers.policies import apology_would_be_late
from motcua.lib.text import person_sort_key
from motcua.office.agency_picker import AgencyPickerField
from motcua.office.widgets import MultipleFileField
from motcua.workdays.services import get_calendar

TEXT = {"rows": 3}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class ActionForm(forms.Form):
    """The base of every action form: the dossier's version, the service call, its errors."""

    action = ""
    title = ""
    submit_label = ""
    help = ""
    # service error key -> this form's field, where the names differ
    error_fields: dict[str, str] = {}

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Thiếu phiên bản hồ sơ: hãy tải lại trang rồi thực hiện lại."),
            "invalid": _("Phiên bản hồ sơ không hợp lệ: hãy tải lại trang rồi thực hiện lại."),
        },
    )

    def __init__(self, *args, dossier, user, step=None, **kwargs):
        kwargs.setdefault("prefix", self.action)
        super().__init__(*args, **kwargs)
        self.dossier, self.user, self.step = dossier, user, step
        self.fields["version"].initial = dossier.version
        self.service_message = ""

    @property
    def anchor(self) -> str:
        return f"thao-tac-{self.action}"

    def perform(self):
        """Call the service with the cleaned data (raises DossierError)."""
        raise NotImplementedError

    def call(self, service, **arguments):
        return service(
            self.dossier,
            actor=self.user,
            expected_version=self.cleaned_data["version"],
            **arguments,
        )

    def apply_error(self, exc: DossierError) -> None:
        """Put the service's refusal on the form."""
        self.service_message = exc.message
        beside_fields = False
        for key, messages in exc.errors.items():
            name = self._field_for(key)
            for message in messages:
                if name is None and message == exc.message:
                    continue
                self.add_error(name, message)
                beside_fields = beside_fields or (name is not None and message == exc.message)
        if beside_fields:
            # The message is already beside its field; the top says where to look.
            self.service_message = _("Chưa thực hiện được: hãy sửa mục được đánh dấu bên dưới.")

    def _field_for(self, key: str) -> str | None:
        if key in self.error_fields:
            return self.error_fields[key]
        if key in self.fields and key != "version":
            return key
        return None


class ReceiveForm(ActionForm):
    action = Action.RECEIVE
    title = _("Tiếp nhận hồ sơ")
    submit_label = _("Tiếp nhận và cấp giấy hẹn (mẫu 01)")
    help = _("Đối chiếu từng giấy tờ với bản gốc, ghi hình thức và số lượng đã nhận.")

    sets_count = forms.IntegerField(label=_("Số bộ hồ sơ"), required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.documents = list(self.dossier.documents.all())
        asked = {
            spec["code"]: DocumentForm.asked(spec)
            for spec in self.dossier.procedure_snapshot["documents"]
        }
        self.lines = []
        # The declaration the e-form replaces needs no ticking: it is the e-form.
        self.eform_documents = [
            d for d in self.documents if asked.get(d.code) == DocumentForm.EFORM
        ]
        for index, document in enumerate(self.documents):
            if document in self.eform_documents:
                continue
            received = forms.BooleanField(
                label=_("Đã nhận: %(name)s") % {"name": document.name},
                required=False,
                initial=bool(document.file_id) or document.quantity > 0,
            )
            form = forms.ChoiceField(
                label=_("Hình thức"),
                choices=DocumentForm.receivable(),
                required=False,
                # What was received already (an upload is an electronic copy), else what the
                # procedure asks for: the original where it asks for one.
                initial=document.form or asked.get(document.code, DocumentForm.ORIGINAL),
            )
            quantity = forms.IntegerField(
                label=_("Số lượng"), required=False, initial=document.quantity or 1
            )
            names = (f"received_{index}", f"form_{index}", f"quantity_{index}")
            for name, field in zip(names, (received, form, quantity), strict=True):
                self.fields[name] = field
            self.error_fields = {**self.error_fields, f"checklist.{document.code}": names[0]}
            self.lines.append((document, *names))
        self.fields["sets_count"].initial = self.dossier.sets_count

    def line_fields(self):
        """(document, received, form, quantity) bound fields, for the template's table."""
        return [
            (document, self[received], self[form], self[quantity])
            for document, received, form, quantity in self.lines
        ]

    def perform(self):
        data = self.cleaned_data
        checklist = [
            services.ChecklistLine(
                document_code=document.code,
                form=data[form],
                quantity=data[quantity] if data[quantity] is not None else 0,
            )
            for document, received, form, quantity in self.lines
            if data[received]
        ]
        return self.call(
            services.receive_dossier, checklist=checklist, sets_count=data["sets_count"]
        )


class ReturnForCompletionForm(ActionForm):
    action = Action.RETURN_FOR_COMPLETION
    title = _("Trả lại để hoàn thiện hồ sơ")
    submit_label = _("Trả lại và lập phiếu yêu cầu bổ sung (mẫu 02)")
    help = _("Liệt kê một lần đầy đủ những gì cần bổ sung, hoàn thiện.")
    error_fields = {"missing": "missing"}

    missing = forms.CharField(
        label=_("Những gì cần bổ sung, mỗi dòng một mục"),
        widget=forms.Textarea(attrs=TEXT),
        required=False,
    )
    note = forms.CharField(
        label=_("Lý do, hướng dẫn thêm"), widget=forms.Textarea(attrs=TEXT), required=False
    )

    def perform(self):
        data = self.cleaned_data
        return self.call(
            services.return_for_completion, missing=_lines(data["missing"]), note=data["note"]
        )


class RefuseForm(ActionForm):
    action = Action.REFUSE
    title = _("Từ chối tiếp nhận")
    submit_label = _("Từ chối và lập phiếu từ chối (mẫu 03)")

    reasons = forms.CharField(
        label=_("Lý do từ chối tiếp nhận"), widget=forms.Textarea(attrs=TEXT), required=False
    )

    def perform(self):
        return self.call(services.refuse_dossier, reasons=self.cleaned_data["reasons"])


def step_officials(step):
    """The officials holding the step's role on its unit, for the leader's choice."""
    return officials_for(step.unit, step.role)


class _ByGivenName(ModelChoiceIterator):
    """The officials in the order Vietnamese lists of people use (lib.text.person_sort_key)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        officials = sorted(
            self.queryset, key=lambda user: person_sort_key(user.get_full_name() or user.username)
        )
        for official in officials:
            yield self.choice(official)


class OfficialChoiceField(forms.ModelChoiceField):
    iterator = _ByGivenName

    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class AssignForm(ActionForm):
    action = Action.ASSIGN
    title = _("Phân công xử lý")
    submit_label = _("Phân công")

    assignee = OfficialChoiceField(
        label=_("Cán bộ xử lý"), queryset=User.objects.none(), empty_label=_("— Chọn cán bộ —")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = step_officials(self.step)
        if self.step.assigned_to_id:
            self.fields["assignee"].initial = self.step.assigned_to_id

    def perform(self):
        return self.call(services.assign_step, assignee=self.cleaned_data["assignee"])


class ForwardForm(ActionForm):
    action = Action.FORWARD
    title = _("Chuyển bước tiếp theo")
    submit_label = _("Chuyển")

    note = forms.CharField(
        label=_("Ý kiến xử lý"), widget=forms.Textarea(attrs=TEXT), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        spec = services.next_process_step(self.dossier, self.step)
        self.next_step_name = spec["name"] if spec else ""
        if spec and spec["unit"] == "coordinating":
            self.fields["to_agency"] = AgencyPickerField(
                label=_("Cơ quan phối hợp"), dossier=self.dossier, step=self.step
            )

    def perform(self):
        return self.call(
            services.forward_dossier,
            note=self.cleaned_data["note"],
            to_agency=self.cleaned_data.get("to_agency"),
        )


class ReturnToStepForm(ActionForm):
    action = Action.RETURN_TO_STEP
    title = _("Trả về bước trước")
    submit_label = _("Trả về")

    order = forms.TypedChoiceField(label=_("Trả về bước"), coerce=int)
    reason = forms.CharField(
        label=_("Lý do trả lại"), widget=forms.Textarea(attrs=TEXT), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].choices = [
            (spec["order"], f"{spec['order']}. {spec['name']}")
            for spec in services.earlier_process_steps(self.dossier, self.step)
        ]

    def perform(self):
        data = self.cleaned_data
        return self.call(services.return_to_step, order=data["order"], reason=data["reason"])


class HandOverForm(ActionForm):
    action = Action.HAND_OVER
    title = _("Chuyển liên thông")
    submit_label = _("Chuyển sang cơ quan khác")

    reason = forms.CharField(
        label=_("Nội dung đề nghị phối hợp"), widget=forms.Textarea(attrs=TEXT), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_agency"] = AgencyPickerField(
            label=_("Cơ quan nhận hồ sơ"), required=True, dossier=self.dossier, step=self.step
        )
        self.order_fields(["to_agency", "reason"])

    def perform(self):
        data = self.cleaned_data
        return self.call(services.hand_over, to_agency=data["to_agency"], reason=data["reason"])


class PauseForm(ActionForm):
    action = Action.PAUSE
    title = _("Tạm dừng, yêu cầu bổ sung")
    submit_label = pgettext_lazy("button", "Tạm dừng")
    help = _("Thời hạn giải quyết tạm dừng; yêu cầu bổ sung sẽ lập phiếu mẫu 02.")

    reason = forms.ChoiceField(label=_("Lý do tạm dừng"), choices=PauseReason.choices)
    items = forms.CharField(
        label=_("Những gì cần bổ sung, mỗi dòng một mục"),
        widget=forms.Textarea(attrs=TEXT),
        required=False,
    )
    note = forms.CharField(
        label=_("Nội dung, lý do"), widget=forms.Textarea(attrs=TEXT), required=False
    )
    period_days = forms.IntegerField(
        label=_("Thời hạn bổ sung (ngày làm việc)"), required=False, min_value=1, max_value=365
    )
    justification = forms.CharField(
        label=_("Lý do yêu cầu bổ sung lần hai (nếu có)"),
        widget=forms.Textarea(attrs=TEXT),
        required=False,
    )

    def perform(self):
        data = self.cleaned_data
        return self.call(
            services.pause_dossier,
            reason=data["reason"],
            note=data["note"],
            items=_lines(data["items"]),
            period_days=data["period_days"],
            justification=data["justification"],
        )


class ResumeForm(ActionForm):
    action = Action.RESUME
    title = _("Tiếp tục xử lý")
    submit_label = _("Tiếp tục xử lý")

    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs=TEXT), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pause = self.dossier.pauses.filter(ended_at__isnull=True).order_by("-started_at").first()
        if pause is not None and pause.reason == PauseReason.FINANCIAL:
            # The pause for a financial obligation ends when the obligation is met.
            self.title = _("Xác nhận đã thực hiện nghĩa vụ tài chính")
            self.submit_label = _("Đã hoàn thành nghĩa vụ tài chính, tiếp tục xử lý")
            self.help = _(
                "Chỉ xác nhận khi người nộp đã nộp đủ thuế, phí, lệ phí theo thông báo; thời "
                "hạn giải quyết được tính tiếp với thời gian còn lại."
            )
            self.fields["note"].label = _("Chứng từ đã nộp (số, ngày) hoặc ghi chú")

    def perform(self):
        return self.call(services.resume_dossier, note=self.cleaned_data["note"])


class SupplementForm(ActionForm):
    action = PROVIDE_SUPPLEMENT
    title = _("Nhận hồ sơ bổ sung tại quầy")
    submit_label = _("Nhận bổ sung và tiếp tục xử lý")

    files = MultipleFileField(label=_("Tệp hồ sơ bổ sung (bản quét)"), required=False)
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs=TEXT), required=False)

    def perform(self):
        data = self.cleaned_data
        return self.call(services.provide_supplement, files=data["files"], note=data["note"])


class DecideForm(ActionForm):
    action = Action.DECIDE
    title = _("Ghi nhận kết quả giải quyết")
    submit_label = _("Ghi nhận kết quả")
    error_fields = {
        "documents": "doc_title",
        "documents.0": "doc_title",
        "documents.0.file": "doc_file",
    }

    outcome = forms.ChoiceField(
        label=_("Kết quả"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Lý do (bắt buộc khi không giải quyết)"),
        widget=forms.Textarea(attrs=TEXT),
        required=False,
    )
    doc_title = forms.CharField(label=_("Tên văn bản kết quả"), required=False)
    doc_number = forms.CharField(label=_("Số, ký hiệu"), required=False)
    doc_signed_on = forms.DateField(
        label=_("Ngày ký"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    doc_signer = forms.CharField(label=_("Người ký"), required=False)
    doc_file = forms.FileField(label=_("Tệp văn bản (bản quét)"), required=False)

    def perform(self):
        data = self.cleaned_data
        parts = ("doc_title", "doc_number", "doc_signed_on", "doc_signer", "doc_file")
        documents = []
        if any(data[name] for name in parts):
            documents.append(
                services.ResultDocumentData(
                    title=data["doc_title"],
                    number=data["doc_number"],
                    signed_on=data["doc_signed_on"],
                    signer=data["doc_signer"],
                    file=data["doc_file"],
                )
            )
        return self.call(
            services.decide_dossier,
            outcome=data["outcome"],
            reason=data["reason"],
            documents=documents,
        )


class StopForm(ActionForm):
    action = Action.STOP
    title = _("Dừng giải quyết hồ sơ")
    submit_label = _("Dừng giải quyết")
    help = _(
        "Hồ sơ kết thúc, không tiếp tục tính thời hạn; người nộp được thông báo lý do bằng "
        "phiếu dừng giải quyết (mẫu 05)."
    )

    reason_kind = forms.ChoiceField(
        label=_("Căn cứ dừng giải quyết"),
        choices=StopReasonKind.choices,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Lý do dừng giải quyết"), widget=forms.Textarea(attrs=TEXT), required=False
    )

    def perform(self):
        data = self.cleaned_data
        return self.call(
            services.stop_dossier, reason_kind=data["reason_kind"], reason=data["reason"]
        )


class ApologiseForm(ActionForm):
    action = Action.APOLOGISE
    title = _("Xin lỗi và hẹn lại ngày trả kết quả")
    submit_label = _("Lập phiếu xin lỗi (mẫu 04)")

    reason = forms.CharField(
        label=_("Lý do chậm trả kết quả"), widget=forms.Textarea(attrs=TEXT), required=False
    )
    new_due_at = forms.DateTimeField(
        label=_("Ngày, giờ hẹn mới"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Say beforehand what the service will record: on time up to one working day before
        # the due moment, a late apology after that.
        left = deadlines.minutes_left(get_calendar(), timezone.now(), self.dossier)
        if apology_would_be_late(left):
            self.help = _(
                "Còn chưa đến một ngày làm việc trước hạn (hoặc đã quá hạn): văn bản xin lỗi "
                "sẽ được ghi nhận là xin lỗi muộn. Ngày hẹn mới chỉ được đặt một lần."
            )
        else:
            self.help = _("Ngày hẹn mới chỉ được đặt một lần.")

    def perform(self):
        data = self.cleaned_data
        return self.call(services.apologise, reason=data["reason"], new_due_at=data["new_due_at"])


class ReturnResultForm(ActionForm):
    action = Action.RETURN_RESULT
    title = _("Trả kết quả")
    submit_label = _("Xác nhận đã trả kết quả")

    channel = forms.ChoiceField(label=_("Hình thức trả"), choices=ReturnChannel.choices)
    collected_by_name = forms.CharField(label=_("Họ tên người nhận"), required=False)
    collected_by_id_number = forms.CharField(
        label=_("Số giấy tờ tùy thân đã kiểm tra"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].initial = self.dossier.requested_return_channel
        if not postal_offered(self.dossier.procedure):
            self.fields["channel"].choices = [
                (value, label)
                for value, label in ReturnChannel.choices
                if value != ReturnChannel.POST
            ]

    def perform(self):
        data = self.cleaned_data
        return self.call(
            services.return_result,
            channel=data["channel"],
            collected_by_name=data["collected_by_name"],
            collected_by_id_number=data["collected_by_id_number"],
        )


class WithdrawForm(ActionForm):
    action = Action.WITHDRAW
    title = _("Rút hồ sơ theo đề nghị của người nộp")
    submit_label = _("Rút hồ sơ")

    reason = forms.CharField(
        label=_("Nội dung đề nghị rút hồ sơ"), widget=forms.Textarea(attrs=TEXT), required=False
    )

    def perform(self):
        return self.call(services.withdraw_dossier, reason=self.cleaned_data["reason"])


class ReissueSecretForm(ActionForm):
    action = Action.REISSUE_SECRET
    title = _("Cấp lại mã tra cứu")
    submit_label = _("Cấp lại mã tra cứu")
    help = _(
        "Khi người nộp làm mất mã tra cứu: kiểm tra giấy tờ tùy thân của người nộp hoặc người "
        "được ủy quyền trước khi cấp. Mã tra cứu cũ hết hiệu lực ngay; mã mới chỉ hiển thị một "
        "lần, kèm phiếu mã tra cứu để in."
    )

    def perform(self):
        self.lookup_secret = self.call(services.reissue_lookup_secret)
        return self.lookup_secret


ACTION_FORMS: dict[str, type[ActionForm]] = {
    form.action: form
    for form in (
        ReceiveForm,
        ReturnForCompletionForm,
        RefuseForm,
        AssignForm,
        ForwardForm,
        ReturnToStepForm,
        PauseForm,
        ResumeForm,
        SupplementForm,
        HandOverForm,
        DecideForm,
        StopForm,
        ApologiseForm,
        ReturnResultForm,
        WithdrawForm,
        ReissueSecretForm,
    )
}
