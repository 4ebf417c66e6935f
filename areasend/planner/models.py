"""Confirmed assignments: the planners keep them as they are (locks).

A confirmed assignment is recorded here as a planned activity. Casework's
inspection records arrive in another issue; until then this table is where a
planned visit lives.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from areasend.areas.models import LocalArea


class PlannedActivity(models.Model):
    activity = models.CharField(max_length=100, unique=True, help_text="The planner's activity id.")
    area = models.ForeignKey(LocalArea, on_delete=models.PROTECT, related_name="planned_activities")
    kind = models.CharField(max_length=20)
    week_start = models.DateField(help_text="Monday of the first on-site week.")
    team = models.CharField(max_length=50)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    confirmed_at = models.DateTimeField(auto_now_add=True)
    inspection = models.OneToOneField(
        "inspections.Inspection",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="planned_activity",
        help_text="The casework inspection it became.",
    )

    class Meta:
        ordering = ["week_start", "activity"]
        permissions = [("plan_programme", "Can plan the national inspection programme")]

    def __str__(self) -> str:
        return f"{self.activity} in week of {self.week_start} ({self.team})"
