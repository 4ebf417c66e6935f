"""Organisations, the people in them and their roles, and the audit trail.

Sign-in is Django's own: a ``Person`` is the profile of a staff user saying
which organisation they work for and in which role. Members of the public
need no account.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from areasend.areas.models import LocalArea


class OrganisationKind(models.TextChoices):
    OFSTED = "ofsted", "Ofsted"
    CQC = "cqc", "Care Quality Commission"
    PARTNERSHIP = "partnership", "Local area partnership"
    DFE = "dfe", "Department for Education"
    NHSE = "nhse", "NHS England"


class Role(models.TextChoices):
    PLANNER = "planner", "Inspectorate planner"
    LEAD_INSPECTOR = "lead_inspector", "Lead inspector"
    TEAM_INSPECTOR = "team_inspector", "Team inspector"
    AREA_OFFICER = "area_officer", "Local area officer"
    ADVISER = "adviser", "DfE or NHS England adviser"
    ADMINISTRATOR = "administrator", "Administrator"


#: Which organisations each role belongs to: an inspector works for an
#: inspectorate, an area officer for a partnership, an adviser for DfE or NHSE.
ROLE_ORGANISATIONS: dict[str, frozenset[str]] = {
    Role.PLANNER: frozenset({OrganisationKind.OFSTED, OrganisationKind.CQC}),
    Role.LEAD_INSPECTOR: frozenset({OrganisationKind.OFSTED, OrganisationKind.CQC}),
    Role.TEAM_INSPECTOR: frozenset({OrganisationKind.OFSTED, OrganisationKind.CQC}),
    Role.AREA_OFFICER: frozenset({OrganisationKind.PARTNERSHIP}),
    Role.ADVISER: frozenset({OrganisationKind.DFE, OrganisationKind.NHSE}),
    Role.ADMINISTRATOR: frozenset(OrganisationKind.values),
}


class Organisation(models.Model):
    name = models.CharField(max_length=150, unique=True)
    kind = models.CharField(max_length=12, choices=OrganisationKind.choices)
    area = models.OneToOneField(
        LocalArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partnership",
        help_text="The local area of a partnership; blank for national bodies.",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="partnership") & models.Q(area__isnull=False))
                | (~models.Q(kind="partnership") & models.Q(area__isnull=True)),
                name="partnership_has_area",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="person"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="people")
    role = models.CharField(max_length=20, choices=Role.choices)
    nominated_officer = models.BooleanField(
        default=False, help_text="The partnership's nominated officer for inspections."
    )

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(nominated_officer=True),
                name="one_nominated_officer_per_partnership",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"

    @property
    def name(self) -> str:
        """How pages name the person: an account with no name given goes by its username,
        never by an empty string ("by :", "()")."""
        return self.user.get_full_name() or self.user.get_username()

    @property
    def area_id(self) -> int | None:
        return self.organisation.area_id

    def clean(self) -> None:
        if self.role not in ROLE_ORGANISATIONS or self.organisation_id is None:
            return  # the missing or unknown field has its own error already
        allowed = ROLE_ORGANISATIONS[self.role]
        if self.organisation.kind not in allowed:
            raise ValidationError(
                {
                    "role": f"A {self.get_role_display().lower()} cannot work for "
                    f"{self.organisation.get_kind_display()}."
                }
            )
        if self.nominated_officer and self.role != Role.AREA_OFFICER:
            raise ValidationError(
                {"nominated_officer": "Only a local area officer can be the nominated officer."}
            )


class AuditEntry(models.Model):
    """Who changed what, when, with the record before and after (append-only)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=60)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=60)
    area = models.ForeignKey(
        LocalArea, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    #: The channel beside the person: an API token, a command, the letter review queue.
    via = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type} {self.object_id}"
