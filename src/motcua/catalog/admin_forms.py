"""Forms and formsets of the catalog admin: where the catalog's rules meet the screen.

Each rule lives in its own module (process.py, publication.py, eforms.py, fees.py); these
classes only call it and attach its messages to the field or the inline they concern, so a
mistake is a form error on a page with status 200, never a server error.
"""

from __future__ import annotations

import json

from django import forms
from django.core.exceptions import ValidationError
from django.forms.fields import InvalidJSONInput
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from motcua.catalog.choices import ApplicantType, PublicationStatus
from motcua.catalog.models import Procedure
from motcua.catalog.process import step_errors
from motcua.catalog.publication import publication_errors
from motcua.catalog.services import status_change_error
from motcua.lib.uploads import format_size, upload_max_bytes


class PrettyJSONField(forms.JSONField):
    """A JSON textarea that shows its value indented, with Vietnamese kept readable, and
    turns an empty box into the model field's empty value ({} or []) rather than null."""

    default_error_messages = {"invalid": _("Nội dung không phải JSON hợp lệ.")}

    def __init__(self, *args, empty_factory=dict, rows: int = 12, **kwargs):
        self.empty_factory = empty_factory
        kwargs.setdefault(
            "widget",
            forms.Textarea(
                attrs={
                    "rows": rows,
                    "cols": 100,
                    "style": "font-family: monospace",
                    "spellcheck": "false",
                }
            ),
        )
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, InvalidJSONInput):
            return value
        return json.dumps(value, ensure_ascii=False, indent=2, cls=self.encoder)

    def to_python(self, value):
        result = super().to_python(value)
        return self.empty_factory() if result is None else result


class ProcedureAdminForm(forms.ModelForm):
    applicant_types = forms.MultipleChoiceField(
        label=_("đối tượng thực hiện"),
        choices=ApplicantType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Procedure
        fields = (
            "code",
            "name",
            "field",
            "status",
            "implementing_level",
            "via_counter",
            "via_online",
            "via_post",
            "service_level",
            "online_class",
            "integrated_with_national_portal",
            "supplement_restarts_clock",
            "applicant_types",
            "applicant_description",
            "description",
            "conditions",
            "result_delivery",
            "publishing_agency_code",
            "effective_from",
            "effective_to",
            "source",
            "eform_schema",
        )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and cleaned.get("status"):
            old = Procedure.objects.filter(pk=self.instance.pk).values_list("status", flat=True)
            problem = status_change_error(old.first() or cleaned["status"], cleaned["status"])
            if problem:
                self.add_error("status", problem)
        elif cleaned.get("status") == PublicationStatus.WITHDRAWN:
            self.add_error("status", gettext("Thủ tục mới không thể ở trạng thái “Đã bãi bỏ”."))
        problems = publication_errors(
            status=cleaned.get("status"),
            channels=[cleaned.get(name) for name in ("via_counter", "via_online", "via_post")],
        )
        if problems:
            raise ValidationError(problems)
        return cleaned


def _live_forms(formset):
    """Forms that will exist after saving: filled in, valid, not marked for deletion."""
    for form in formset.forms:
        if not hasattr(form, "cleaned_data") or not form.cleaned_data:
            continue
        if formset.can_delete and formset._should_delete_form(form):
            continue
        yield form


class ProcessStepFormSet(BaseInlineFormSet):
    """The steps of the internal process must share out exactly 100% of the time."""

    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        steps = [form.cleaned_data for form in _live_forms(self)]
        problems = step_errors(steps)
        if problems:
            raise ValidationError(problems)


class ProcedureCaseFormSet(BaseInlineFormSet):
    """Case names are distinct within a procedure (they tell cases apart in the national
    record), and a published procedure keeps at least one case with documents."""

    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        live = list(_live_forms(self))
        names = [form.cleaned_data["name"] for form in live]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise ValidationError(
                gettext("Tên trường hợp bị trùng: %(names)s.") % {"names": ", ".join(duplicates)}
            )
        cases = [
            (
                form.cleaned_data["name"],
                form.instance.documents.count() if form.instance.pk else 0,
            )
            for form in live
        ]
        problems = publication_errors(status=self.instance.status, cases=cases)
        if problems:
            raise ValidationError(problems)


class RequiredDocumentFormSet(BaseInlineFormSet):
    """A case of a published procedure keeps at least one document."""

    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        case = self.instance
        if case.procedure_id is None:
            return
        problems = publication_errors(
            status=case.procedure.status,
            cases=[(case.name, len(list(_live_forms(self))))],
        )
        if problems:
            raise ValidationError(problems)


class CatalogImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp JSON"),
        help_text=_(
            "Danh sách bản ghi theo cấu trúc Cơ sở dữ liệu quốc gia về thủ tục hành chính "
            "(xem docs/catalog-import.md)."
        ),
    )
    partial = forms.BooleanField(
        label=_("Nhập các bản ghi hợp lệ, bỏ qua bản ghi có lỗi"), required=False
    )
    dry_run = forms.BooleanField(
        label=_("Chạy thử: chỉ kiểm tra, không ghi dữ liệu"), required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = upload_max_bytes()
        if upload.size > limit:
            raise ValidationError(
                gettext("Tệp quá lớn (%(size)s): dung lượng tối đa là %(limit)s.")
                % {"size": format_size(upload.size), "limit": format_size(limit)}
            )
        return upload
