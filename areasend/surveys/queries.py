"""What the surveys are and whether they take answers today: reads, no writes (the public
pages and the register's notice week ask here)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.urls import reverse

from areasend.casework.guards import long_date
from areasend.inspections.models import Inspection
from areasend.surveys.models import SurveyResponse
from areasend.surveys.questions import Kind, Survey, bank

#: Surveys are open only while families can take part: never for a planned inspection (the
#: area has not been told) or a deferred one (withdrawn).
TAKING_PART = (Inspection.Status.NOTIFIED, Inspection.Status.FIELDWORK)


def survey_for(inspection: Inspection, kind: str) -> Survey | None:
    """The survey of this kind for the inspection, or None if it has none."""
    surveys = bank(inspection.framework)
    if surveys is None or inspection.survey_opens is None or kind not in set(Kind):
        return None
    return surveys[Kind(kind)]


def survey_page(inspection: Inspection) -> str:
    """The path of the inspection's surveys in this service, or "" if it runs none here."""
    if inspection.survey_opens is None or bank(inspection.framework) is None:
        return ""
    return reverse("surveys:index", args=[inspection.reference])


def closed_reason(inspection: Inspection, today: dt.date) -> str | None:
    """Why the surveys take no answer today, or None while they are open."""
    opens, closes = inspection.survey_opens, inspection.survey_closes
    if opens is None or closes is None:
        return "This inspection has no survey."
    if today < opens:
        return f"The survey opens on {long_date(opens)}."
    if today > closes or inspection.status not in TAKING_PART:
        return f"The survey closed on {long_date(closes)}. Thank you for your interest."
    return None


def response_counts(inspection: Inspection) -> dict[Kind, int]:
    rows = (
        SurveyResponse.objects.filter(inspection=inspection).values("kind").annotate(n=Count("pk"))
    )
    counts = dict.fromkeys(Kind, 0)
    counts.update({Kind(r["kind"]): r["n"] for r in rows})
    return counts
