"""The reports' own aggregates, kept from the outbox (reports/consumer.py) and rebuilt from the
raw tables (reports/maintenance.py); docs/reports.md explains the design.

DossierFact: one row per dossier that left the draft stage, with what the figures ask of it
precomputed (its dates as Vietnam calendar days, its judgement, its processing time in working
minutes, its flags). Drill-downs and the figures that depend on `now` read it.

DailyRollup: one row per (day, responsible agency, procedure, channel) with counters. Each
counter is dated by its own moment: a dossier adds to `received` on the day it was received,
to `finished` on the day it was decided, to `stopped` on the day it was stopped. When a fact
changes, the difference between its old and new contributions is applied to the rollups, so a
period's figure is a sum over at most (days x agencies x procedures x channels) rows.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# Processing time histogram, in working days: bucket i holds [EDGES[i], EDGES[i + 1]), the last
# one [EDGES[-1], infinity). The 90th percentile is read from the buckets (figures.py).
HISTOGRAM_EDGES = (0, 0.5, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 25, 30, 40, 60, 90)
HISTOGRAM_FIELDS = tuple(f"h{index:02d}" for index in range(len(HISTOGRAM_EDGES)))

# The counters of a rollup row, each summed over a period.
RECEIVED_COUNTERS = (
    "received",
    "supplemented",
    "second_supplement",
    "apologised",
    "paid_online",
    "postal",
    "digitised",
    "reused",
    "population_checked",
)
FINISHED_COUNTERS = (
    "finished",
    "finished_early",
    "finished_on_time",
    "finished_late",
    "finished_timed",
    "processing_minutes",
    "electronic_result",
    *HISTOGRAM_FIELDS,
)
OTHER_COUNTERS = ("stopped", "withdrawn", "refused")
COUNTERS = (*RECEIVED_COUNTERS, *FINISHED_COUNTERS, *OTHER_COUNTERS)


class DossierFact(models.Model):
    dossier = models.OneToOneField(
        "dossiers.Dossier", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    procedure = models.ForeignKey(
        "catalog.Procedure", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    field = models.ForeignKey(
        "catalog.Field", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    channel = models.CharField(max_length=20)
    status = models.CharField(max_length=30)
    received_on = models.DateField(null=True, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    stopped_on = models.DateField(null=True, blank=True)
    withdrawn_on = models.DateField(null=True, blank=True)
    refused_on = models.DateField(null=True, blank=True)
    receipt_due_at = models.DateTimeField(null=True, blank=True)
    receipt_answered_at = models.DateTimeField(null=True, blank=True)
    # early / on_time / late (reports.lateness), empty until decided.
    judged = models.CharField(max_length=10, blank=True)
    processing_minutes = models.IntegerField(null=True, blank=True)
    supplement_requests = models.PositiveSmallIntegerField(default=0)
    apologised = models.BooleanField(default=False)
    paid_online = models.BooleanField(default=False)
    postal = models.BooleanField(default=False)
    electronic_result = models.BooleanField(default=False)
    digitised = models.BooleanField(default=False)
    reused = models.BooleanField(default=False)
    population_checked = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("số liệu hồ sơ")
        verbose_name_plural = _("số liệu hồ sơ")
        indexes = [
            models.Index(fields=["agency", "received_on"], name="fact_agency_received"),
            models.Index(fields=["agency", "decided_on"], name="fact_agency_decided"),
            models.Index(fields=["received_on"], name="fact_received"),
            models.Index(fields=["decided_on"], name="fact_decided"),
            models.Index(
                fields=["agency", "receipt_due_at"],
                condition=models.Q(receipt_due_at__isnull=False),
                name="fact_receipt_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}"


class DailyRollup(models.Model):
    day = models.DateField()
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    procedure = models.ForeignKey(
        "catalog.Procedure", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    channel = models.CharField(max_length=20)
    received = models.IntegerField(default=0)
    supplemented = models.IntegerField(default=0)
    second_supplement = models.IntegerField(default=0)
    apologised = models.IntegerField(default=0)
    paid_online = models.IntegerField(default=0)
    postal = models.IntegerField(default=0)
    digitised = models.IntegerField(default=0)
    reused = models.IntegerField(default=0)
    population_checked = models.IntegerField(default=0)
    finished = models.IntegerField(default=0)
    finished_early = models.IntegerField(default=0)
    finished_on_time = models.IntegerField(default=0)
    finished_late = models.IntegerField(default=0)
    finished_timed = models.IntegerField(default=0)
    processing_minutes = models.BigIntegerField(default=0)
    electronic_result = models.IntegerField(default=0)
    stopped = models.IntegerField(default=0)
    withdrawn = models.IntegerField(default=0)
    refused = models.IntegerField(default=0)
    h00 = models.IntegerField(default=0)
    h01 = models.IntegerField(default=0)
    h02 = models.IntegerField(default=0)
    h03 = models.IntegerField(default=0)
    h04 = models.IntegerField(default=0)
    h05 = models.IntegerField(default=0)
    h06 = models.IntegerField(default=0)
    h07 = models.IntegerField(default=0)
    h08 = models.IntegerField(default=0)
    h09 = models.IntegerField(default=0)
    h10 = models.IntegerField(default=0)
    h11 = models.IntegerField(default=0)
    h12 = models.IntegerField(default=0)
    h13 = models.IntegerField(default=0)
    h14 = models.IntegerField(default=0)
    h15 = models.IntegerField(default=0)
    h16 = models.IntegerField(default=0)
    h17 = models.IntegerField(default=0)
    h18 = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("số liệu tổng hợp theo ngày")
        verbose_name_plural = _("số liệu tổng hợp theo ngày")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "day", "procedure", "channel"], name="uniq_rollup_key"
            )
        ]
        indexes = [models.Index(fields=["day"], name="rollup_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.agency_id} {self.procedure_id} {self.channel}"
