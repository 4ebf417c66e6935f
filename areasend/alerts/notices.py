"""Inspections as they are announced, for the feeds and emails beside publications.

Families are told at notification, not only at the letter: each inspection notified through
casework becomes one item, from its ``inspection_notified`` event, saying what the area page's
notice-week block says (register.notice_week) and nothing under embargo. An inspection
withdrawn at the area's request (deferred) is no longer announced.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from areasend.alerts.publications import Publication, publications
from areasend.areas.models import HistoryEvent
from areasend.framework.events import EventType
from areasend.inspections.models import Inspection
from areasend.register.notice_week import CASEWORK, PUBLIC_FIELDS, describe


def notices(rows: QuerySet[HistoryEvent], limit: int | None = None) -> list[Publication]:
    """Newest first."""
    events = list(
        rows.filter(
            event=EventType.INSPECTION_NOTIFIED.value,
            source__startswith=CASEWORK,
            area__isnull=False,
        )
        .select_related("area")
        .order_by("-date", "-position")[:limit]
    )
    found = Inspection.objects.filter(reference__in=[e.inspection for e in events]).exclude(
        status__in=(Inspection.Status.PLANNED, Inspection.Status.DEFERRED)
    )
    inspections = {i.reference: i for i in found.only(*PUBLIC_FIELDS)}
    now = timezone.now()
    out = []
    for event in events:
        inspection, area = inspections.get(event.inspection), event.area
        if inspection is None or area is None or inspection.area_id != area.pk:
            continue
        notice = describe(inspection, area, now)
        out.append(
            Publication(
                key=f"{area.gss_code}|{event.inspection}|{event.date}|{event.event}",
                area=area,
                date=event.date,
                title=f"{area.name}: inspection announced",
                summary=" ".join(notice.lines()),
                link=reverse("register:area_detail", args=[area.slug]) + "#notice-week",
                recorded_at=event.recorded_at,
            )
        )
    return out


def followed(rows: QuerySet[HistoryEvent], limit: int | None = None) -> list[Publication]:
    """What followers are told of, newest first: publications and announcements together."""
    items = publications(rows, limit=limit) + notices(rows, limit=limit)
    items.sort(key=lambda item: (item.date, item.recorded_at), reverse=True)
    return items[:limit] if limit is not None else items
