"""Local areas (SEND local authorities) and their NHS partners, valid over dates.

Councils merge, split and get new codes, so nothing here is keyed on a code
alone: every area has validity dates, every code and name it has been known by,
and links to its predecessors and successors.
"""

from __future__ import annotations

import datetime as dt

from django.db import models

from areasend.framework.events import Framework as FrameworkVersion
from areasend.framework.events import InspectionKind
from areasend.framework.events import Outcome as FrameworkOutcome
from areasend.framework.labels import (
    FRAMEWORK_LABELS,
    INSPECTION_KIND_LABELS,
    OUTCOME_NAMES,
    REVISIT_RESULT_LABELS,
)


class Region(models.TextChoices):
    # Each label given: Django would title-case the member name ("East Of England").
    LONDON = "London", "London"
    SOUTH_EAST = "South East", "South East"
    SOUTH_WEST = "South West", "South West"
    EAST_OF_ENGLAND = "East of England", "East of England"
    EAST_MIDLANDS = "East Midlands", "East Midlands"
    WEST_MIDLANDS = "West Midlands", "West Midlands"
    NORTH_WEST = "North West", "North West"
    NORTH_EAST = "North East, Yorkshire and the Humber", "North East, Yorkshire and the Humber"


class AreaType(models.TextChoices):
    COUNTY = "county", "County council"
    UNITARY = "unitary", "Unitary authority"
    METROPOLITAN = "metropolitan", "Metropolitan district"
    LONDON_BOROUGH = "london_borough", "London borough"
    SUI_GENERIS = "sui_generis", "Sui generis authority"


class LocalAreaQuerySet(models.QuerySet["LocalArea"]):
    def in_force_on(self, day: dt.date) -> LocalAreaQuerySet:
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day),
        )


class LocalArea(models.Model):
    gss_code = models.CharField("ONS GSS code", max_length=9, unique=True)
    dfe_code = models.CharField("DfE LA code", max_length=3, blank=True)
    ofsted_urn = models.CharField("Ofsted URN", max_length=10, blank=True)
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    region = models.CharField(max_length=50, choices=Region.choices)
    la_type = models.CharField("type", max_length=20, choices=AreaType.choices)
    valid_from = models.DateField(null=True, blank=True, help_text="Blank: before May 2016.")
    valid_to = models.DateField(null=True, blank=True, help_text="Last day in force; blank: now.")
    predecessors = models.ManyToManyField(
        "self", symmetrical=False, related_name="successors", blank=True
    )
    statistical_neighbours = models.ManyToManyField("self", symmetrical=False, blank=True)
    source = models.TextField(blank=True)
    #: The area's own Local Offer page, set by its officer (areas.local_offer); shown to
    #: families when an inspection is notified.
    local_offer_url = models.URLField("Local Offer page", max_length=500, blank=True)

    objects = LocalAreaQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_current(self) -> bool:
        return self.valid_to is None

    def in_force_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class AreaCode(models.Model):
    """A code an area is or was known by; former codes carry their last day."""

    class Scheme(models.TextChoices):
        GSS = "gss", "ONS GSS"
        DFE = "dfe", "DfE LA code"

    area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="codes")
    scheme = models.CharField(max_length=3, choices=Scheme.choices)
    code = models.CharField(max_length=9)
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="unique_area_code")]

    def __str__(self) -> str:
        return self.code


class AreaName(models.Model):
    """A name an area is published under (official, common or former form)."""

    area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=120)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["area", "name"], name="unique_area_name")]

    def __str__(self) -> str:
        return self.name


class NhsBody(models.Model):
    class Kind(models.TextChoices):
        CCG = "ccg", "Clinical commissioning group"
        ICB = "icb", "Integrated care board"

    ods_code = models.CharField("ODS code", max_length=10, blank=True)
    gss_code = models.CharField("ONS code", max_length=9, blank=True)
    name = models.CharField(max_length=150, unique=True)
    kind = models.CharField(max_length=3, choices=Kind.choices)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    source = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "NHS body"

    def __str__(self) -> str:
        return self.name


class NhsPartnership(models.Model):
    """An NHS commissioner's part in a local area over a period."""

    area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="nhs_partners")
    body = models.ForeignKey(NhsBody, on_delete=models.CASCADE, related_name="areas")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    source = models.TextField(blank=True)

    class Meta:
        ordering = ["valid_from", "body__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "body", "valid_from"], name="unique_area_partnership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.body} in {self.area}"


class HistoryEvent(models.Model):
    """One event of an area's history in the §9 interchange format.

    The log is append-only: corrections are new events, never edits, so what
    the framework evaluated on any past day can be reproduced.
    """

    area = models.ForeignKey(
        LocalArea, on_delete=models.PROTECT, related_name="events", null=True, blank=True
    )
    date = models.DateField()
    event = models.CharField(max_length=40)
    inspection = models.CharField(max_length=100, blank=True)
    fields = models.JSONField(default=dict, blank=True)
    position = models.PositiveIntegerField(
        help_text="Order of recording: keeps same-day events in the order given."
    )
    source = models.CharField(max_length=300, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "position", "pk"]
        indexes = [models.Index(fields=["area", "date"])]

    def __str__(self) -> str:
        return f"{self.date} {self.event}"


class OfficialInspectionRecord(models.Model):
    """What Ofsted's published tables say of one inspection, beyond its §9 events.

    The tables give counts and Yes/Some/No where the letters' wording is not
    available, and §9 cannot carry a weakness without its wording. The
    ``inspection`` id is the one the area's HistoryEvent rows use (the
    demonstration history's id where it has the inspection). Loaded by
    ``manage.py load_national`` from data/national/official_records.csv.
    """

    class Framework(models.TextChoices):
        F2016 = "2016", FRAMEWORK_LABELS[FrameworkVersion.F2016]
        F2023 = "2023", FRAMEWORK_LABELS[FrameworkVersion.F2023]

    class Kind(models.TextChoices):
        FULL = "full", INSPECTION_KIND_LABELS[InspectionKind.FULL]
        REVISIT = "revisit", INSPECTION_KIND_LABELS[InspectionKind.REVISIT]

    class Outcome(models.TextChoices):
        WSOA = "wsoa", OUTCOME_NAMES[FrameworkOutcome.WSOA]
        NO_WSOA = "no_wsoa", OUTCOME_NAMES[FrameworkOutcome.NO_WSOA]
        POSITIVE = "positive", OUTCOME_NAMES[FrameworkOutcome.POSITIVE]
        INCONSISTENT = "inconsistent", OUTCOME_NAMES[FrameworkOutcome.INCONSISTENT]
        SYSTEMIC_FAILINGS = "systemic_failings", OUTCOME_NAMES[FrameworkOutcome.SYSTEMIC_FAILINGS]

    class RevisitResult(models.TextChoices):
        ALL = "all", REVISIT_RESULT_LABELS["all"]
        SOME = "some", REVISIT_RESULT_LABELS["some"]
        NONE = "none", REVISIT_RESULT_LABELS["none"]

    class Precision(models.TextChoices):
        DAY = "day", "Day"
        MONTH = "month", "Month only (the day is stored as the 1st)"

    area = models.ForeignKey(LocalArea, on_delete=models.PROTECT, related_name="official_records")
    inspection = models.CharField(max_length=100)
    framework = models.CharField(max_length=4, choices=Framework.choices)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    follows = models.CharField(
        max_length=100, blank=True, help_text="For a revisit: the inspection it follows up."
    )
    start_date = models.DateField(
        null=True,
        blank=True,
        help_text="First day on site, as the table gives it. Blank: not recorded here.",
    )
    publication_date = models.DateField(null=True, blank=True, help_text="Blank: not published.")
    date_precision = models.CharField(
        max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    weakness_count = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Significant weaknesses (2016) or areas for priority action (2023).",
    )
    revisit_result = models.CharField(max_length=4, choices=RevisitResult.choices, blank=True)
    sufficient_count = models.PositiveSmallIntegerField(null=True, blank=True)
    insufficient_count = models.PositiveSmallIntegerField(null=True, blank=True)
    in_history = models.BooleanField(
        default=True, help_text="Whether the area's HistoryEvent rows hold this inspection."
    )
    note = models.TextField(blank=True, help_text="Why the history lacks it, or other caveats.")
    source = models.CharField(max_length=600)
    report_url = models.URLField(
        blank=True, help_text="The report on Ofsted's file service, where a source gives it."
    )
    reported_start = models.DateField(
        null=True, blank=True, help_text="First inspection date as the report prints it."
    )
    reported_end = models.DateField(
        null=True, blank=True, help_text="Last inspection date as the report prints it."
    )

    class Meta:
        ordering = ["area__name", "start_date", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "inspection"], name="unique_official_record_inspection"
            )
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.inspection}"

    @property
    def wsoa_required(self) -> bool | None:
        """The table's 'written statement of action required?' (2016 full inspections)."""
        if self.outcome in (self.Outcome.WSOA, self.Outcome.NO_WSOA):
            return self.outcome == self.Outcome.WSOA
        return None
