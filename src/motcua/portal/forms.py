"""The public search form. Every filter is optional; a value that is not in its list is a
field error in Vietnamese, never a server error."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.catalog import selectors
from motcua.catalog.choices import ImplementingLevel, OnlineClass, ServiceLevel


class CodeChoiceField(forms.ModelChoiceField):
    """A choice of a row by its code; a value PostgreSQL could not even compare (a NUL
    character) is an invalid choice rather than a database error."""

    def to_python(self, value):
        if isinstance(value, str) and "\x00" in value:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class FieldChoiceField(CodeChoiceField):
    def label_from_instance(self, obj):
        count = getattr(obj, "procedure_count", None)
        return f"{obj.name} ({count})" if count is not None else obj.name


class ProcedureSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Tên thủ tục hoặc từ khóa"),
        max_length=200,
        required=False,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("Ví dụ: giấy phép xây dựng"),
                "autocomplete": "off",
            }
        ),
        error_messages={"max_length": _("Từ khóa dài quá %(limit_value)d ký tự.")},
    )
    field = FieldChoiceField(
        label=_("Lĩnh vực"),
        queryset=None,
        to_field_name="code",
        required=False,
        empty_label=_("Tất cả lĩnh vực"),
        error_messages={"invalid_choice": _("Lĩnh vực này không có trong danh sách.")},
    )
    agency = CodeChoiceField(
        label=_("Cơ quan thực hiện"),
        queryset=None,
        to_field_name="code",
        required=False,
        empty_label=_("Tất cả cơ quan"),
        error_messages={"invalid_choice": _("Cơ quan này không có trong danh sách.")},
    )
    level = forms.TypedChoiceField(
        label=_("Mức độ dịch vụ công"),
        choices=[("", _("Tất cả mức độ")), *ServiceLevel.choices],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": _("Mức độ phải là 1, 2, 3 hoặc 4.")},
    )
    online_class = forms.ChoiceField(
        label=_("Dịch vụ công trực tuyến"),
        choices=[("", _("Tất cả")), *OnlineClass.choices],
        required=False,
        error_messages={"invalid_choice": _("Giá trị này không có trong danh sách.")},
    )
    implementing_level = forms.ChoiceField(
        label=_("Cấp thực hiện"),
        choices=[("", _("Tất cả các cấp")), *ImplementingLevel.choices],
        required=False,
        error_messages={"invalid_choice": _("Cấp thực hiện này không có trong danh sách.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = selectors.fields_with_counts()
        self.fields["agency"].queryset = selectors.implementing_agencies()

    def search(self):
        """The matching procedures; call only when the form is valid."""
        data = self.cleaned_data
        return selectors.search_procedures(
            data.get("q") or None,
            field=data.get("field"),
            agency=data.get("agency"),
            service_level=data.get("level"),
            implementing_level=data.get("implementing_level") or None,
            online_class=data.get("online_class") or None,
        )
