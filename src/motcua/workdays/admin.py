from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminDateWidget
from django.utils.translation import gettext_lazy as _

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
    refuses an override that changes nothing; the admin's change log records who did what."""

    form = CalendarOverrideForm
    list_display = ("date", "weekday", "kind", "reason", "updated_at")
    list_filter = ("kind", YearFilter)
    search_fields = ("reason",)
    date_hierarchy = "date"
    readonly_fields = ("updated_at",)

    @admin.display(description=_("thứ"))
    def weekday(self, obj: CalendarOverride) -> str:
        return weekday_name(obj.date)
