"""What counts as a publication people follow: letters, plans and progress judgements,
one item per area, inspection, day and kind (a revisit's judgements come together)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse

from areasend.areas.event_log import event_from_row
from areasend.areas.models import HistoryEvent, LocalArea, OfficialInspectionRecord
from areasend.register.describe import describe_event, weaknesses_text

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
    # The official count where the letter's wording is not all recorded, as the area page says.
    letters = [g[0] for g in grouped.values() if g[0].event == "letter_published"]
    official: dict[tuple[int | None, str], OfficialInspectionRecord] = {
        (r.area_id, r.inspection): r
        for r in OfficialInspectionRecord.objects.filter(
            area__in={g.area_id for g in letters}, inspection__in={g.inspection for g in letters}
        )
    }
    out = []
    for key, group in grouped.items():
        first = group[0]
        area = first.area
        assert area is not None
        lines = [_describe(r, official.get((r.area_id, r.inspection))) for r in group]
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


def _describe(row: HistoryEvent, record: OfficialInspectionRecord | None) -> str:
    event = event_from_row(row)
    if record is None or record.weakness_count is None:
        return describe_event(event)
    outcome = str(event.outcome or record.outcome)
    return describe_event(
        event, weaknesses_text(outcome, len(event.weaknesses), record.weakness_count)
    )
