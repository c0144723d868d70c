from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from motcua.workdays.choices import OverrideKind


class CalendarOverride(models.Model):
    """An administrator's correction of the government working calendar: a day off the
    `holidays` package does not know (an announced bridging day), or a working day on a
    weekend or holiday (a swapped Saturday). Overrides win over the package."""

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=OverrideKind.choices)
    reason = models.CharField(_("lý do, căn cứ"), max_length=500)
    # Part of the fingerprint under which every process caches the calendar (services.py).
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("điều chỉnh lịch làm việc")
        verbose_name_plural = _("điều chỉnh lịch làm việc")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.get_kind_display()}"

    def clean(self):
        """Refuse an override that changes nothing: a day off on a day that is already off,
        or a working day on a day that already is one (without any override)."""
        from motcua.workdays.services import base_calendar

        if not self.date or self.kind not in OverrideKind.values:
            return
        working, reason = base_calendar().day_info(self.date)
        if self.kind == OverrideKind.WORKING_DAY and working:
            raise ValidationError(
                {
                    "kind": gettext(
                        "Ngày %(date)s đã là ngày làm việc (%(reason)s); không cần thêm điều "
                        "chỉnh “Ngày làm việc”."
                    )
                    % {"date": f"{self.date:%d/%m/%Y}", "reason": reason}
                }
            )
        if self.kind == OverrideKind.DAY_OFF and not working:
            raise ValidationError(
                {
                    "kind": gettext(
                        "Ngày %(date)s đã là ngày nghỉ (%(reason)s); không cần thêm điều chỉnh "
                        "“Ngày nghỉ”."
                    )
                    % {"date": f"{self.date:%d/%m/%Y}", "reason": reason}
                }
            )
