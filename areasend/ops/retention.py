"""Retention: records past their retention period are deleted (AREASEND_RETENTION_DAYS).

What is kept, and for how long after what, is a setting so a deployment can follow its
own records-management policy; docs/operations.md lists the defaults and why.
Published letters, findings and the areas' histories are public records and are kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from areasend.accounts.models import AuditEntry
from areasend.casework import clock
from areasend.inspections.models import (
    CaseSample,
    ChecklistItem,
    Evidence,
    Inspection,
    Meeting,
    ProviderVisit,
)
from areasend.reminders.models import ReminderSent
from areasend.surveys.models import SurveyResponse

DEFAULTS: dict[str, int] = {
    # Evidence gathered for an inspection, counted from its letter's publication (or the
    # grant of its deferral): long enough for a revisit or monitoring inspection to draw on
    # it, no longer.
    "inspection_evidence": 3 * 365,
    # Anonymous survey answers, counted from the letter's publication (or the grant of the
    # inspection's deferral): the letter has used them by then; the counts stay in the
    # evidence record (stated on every survey form).
    "survey_responses": 90,
    # Which reminders went to whom: only needed while the obligation is live.
    "reminders_sent": 365,
    # Who changed what: kept six years, as public bodies keep administrative records.
    "audit_entries": 6 * 365,
}


def periods() -> dict[str, int]:
    return {**DEFAULTS, **getattr(settings, "AREASEND_RETENTION_DAYS", {})}


@dataclass(frozen=True)
class Deleted:
    what: str
    count: int


def _closed_before(day: dt.date) -> QuerySet[Inspection]:
    """Inspections closed before ``day``: their letter published, or deferred (withdrawn at
    the area's request) by a decision granting it. A deferred inspection has no letter, so
    its evidence and survey answers are counted from the deferral instead."""
    published = Q(status=Inspection.Status.PUBLISHED, letter__published_on__lt=day)
    deferred = Q(
        status=Inspection.Status.DEFERRED, deferrals__granted=True, deferrals__decided_on__lt=day
    )
    return Inspection.objects.filter(published | deferred)


@transaction.atomic
def apply_retention(today: dt.date | None = None, *, dry_run: bool = False) -> list[Deleted]:
    """Delete what is past its period; with dry_run, only count it."""
    today = today or clock.today()
    days = periods()
    old = _closed_before(today - dt.timedelta(days=days["inspection_evidence"]))
    answered = _closed_before(today - dt.timedelta(days=days["survey_responses"]))
    now = timezone.now()
    targets = [
        ("survey responses", SurveyResponse.objects.filter(inspection__in=answered)),
        ("case samples", CaseSample.objects.filter(inspection__in=old)),
        ("meetings", Meeting.objects.filter(inspection__in=old)),
        ("provider visits", ProviderVisit.objects.filter(inspection__in=old)),
        ("survey and webinar records", Evidence.objects.filter(inspection__in=old)),
        ("notice-week checklist entries", ChecklistItem.objects.filter(inspection__in=old)),
        (
            "reminder records",
            ReminderSent.objects.filter(
                sent_on__lt=today - dt.timedelta(days=days["reminders_sent"])
            ),
        ),
        (
            "audit entries",
            AuditEntry.objects.filter(at__lt=now - dt.timedelta(days=days["audit_entries"])),
        ),
    ]
    out = []
    for what, rows in targets:
        count = rows.count() if dry_run else rows.delete()[0]
        out.append(Deleted(what, count))
    return out
