"""The admin pages where a system administrator sets up an agency's receipts: templates (mẫu
số) and series (ký hiệu). Adding goes through the audited services (receipt_services); a
template or a series is never edited or deleted once it exists (receipts name them), and a
series is closed with the "Ngừng dùng" action. Receipts themselves are read in the office,
where every read of a payer is logged, not here."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.errors import DossierError
from motcua.payments import receipt_policies as policies
from motcua.payments import receipt_services
from motcua.payments import receipts as concept
from motcua.payments.models import ReceiptSeries, ReceiptTemplate


class _ActorForm(forms.ModelForm):
    actor = None

    def _refuse_unless_allowed(self, agency) -> None:
        if agency is not None:
            refusal = policies.refuse_receipt_setup(self.actor, agency)
            if refusal:
                raise ValidationError(refusal)


class ReceiptTemplateForm(_ActorForm):
    class Meta:
        model = ReceiptTemplate
        fields = ("agency", "code", "name")
        help_texts = {
            "code": _(
                "Như cơ quan đã đăng ký, ví dụ 01BLP0-001: chữ in hoa, chữ số, “/”, “.”, “-”."
            ),
        }

    def clean(self):
        cleaned = super().clean()
        agency = cleaned.get("agency")
        self._refuse_unless_allowed(agency)
        code = concept.normalise_code(cleaned.get("code"))
        if code and not concept.valid_code(code):
            self.add_error(
                "code", gettext("Mẫu số gồm chữ in hoa, chữ số và các dấu “/”, “.”, “-”.")
            )
        elif (
            agency is not None and ReceiptTemplate.objects.filter(agency=agency, code=code).exists()
        ):
            self.add_error(
                "code", gettext("Cơ quan này đã có mẫu biên lai số %(code)s.") % {"code": code}
            )
        cleaned["code"] = code
        return cleaned


class ReceiptSeriesForm(_ActorForm):
    class Meta:
        model = ReceiptSeries
        fields = ("template", "code", "number_width")
        help_texts = {
            "code": _(
                "Ví dụ C26TBL. Ký hiệu mới thay ký hiệu đang dùng của cơ quan; số bắt đầu từ 1."
            ),
        }

    def clean(self):
        cleaned = super().clean()
        template = cleaned.get("template")
        self._refuse_unless_allowed(template.agency if template is not None else None)
        code = concept.normalise_code(cleaned.get("code"))
        if code and not concept.valid_code(code):
            self.add_error(
                "code", gettext("Ký hiệu gồm chữ in hoa, chữ số và các dấu “/”, “.”, “-”.")
            )
        elif (
            template is not None
            and ReceiptSeries.objects.filter(template=template, code=code).exists()
        ):
            self.add_error(
                "code",
                gettext("Mẫu %(template)s đã có ký hiệu %(code)s.")
                % {"template": template.code, "code": code},
            )
        width = cleaned.get("number_width")
        if width is not None and width not in concept.NUMBER_WIDTHS:
            self.add_error("number_width", gettext("Số chữ số của số biên lai phải từ 4 đến 10."))
        cleaned["code"] = code
        return cleaned


class _AddOnlyAdmin(admin.ModelAdmin):
    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"actor": request.user})

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReceiptTemplate)
class ReceiptTemplateAdmin(_AddOnlyAdmin):
    form = ReceiptTemplateForm
    list_display = ("code", "name", "agency", "created_at")
    search_fields = ("code", "name", "agency__name", "agency__code")
    autocomplete_fields = ("agency",)

    def save_model(self, request, obj, form, change):
        try:
            saved = receipt_services.create_template(
                agency=obj.agency, code=obj.code, name=obj.name, actor=request.user
            )
        except DossierError as exc:  # a race with another administrator
            self.message_user(request, exc.message, messages.ERROR)
            return
        obj.pk, obj.created_at = saved.pk, saved.created_at


@admin.register(ReceiptSeries)
class ReceiptSeriesAdmin(_AddOnlyAdmin):
    form = ReceiptSeriesForm
    list_display = (
        "code",
        "template",
        "agency",
        "active",
        "last_number",
        "created_at",
        "closed_at",
    )
    list_filter = ("active",)
    search_fields = ("code", "template__code", "agency__name", "agency__code")
    autocomplete_fields = ("template",)
    actions = ("close_series",)

    def save_model(self, request, obj, form, change):
        try:
            saved = receipt_services.create_series(
                template=obj.template,
                code=obj.code,
                number_width=obj.number_width,
                actor=request.user,
            )
        except DossierError as exc:
            self.message_user(request, exc.message, messages.ERROR)
            return
        obj.pk, obj.agency_id, obj.created_at = saved.pk, saved.agency_id, saved.created_at

    @admin.action(description=_("Ngừng dùng các ký hiệu đã chọn"))
    def close_series(self, request, queryset):
        closed = 0
        for series in queryset.filter(active=True):
            refusal = policies.refuse_receipt_setup(request.user, series.agency)
            if refusal:
                self.message_user(request, refusal, messages.ERROR)
                continue
            receipt_services.close_series(series, actor=request.user)
            closed += 1
        if closed:
            self.message_user(request, gettext("Đã ngừng dùng %(n)d ký hiệu.") % {"n": closed})
