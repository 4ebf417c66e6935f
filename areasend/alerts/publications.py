"""What counts as a publication people follow: letters, plans and progress judgements,
one item per area, inspection, day and kind (a revisit's judgements come together)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse

from areasend.areas.history import event_from_row
from areasend.areas.models import HistoryEvent, LocalArea
from areasend.register.describe import describe_event

KINDS = ("letter_published", "plan_published", "progress_judged")
_TITLES = {
    "letter_published": "letter published",
    "plan_published": "plan published",
    "progress_judged": "progress judged",
}


@dataclass(frozen=True)
class Publication:
    key: str
    area: LocalArea
    date: dt.date
    title: str
    summary: str
    link: str
    recorded_at: dt.datetime


def publications(rows: QuerySet[HistoryEvent], limit: int | None = None) -> list[Publication]:
    """Newest first."""
    rows = rows.filter(event__in=KINDS, area__isnull=False).select_related("area")
    grouped: dict[str, list[HistoryEvent]] = {}
    for row in rows.order_by("-date", "-position"):
        assert row.area is not None
        key = f"{row.area.gss_code}|{row.inspection}|{row.date}|{row.event}"
        grouped.setdefault(key, []).append(row)
        if limit is not None and len(grouped) > limit:
            grouped.pop(key)
            break
    out = []
    for key, group in grouped.items():
        first = group[0]
        area = first.area
        assert area is not None
        lines = [describe_event(event_from_row(r)) for r in group]
        out.append(
            Publication(
                key=key,
                area=area,
                date=first.date,
                title=f"{area.name}: {_TITLES[first.event]}",
                summary="; ".join(lines),
                link=reverse("register:area_detail", args=[area.slug]),
                recorded_at=max(r.recorded_at for r in group),
            )
        )
    return out
