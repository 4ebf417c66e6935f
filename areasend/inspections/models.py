"""Inspection casework: one inspection from notification to published letter.

The §9 events of an inspection (notified, fieldwork, letter) live in the
area's history (areas.HistoryEvent) and are written only by the services in
``services.py``. These tables hold what the events do not: the proposed
schedule, the team, the notice-week checklist, evidence, draft findings and
the letter. Draft findings and the letter are under embargo until published:
see areasend/accounts/permissions.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.db import models

from areasend.accounts.models import Person
from areasend.areas.models import LocalArea
from areasend.casework.guards import long_date
from areasend.casework.pseudonyms import pseudonym_problem
from areasend.framework.events import Framework, InspectionKind, Outcome
from areasend.framework.findings import FindingKind
from areasend.framework.labels import OUTCOME_NAMES


def _choices(enum: Iterable[StrEnum]) -> list[tuple[str, str]]:
    return [(m.value, m.value.replace("_", " ")) for m in enum]


class Inspection(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        NOTIFIED = "notified", "Notified"
        FIELDWORK = "fieldwork", "Fieldwork under way"
        AWAITING_LETTER = "awaiting_letter", "Fieldwork ended, letter to publish"
        PUBLISHED = "published", "Letter published"
        DEFERRED = "deferred", "Deferred: withdrawn at the area's request"

    reference = models.SlugField(
        max_length=100, unique=True, help_text="The inspection's id in the area's history."
    )
    area = models.ForeignKey(LocalArea, on_delete=models.PROTECT, related_name="inspections")
    kind = models.CharField(max_length=10, choices=_choices(InspectionKind))
    framework = models.CharField(max_length=4, choices=_choices(Framework))
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PLANNED)
    planned_week = models.DateField(null=True, blank=True, help_text="Monday of the week planned.")
    # The schedule the framework proposed at notification (schedule.propose).
    notified_on = models.DateField(null=True, blank=True)
    proposed_fieldwork_start = models.DateField(null=True, blank=True)
    proposed_onsite_start = models.DateField(null=True, blank=True)
    proposed_onsite_end = models.DateField(null=True, blank=True)
    webinar_opens = models.DateTimeField(null=True, blank=True)
    webinar_closes = models.DateTimeField(null=True, blank=True)
    survey_opens = models.DateField(null=True, blank=True)
    survey_closes = models.DateField(null=True, blank=True)
    schedule_rules = models.CharField(max_length=200, blank=True)
    # How families take part in the notice week, public once notified (register.notice_week).
    webinar_join_url = models.URLField(max_length=500, blank=True)
    survey_url = models.URLField(max_length=500, blank=True)
    # What happened.
    fieldwork_started_on = models.DateField(null=True, blank=True)
    fieldwork_ended_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(
        max_length=20, choices=[(o.value, OUTCOME_NAMES[o]) for o in Outcome], blank=True
    )
    outcome_decided_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    #: Raised by every change, so a stale form cannot overwrite a newer one.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-notified_on", "-pk"]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_announced(self) -> bool:
        return self.status != self.Status.PLANNED

    @property
    def is_follow_up(self) -> bool:
        """A revisit (2016) or monitoring inspection (2023): it judges progress per weakness."""
        return self.kind != InspectionKind.FULL

    def team_role(self, user_id: int) -> str | None:
        # Uses the prefetched team when there is one: views prefetch it.
        for member in self.team.all():
            if member.person.user_id == user_id:
                return str(member.role)
        return None


class TeamMember(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", "Lead inspector"
        TEAM = "team", "Team inspector"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="team")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="inspections")
    role = models.CharField(max_length=4, choices=Role.choices)

    class Meta:
        ordering = ["role", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "person"], name="unique_team_member")
        ]

    def __str__(self) -> str:
        return f"{self.person} on {self.inspection}"


class ChecklistItem(models.Model):
    """A family-communication duty of the notice week, done by the area."""

    class Item(models.TextChoices):
        LOCAL_OFFER = "local_offer", "Notice of the inspection on the Local Offer website"
        SCHOOL_LETTERS = "school_letters", "Letters to families sent through schools and settings"
        FORUM_MEETING = "forum_meeting", "Meeting with the parent carer forum arranged"
        WEBINAR_SURVEY = "webinar_survey", "Webinar and survey details published"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="checklist")
    item = models.CharField(max_length=20, choices=Item.choices)
    done_on = models.DateField()
    done_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["done_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "item"], name="unique_checklist_item")
        ]

    def __str__(self) -> str:
        return f"{self.get_item_display()} ({self.inspection})"


class Evidence(models.Model):
    """Counts the inspection gathered (NF-WK-3: survey counts can be large)."""

    inspection = models.OneToOneField(Inspection, on_delete=models.CASCADE, related_name="evidence")
    parent_responses = models.PositiveIntegerField(default=0)
    young_people_responses = models.PositiveIntegerField(default=0)
    practitioner_responses = models.PositiveIntegerField(default=0)
    webinar_held_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Evidence of {self.inspection}"


class Meeting(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField()
    with_whom = models.CharField(max_length=200, help_text="A group or role, never a child.")

    class Meta:
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{long_date(self.held_on)}: {self.with_whom}"


class SettingType(models.TextChoices):
    EARLY_YEARS = "early_years", "Early years setting"
    MAINSTREAM_SCHOOL = "mainstream_school", "Mainstream school"
    SPECIAL_SCHOOL = "special_school", "Special school"
    ALTERNATIVE_PROVISION = "alternative_provision", "Alternative provision"
    FURTHER_EDUCATION = "further_education", "Further education"
    HEALTH = "health", "Health service"
    SOCIAL_CARE = "social_care", "Social care service"


class ProviderVisit(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField()
    setting_type = models.CharField(max_length=24, choices=SettingType.choices)

    class Meta:
        ordering = ["visited_on", "pk"]

    def __str__(self) -> str:
        return f"{long_date(self.visited_on)}: {self.get_setting_type_display()}"


def validate_pseudonym(reference: str) -> None:
    problem = pseudonym_problem(reference)
    if problem:
        raise ValidationError(problem, code="not_a_pseudonym")


class CaseSample(models.Model):
    """A child or young person's case, by pseudonymous reference only.

    No name, date of birth or free text is held: the service gives the
    reference (``casework.pseudonyms``), the field refuses anything else, and
    the rest are choices.
    """

    class AgeBand(models.TextChoices):
        UNDER_5 = "0-4", "0 to 4"
        PRIMARY = "5-10", "5 to 10"
        SECONDARY = "11-15", "11 to 15"
        POST_16 = "16-18", "16 to 18"
        ADULT = "19-25", "19 to 25"

    class Support(models.TextChoices):
        EHC_PLAN = "ehc_plan", "Education, health and care plan"
        SEN_SUPPORT = "sen_support", "SEN support"
        NONE = "none", "Neither (needs being identified)"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="cases")
    reference = models.CharField(max_length=16, validators=[validate_pseudonym])
    age_band = models.CharField(max_length=5, choices=AgeBand.choices)
    support = models.CharField(max_length=12, choices=Support.choices)
    setting_type = models.CharField(max_length=24, choices=SettingType.choices)

    class Meta:
        ordering = ["reference"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "reference"], name="unique_case_ref")
        ]

    def __str__(self) -> str:
        return self.reference


class Finding(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    question = models.CharField(max_length=12)
    kind = models.CharField(max_length=12, choices=_choices(FindingKind))
    text = models.TextField()
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.text[:60]}"


class Letter(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEWED = "reviewed", "Reviewed"
        PUBLISHED = "published", "Published"

    inspection = models.OneToOneField(Inspection, on_delete=models.CASCADE, related_name="letter")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    body = models.TextField(help_text="Plain text; headings are lines starting with '## '.")
    reviewed_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dated = models.DateField(null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"Letter of {self.inspection}"


#: The judgement on one weakness, as the letters put it (RV-9; NF-MON-2 reports).
VERDICT: dict[bool, str] = {True: "Sufficient progress", False: "Not made sufficient progress"}


class ProgressJudgement(models.Model):
    """A revisit's or monitoring inspection's judgement on one weakness (RV-9, NF-MON-2).

    ``weakness`` is the text of the full inspection's letter exactly. Under the
    same embargo as findings until the letter is published, when each becomes a
    ``progress_judged`` event of the area's history.
    """

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="judgements")
    weakness = models.TextField()
    sufficient = models.BooleanField()
    commentary = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "weakness"], name="unique_judgement_per_weakness"
            )
        ]

    def __str__(self) -> str:
        return f"{self.verdict}: {self.weakness[:60]}"

    @property
    def verdict(self) -> str:
        return VERDICT[self.sufficient]


class DeferralRequest(models.Model):
    """The area asks to put off a notified inspection; the inspectorate decides (RV-6)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="deferrals")
    requested_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    requested_on = models.DateField()
    reason = models.TextField()
    decided_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    granted = models.BooleanField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["requested_on", "pk"]

    def __str__(self) -> str:
        return f"Deferral of {self.inspection} asked {long_date(self.requested_on)}"

    @property
    def pending(self) -> bool:
        return self.decided_on is None
