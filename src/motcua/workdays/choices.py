from django.db import models
from django.utils.translation import gettext_lazy as _


class OverrideKind(models.TextChoices):
    DAY_OFF = "day_off", _("Ngày nghỉ")
    WORKING_DAY = "working_day", _("Ngày làm việc")


class TimeUnit(models.TextChoices):
    """The unit a time limit is written in. A working day is eight working hours; calendar
    days count every day and move a due moment that falls on a day off to the next working
    moment (docs/calendar.md)."""

    WORKING_DAYS = "working_days", _("Ngày làm việc")
    WORKING_HOURS = "working_hours", _("Giờ làm việc")
    CALENDAR_DAYS = "calendar_days", _("Ngày")
