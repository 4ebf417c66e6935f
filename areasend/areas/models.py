"""Local areas (SEND local authorities) and their NHS partners, valid over dates.

Councils merge, split and get new codes, so nothing here is keyed on a code
alone: every area has validity dates, every code and name it has been known by,
and links to its predecessors and successors.
"""

from __future__ import annotations

import datetime as dt

from django.db import models


class Region(models.TextChoices):
    LONDON = "London"
    SOUTH_EAST = "South East"
    SOUTH_WEST = "South West"
    EAST_OF_ENGLAND = "East of England"
    EAST_MIDLANDS = "East Midlands"
    WEST_MIDLANDS = "West Midlands"
    NORTH_WEST = "North West"
    NORTH_EAST = "North East, Yorkshire and the Humber"


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
