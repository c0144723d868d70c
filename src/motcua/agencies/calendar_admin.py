"""The admin page of the working calendar's overrides (workdays.CalendarOverride).

It is registered from the agencies app, not from `workdays`: `workdays` sits below every other
app and may not import the audited services that saving an override must call
(agencies/working_calendar.py). agencies/admin.py imports this module.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminDateWidget
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from motcua.agencies import policies
from motcua.agencies.working_calendar import dossiers_due_from, remove_override, save_override
from motcua.workdays.calendar import weekday_name
from motcua.workdays.models import CalendarOverride


class YearFilter(admin.SimpleListFilter):
    title = _("năm")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = CalendarOverride.objects.dates("date", "year", order="DESC")
        return [(str(year.year), str(year.year)) for year in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(date__year=int(value))
        return queryset


class CalendarOverrideForm(forms.ModelForm):
    # Vietnamese write dates day first; Django's default input formats read "08/03/2026" as
    # 3 August. Accept dd/mm/yyyy and ISO (what the admin's date picker writes) only.
    date = forms.DateField(
        label=_("ngày"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=AdminDateWidget(format="%d/%m/%Y"),
        help_text=_("Ví dụ 02/09/2026."),
        error_messages={
            "invalid": _("Ngày không hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 02/09/2026.")
        },
    )

    class Meta:
        model = CalendarOverride
        fields = ("date", "kind", "reason")


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    """Days an administrator adds to or removes from the working calendar. The model's clean()
    refuses an override that changes nothing. Saving and deleting go through the audited
    services (agencies/working_calendar.py); only a catalog administrator of the whole province is
    offered the change (agencies/policies.py)."""

    form = CalendarOverrideForm
    list_display = ("date", "weekday", "kind", "reason", "updated_at")
    list_filter = ("kind", YearFilter)
    search_fields = ("reason",)
    date_hierarchy = "date"
    readonly_fields = ("updated_at",)

    @admin.display(description=_("thứ"))
    def weekday(self, obj: CalendarOverride) -> str:
        return weekday_name(obj.date)

    def _may_change(self, request) -> bool:
        return policies.refuse_calendar_change(request.user) is None

    def has_add_permission(self, request):
        return super().has_add_permission(request) and self._may_change(request)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_change(request)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_change(request)

    def save_model(self, request, obj, form, change):
        if change and "date" in form.changed_data:
            remove_override(CalendarOverride.objects.get(pk=obj.pk), actor=request.user)
        saved = save_override(day=obj.date, kind=obj.kind, reason=obj.reason, actor=request.user)
        obj.pk, obj.updated_at = saved.pk, saved.updated_at
        self._warn_about_due_moments(request, obj.date)

    def delete_model(self, request, obj):
        remove_override(obj, actor=request.user)
        self._warn_about_due_moments(request, obj.date)

    def delete_queryset(self, request, queryset):
        overrides = list(queryset)
        for override in overrides:
            remove_override(override, actor=request.user)
        if overrides:
            self._warn_about_due_moments(request, min(o.date for o in overrides))

    def _warn_about_due_moments(self, request, day) -> None:
        count = dossiers_due_from(day)
        if count:
            message = ngettext(
                "%(count)d hồ sơ đang giải quyết có hạn từ ngày %(date)s trở đi; hạn đã đặt của "
                "hồ sơ này không tự thay đổi theo lịch mới.",
                "%(count)d hồ sơ đang giải quyết có hạn từ ngày %(date)s trở đi; hạn đã đặt của "
                "các hồ sơ này không tự thay đổi theo lịch mới.",
                count,
            ) % {"count": count, "date": f"{day:%d/%m/%Y}"}
            self.message_user(request, message, messages.WARNING)
