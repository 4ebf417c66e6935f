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


class ComputedPlan(models.Model):
    """One request for a programme plan and, once the worker has solved it, the plan.

    Solving takes the solver's time limit (seconds), so the page never solves: it asks
    for a plan (``jobs.do_request_plan``), a django-tasks worker computes it
    (``tasks.compute_plan``) and the page reads the latest one done for its inputs.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Being computed"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    start = models.DateField(help_text="Monday of the plan's first week.")
    weeks = models.PositiveSmallIntegerField()
    seconds = models.FloatField(help_text="The solver's time limit.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when a command on the server asked.",
    )
    requested_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    #: The plan as the page shows it: solver status, counts, rows, checker breaches and,
    #: when no plan meets every constraint, the explanation (``jobs.plan_result``).
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True, help_text="Why the computation failed.")
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["start", "weeks", "status", "-finished_at"])]

    def __str__(self) -> str:
        return f"plan from {self.start} for {self.weeks} weeks ({self.status})"
