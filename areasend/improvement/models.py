"""After the letter: the area's improvement plans, their actions, and DfE/NHS England support.

The §9 events (plan submitted, judged, published; support visits; releases; improvement
notices) live in the area's history and are written only by ``services.py``. These tables
hold what the events do not: each plan's weaknesses, actions, milestones, RAG updates, the
notes of support and challenge, and the governance reports drawn from them.
"""

from __future__ import annotations

from django.db import models

from areasend.accounts.models import Person
from areasend.areas.models import LocalArea
from areasend.casework.guards import long_date
from areasend.framework.events import PlanKind
from areasend.framework.labels import PLAN_LABELS


class Plan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Being written"
        SUBMITTED = "submitted", "Submitted, awaiting judgement"
        NOT_FIT = "not_fit", "Not fit for purpose: to resubmit"
        FIT = "fit", "Fit for purpose"
        PUBLISHED = "published", "Published"

    area = models.ForeignKey(LocalArea, on_delete=models.PROTECT, related_name="plans")
    kind = models.CharField(max_length=30, choices=[(k.value, v) for k, v in PLAN_LABELS.items()])
    #: The full inspection (its id in the area's history) whose letter the plan answers.
    inspection = models.CharField(max_length=100)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_on = models.DateField(null=True, blank=True)
    judged_on = models.DateField(null=True, blank=True)
    judgement_reasons = models.TextField(blank=True)
    published_on = models.DateField(null=True, blank=True)
    published_url = models.URLField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "kind", "inspection"], name="one_plan_per_kind_per_inspection"
            )
        ]

    def __str__(self) -> str:
        return f"{self.area}: {self.label} ({self.inspection})"

    @property
    def label(self) -> str:
        return PLAN_LABELS[PlanKind(self.kind)]


class PlanWeakness(models.Model):
    """A weakness (2016) or area for priority action (2023) the plan answers, in the letter's
    words; or, in a strategic plan, a priority the partnership set itself."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="weaknesses")
    position = models.PositiveIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.text


class Rag(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    RED = "red", "Red: off track"
    AMBER = "amber", "Amber: at risk"
    GREEN = "green", "Green: on track"
    COMPLETE = "complete", "Complete"


class PlanAction(models.Model):
    weakness = models.ForeignKey(PlanWeakness, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.CharField(
        max_length=150, help_text="The organisation that owns it: the council or an NHS partner."
    )
    success_measures = models.TextField(help_text="How the partnership will know it worked.")
    started_on = models.DateField(help_text="The day the partnership agreed the action.")
    rag = models.CharField(
        "RAG status", max_length=12, choices=Rag.choices, default=Rag.NOT_STARTED
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.description[:80]


class Milestone(models.Model):
    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="milestones")
    what = models.CharField(max_length=300)
    due = models.DateField()
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return self.what


class ActionUpdate(models.Model):
    """A dated progress update on an action, with its RAG status on that day."""

    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField()
    rag = models.CharField(max_length=12, choices=Rag.choices)
    note = models.TextField()
    by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{long_date(self.on)} {self.rag}"


class SupportVisit(models.Model):
    """A DfE and NHS England support-and-challenge visit or meeting, with its notes."""

    class Kind(models.TextChoices):
        VISIT = "visit", "Support and challenge visit"
        REVIEW = "review", "Progress review meeting"
        STOCKTAKE = "stocktake", "Stocktake"

    area = models.ForeignKey(LocalArea, on_delete=models.PROTECT, related_name="support_visits")
    on = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.VISIT)
    notes = models.TextField()
    recorded_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.area} {long_date(self.on)}"


class GovernanceReport(models.Model):
    """A progress report on one plan as of a date, for the improvement board, cabinet or
    scrutiny committee; its content is computed from the plan's dated records."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reports")
    as_of = models.DateField()
    audience = models.CharField(max_length=150, help_text="e.g. Cabinet, 14 April 2020")
    created_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["as_of", "pk"]

    def __str__(self) -> str:
        return f"{self.plan} as of {self.as_of}"
