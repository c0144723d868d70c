"""Money on the office's dossier page: what the dossier owes (with its breakdown), what was
paid and refunded, and the forms of the officials who may act on it: take a payment at the
counter (reception, result return), ask for a financial obligation during processing
(whoever may pause the dossier), refund a refused, withdrawn or stopped dossier's payment."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from motcua.office.forms import TEXT, ActionForm
from motcua.payments import policies, selectors, services
from motcua.payments.choices import COUNTER_METHODS, PaymentMethod
from motcua.payments.models import Payment


class CounterPaymentForm(ActionForm):
    action = "counter_payment"
    title = _("Thu phí, lệ phí tại quầy")
    submit_label = pgettext_lazy("button", "Ghi nhận đã thu")
    help = _("Ghi nhận số tiền hồ sơ còn phải nộp, người nộp trả bằng tiền mặt hoặc thẻ.")

    method = forms.ChoiceField(
        label=_("Hình thức"),
        choices=[(m.value, m.label) for m in COUNTER_METHODS],
        initial=PaymentMethod.COUNTER_CASH,
        widget=forms.RadioSelect,
    )
    payer_name = forms.CharField(
        label=_("Người nộp tiền (nếu khác người nộp hồ sơ)"), max_length=300, required=False
    )

    def perform(self):
        return services.record_counter_payment(
            self.dossier,
            actor=self.user,
            method=self.cleaned_data["method"],
            payer_name=self.cleaned_data["payer_name"],
        )


class RequestPaymentForm(ActionForm):
    action = "request_payment"
    title = _("Yêu cầu thực hiện nghĩa vụ tài chính")
    submit_label = pgettext_lazy("button", "Yêu cầu nộp và tạm dừng")
    help = _(
        "Hồ sơ tạm dừng cho đến khi người nộp thanh toán đủ; khi đã thanh toán, hồ sơ tự tiếp "
        "tục được giải quyết."
    )
    error_fields = {"items": "lines", "amount": "lines"}

    lines = forms.CharField(
        label=_("Các khoản, mỗi dòng “tên khoản: số tiền (đồng)”"),
        widget=forms.Textarea(attrs={**TEXT, "placeholder": "Tiền sử dụng đất: 12000000"}),
    )
    note = forms.CharField(
        label=_("Căn cứ (thông báo nộp tiền, số, ngày)"), widget=forms.Textarea(attrs=TEXT)
    )

    def clean_lines(self):
        items = []
        for number, line in enumerate(self.cleaned_data["lines"].splitlines(), start=1):
            if not line.strip():
                continue
            name, _sep, amount = line.rpartition(":")
            digits = amount.strip().replace(".", "").replace(",", "").replace(" ", "")
            if not name.strip() or not digits.isdigit() or int(digits) <= 0:
                raise forms.ValidationError(
                    _("Dòng %(n)d phải có dạng “tên khoản: số tiền”, số tiền là số nguyên dương.")
                    % {"n": number}
                )
            items.append(services.RequestedItem(name.strip()[:300], int(digits)))
        if not items:
            raise forms.ValidationError(_("Hãy ghi ít nhất một khoản phải nộp."))
        return items

    def perform(self):
        return self.call(
            services.request_payment,
            items=self.cleaned_data["lines"],
            note=self.cleaned_data["note"],
        )


class RefundForm(ActionForm):
    action = "refund"
    title = _("Hoàn trả phí, lệ phí")
    submit_label = pgettext_lazy("button", "Ghi nhận hoàn trả")
    help = _("Chỉ với hồ sơ bị từ chối, đã rút hoặc dừng giải quyết.")

    payment = forms.ModelChoiceField(label=_("Khoản thanh toán"), queryset=Payment.objects.none())
    amount = forms.IntegerField(label=_("Số tiền hoàn (đồng)"), min_value=1)
    reason = forms.CharField(label=_("Lý do hoàn trả"), widget=forms.Textarea(attrs=TEXT))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        refundable = selectors.refundable(self.dossier)
        self.fields["payment"].queryset = Payment.objects.filter(
            pk__in=[payment.pk for payment, _left in refundable]
        )
        self.fields["payment"].label_from_instance = lambda p: (
            f"{p.bill_code} — {p.get_method_display()} — {p.amount:,} đ".replace(",", ".")
        )
        if refundable:
            self.fields["payment"].initial = refundable[0][0].pk
            self.fields["amount"].initial = refundable[0][1]

    def perform(self):
        return services.refund_payment(
            self.cleaned_data["payment"],
            actor=self.user,
            amount=self.cleaned_data["amount"],
            reason=self.cleaned_data["reason"],
        )


PAYMENT_FORMS = {form.action: form for form in (CounterPaymentForm, RequestPaymentForm, RefundForm)}


def offered_forms(user, dossier, money, pause_offered: bool) -> list[type[ActionForm]]:
    """The payment forms this official may use on the dossier now. `pause_offered`: the
    dossier page offers this official the pause (the same guard asks for an amount)."""
    offered = []
    closed = dossier.status in services.REFUNDABLE_STATUSES
    if money.outstanding and not closed and policies.may_collect(user, dossier):
        offered.append(CounterPaymentForm)
    if pause_offered:
        offered.append(RequestPaymentForm)
    if closed and money.paid > money.refunded and policies.may_collect(user, dossier):
        offered.append(RefundForm)
    return offered


def money_context(user, dossier, *, bound=None, pause_offered: bool = False) -> dict:
    """The money section's data and the payment forms on offer (three queries when the
    dossier has nothing to do with money)."""
    money = selectors.money_of(dossier)
    forms_now = []
    for form_class in offered_forms(user, dossier, money, pause_offered):
        if bound is not None and bound.action == form_class.action:
            forms_now.append(bound)
        else:
            forms_now.append(form_class(dossier=dossier, user=user))
    return {"money": money, "payment_forms": forms_now}
