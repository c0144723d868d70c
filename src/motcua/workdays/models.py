from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.workdays.choices import OverrideKind


class CalendarOverride(models.Model):
    """An administrator's correction of the government working calendar: a day off the
    `holidays` package does not know (an announced bridging day), or a working day on a
    weekend or holiday (a swapped Saturday). Overrides win over the package."""

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=OverrideKind.choices)
    reason = models.CharField(_("lý do, căn cứ"), max_length=500)

    class Meta:
        ordering = ["date"]
        verbose_name = _("điều chỉnh lịch làm việc")
        verbose_name_plural = _("điều chỉnh lịch làm việc")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.get_kind_display()}"
