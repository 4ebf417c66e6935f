"""An area's stored history, read and written through the framework.

Views and commands come here; nothing here computes a deadline. Reading turns
stored rows back into framework Events; writing parses §9 JSON Lines, asks the
framework to evaluate the combined history (which refuses forbidden steps),
and only then stores the new events, all in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from areasend.areas.models import HistoryEvent, LocalArea
from areasend.areas.resolve import AreaDirectory, AreaLookupError, directory_from_db
from areasend.casework import clock
from areasend.framework.evaluate import evaluate
from areasend.framework.events import NATIONAL_EVENTS, Event, HistoryError, Problem
from areasend.framework.history import dump_event, parse_event, parse_history
from areasend.framework.params import Params
from areasend.framework.status import AreaStatus

_KEYS = ("area", "date", "event", "inspection")


def framework_params() -> Params:
    return Params(settings.AREASEND_FRAMEWORK_OVERRIDES)


def area_resolver(directory: AreaDirectory) -> Callable[[str, dt.date], str]:
    def resolve(query: str, on: dt.date) -> str:
        try:
            return directory.resolve(query, on).gss_code
        except AreaLookupError as error:
            raise ValueError(str(error)) from error

    return resolve


def stored_events(area: LocalArea) -> list[Event]:
    """The area's events and the national ones, oldest first, as framework Events."""
    rows = HistoryEvent.objects.filter(Q(area=area) | Q(area__isnull=True)).select_related("area")
    return [event_from_row(row) for row in rows]


def event_from_row(row: HistoryEvent, line: int = 0) -> Event:
    obj: dict[str, Any] = {"date": row.date.isoformat(), "event": row.event, **row.fields}
    if row.area is not None:
        obj["area"] = row.area.gss_code
    if row.inspection:
        obj["inspection"] = row.inspection
    if row.source:
        obj["source"] = row.source
    return parse_event(obj, line)


def area_status(area: LocalArea, today: dt.date | None = None) -> AreaStatus:
    return status_of(stored_events(area), today)


def status_of(events: list[Event], today: dt.date | None = None) -> AreaStatus:
    return evaluate(events, today or clock.today(), params=framework_params())


@dataclass(frozen=True)
class ImportResult:
    added: int
    unchanged: int
    areas: tuple[str, ...]


def _identity(event: Event) -> tuple[object, ...]:
    data = dump_event(event)
    data.pop("source", None)
    data.pop("note", None)
    return tuple(sorted((k, repr(v)) for k, v in data.items()))


@transaction.atomic
def do_import_history(text: str, *, source: str = "") -> ImportResult:
    """Add the events of a §9 history; refuse the whole file if any line is wrong.

    Importing the same history twice adds nothing: an event already stored
    (same date, type, inspection and fields) is counted as unchanged.
    """
    directory = directory_from_db()
    events = parse_history(
        text, resolve_area=area_resolver(directory), include_national_pause=False
    )
    by_area: dict[str | None, list[Event]] = defaultdict(list)
    for event in events:
        by_area[None if event.type in NATIONAL_EVENTS else event.area].append(event)
    areas = {
        a.gss_code: a for a in LocalArea.objects.filter(gss_code__in=[k for k in by_area if k])
    }
    added = unchanged = 0
    for code, new in by_area.items():
        area = _locked(areas[code]) if code else None
        existing = stored_events(area) if area else _national_events()
        known = {_identity(e) for e in existing}
        fresh = [e for e in new if _identity(e) not in known]
        if area is not None and fresh:
            _check(existing, fresh)
        _store(area, fresh, source)
        added += len(fresh)
        unchanged += len(new) - len(fresh)
    return ImportResult(added=added, unchanged=unchanged, areas=tuple(sorted(areas)))


@transaction.atomic
def do_record_events(
    area: LocalArea, events: Sequence[Event], *, source: str, today: dt.date | None = None
) -> AreaStatus:
    """Append events to one area's history if the framework allows them; return the new status.

    The one write path for services in other apps (casework, plans, revisits):
    they build Events, this checks them against the whole history and stores
    them, or raises HistoryError and stores nothing.
    """
    area = _locked(area)
    status = _check(stored_events(area), list(events), today)
    _store(area, events, source)
    return status


def _locked(area: LocalArea) -> LocalArea:
    # Serialises writers per area: two requests evaluating the same history at
    # once could otherwise both pass the rules and store contradictory steps.
    return LocalArea.objects.select_for_update().get(pk=area.pk)


def _check(existing: list[Event], fresh: list[Event], today: dt.date | None = None) -> AreaStatus:
    # Evaluating the combined history is the check: the framework raises
    # HistoryError naming the line of any step its rules forbid.
    combined = sorted([*existing, *fresh], key=lambda e: e.date)
    last = max(e.date for e in combined)
    return evaluate(combined, max(today or last, last), params=framework_params())


def _national_events() -> list[Event]:
    return [event_from_row(row) for row in HistoryEvent.objects.filter(area__isnull=True)]


def _store(area: LocalArea | None, events: Iterable[Event], source: str) -> None:
    last = HistoryEvent.objects.filter(area=area).order_by("-position").first()
    position = last.position if last else 0
    rows = []
    for event in events:
        position += 1
        data = dump_event(event)
        rows.append(
            HistoryEvent(
                area=area,
                date=event.date,
                event=str(event.type),
                inspection=event.inspection or "",
                fields={k: v for k, v in data.items() if k not in (*_KEYS, "source")},
                position=position,
                source=event.source or source,
            )
        )
    HistoryEvent.objects.bulk_create(rows)


__all__ = [
    "HistoryError",
    "ImportResult",
    "Problem",
    "area_status",
    "do_import_history",
    "do_record_events",
    "status_of",
    "stored_events",
]
