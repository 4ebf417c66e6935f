"""An area's stored history, read and written through the framework.

Views and commands come here; nothing here computes a deadline. Reading turns
stored rows back into framework Events; writing parses §9 JSON Lines, asks the
framework to evaluate the combined history (which refuses forbidden steps),
and only then stores the new events, all in one transaction.

Every write to the history, from every channel, passes one gate
(``_gate``, ADR 0021): no event dated after today; an event of an inspection
run in casework only from that casework; from the API, no caller-chosen
source and no event already stored; and one audit entry naming the person
and the channel (token, command, queue) for each area written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from areasend.accounts.audit import record_audit
from areasend.accounts.permissions import User
from areasend.areas import sources
from areasend.areas.models import HistoryEvent, LocalArea
from areasend.areas.resolve import AreaDirectory, AreaLookupError, directory_from_db
from areasend.casework import clock
from areasend.casework.personal_data import personal_data_problem
from areasend.framework.evaluate import evaluate
from areasend.framework.events import (
    NATIONAL_EVENTS,
    Event,
    EventType,
    Framework,
    HistoryError,
    InspectionKind,
    Outcome,
    PlanKind,
    Problem,
)
from areasend.framework.history import INSPECTION_EVENTS, dump_event, parse_history
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
    rows = HistoryEvent.objects.filter(Q(area=area) | Q(area__isnull=True))
    return [event_from_values(*values) for values in rows.values_list(*EVENT_COLUMNS)]


#: The columns an Event is read from. Reading them as values, not model instances, keeps a
#: read of the whole national log cheap (a public page reads it uncached after a publication).
EVENT_COLUMNS = ("date", "event", "fields", "inspection", "source", "area__gss_code")


def _by_value(enum: type[StrEnum]) -> Callable[[str], object]:
    return {member.value: member for member in enum}.__getitem__


#: How a stored field becomes the Event's attribute: the reverse of ``dump_event``, which
#: stores enumerations as their values and tuples as lists. Other fields are kept as stored.
_FROM_STORED: dict[str, Callable[[Any], object]] = {
    "kind": _by_value(InspectionKind),
    "framework": _by_value(Framework),
    "outcome": _by_value(Outcome),
    "plan": _by_value(PlanKind),
    "weaknesses": tuple,
}
_EVENT_TYPES = _by_value(EventType)
_UNSET = {f.name: f.default for f in dataclasses.fields(Event)}
# The rebuild below fills a new Event's attributes directly, so Event must not check or
# derive anything as it is built (checked here, not by assert, which -O would drop).
if hasattr(Event, "__post_init__") or hasattr(Event, "__slots__"):
    raise ImportError("event_from_values rebuilds Events by their __dict__: rewrite it")


def event_from_values(
    date: dt.date,
    event: str,
    fields: dict[str, Any],
    inspection: str,
    source: str,
    gss_code: str | None,
    line: int = 0,
) -> Event:
    """A stored row as the Event it was written from. Every row is written by ``_store``, from
    Events the framework read and the gate let through, so it is rebuilt, not read again:
    ``parse_event`` would check the whole log anew on every uncached public page, and even
    the frozen dataclass's own ``__init__`` costs several times this (20 attributes)."""
    rebuilt: Event = object.__new__(Event)
    attributes = rebuilt.__dict__
    attributes.update(_UNSET)
    for name, value in fields.items():
        convert = _FROM_STORED.get(name)
        attributes[name] = value if convert is None else convert(value)
    attributes.update(
        date=date,
        type=_EVENT_TYPES(event),
        area=gss_code,
        inspection=inspection or None,
        source=source or None,
        line=line,
    )
    return rebuilt


def event_from_row(row: HistoryEvent, line: int = 0) -> Event:
    gss_code = row.area.gss_code if row.area is not None else None
    return event_from_values(
        row.date, row.event, row.fields, row.inspection, row.source, gss_code, line
    )


def area_status(area: LocalArea, today: dt.date | None = None) -> AreaStatus:
    return status_of(stored_events(area), today)


def status_of(events: list[Event], today: dt.date | None = None) -> AreaStatus:
    return evaluate(
        events,
        today or clock.today(),
        params=framework_params(),
        published_until=sources.published_until(),
    )


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


class Channel(StrEnum):
    """How a write reaches the history."""

    CASEWORK = "casework"
    IMPROVEMENT = "improvement"
    API = "api"
    LETTER_REVIEW = "letter review"
    COMMAND = "command"


@dataclass(frozen=True)
class Writer:
    """Who writes, by which channel: what the gate checks and the audit entry names.

    ``via`` names the token, command or file beside the person (``actor``; None for a
    command run on the server); ``inspection`` is the one inspection a casework writer
    runs; ``source`` is what the stored events say they came from, set by the service.
    """

    channel: Channel
    source: str
    actor: User | None = None
    via: str = ""
    inspection: str | None = None


#: What server code that names no writer is: a trusted loader run by an operator.
SERVER = Writer(Channel.COMMAND, source="", via="server process")


class Casework(Protocol):
    """What the gate needs to know of inspections run in casework.

    The casework app provides it (``register_casework`` in its ``AppConfig.ready``):
    the casework imports this module, so this module cannot import the casework.
    """

    def runs(self, inspections: Collection[str]) -> set[str]:
        """Which of these inspection ids are run in casework."""
        ...

    def open_since(self, area: LocalArea) -> dt.date | None:
        """The notification date of the area's casework inspection still open, if any."""
        ...


_casework: list[Casework] = []


def register_casework(casework: Casework) -> None:
    _casework[:] = [casework]


def _gate(
    writer: Writer, area: LocalArea | None, fresh: Sequence[Event], existing: Sequence[Event]
) -> None:
    """Refuse, naming each line, what no channel may write; raises HistoryError."""
    problems: list[Problem] = []
    run = _casework[0].runs({e.inspection for e in fresh if e.inspection}) if _casework else set()
    opened = _casework[0].open_since(area) if _casework and area is not None else None
    known = {_identity(e) for e in existing} if writer.channel is Channel.API else set()
    for event in fresh:
        problems += [Problem(event.line, f, m) for f, m in _refusals(writer, event, run, opened)]
        if writer.channel is Channel.API:
            if _identity(event) in known:
                problems.append(
                    Problem(event.line, "event", "already in the history: not added again")
                )
            known.add(_identity(event))
    if problems:
        raise HistoryError(problems)


def _refusals(
    writer: Writer, event: Event, run: set[str], opened: dt.date | None
) -> Iterable[tuple[str, str]]:
    if event.date > clock.today():
        yield "date", f"dated {event.date:%-d %B %Y}, after today: a plan is not an event"
    if event.inspection in run and not _runs_it(writer, event):
        yield "inspection", f"{event.inspection} is run in casework: only its casework writes it"
    elif (
        opened is not None
        and writer.channel is not Channel.CASEWORK
        and event.type in INSPECTION_EVENTS
        and event.date >= opened
    ):
        yield (
            "inspection",
            f"the area's inspection notified on {opened:%-d %B %Y} is run in casework: "
            "until it is published, its casework alone records inspection steps here",
        )
    if writer.channel is Channel.API and event.source:
        yield "source", "the source of an API event is set by the server from the token"


def _runs_it(writer: Writer, event: Event) -> bool:
    if writer.channel is Channel.CASEWORK:
        return writer.inspection == event.inspection
    # After the letter, plans answer the inspection: the improvement service's, not a step.
    return writer.channel is Channel.IMPROVEMENT and event.type not in INSPECTION_EVENTS


def _audit(writer: Writer, action: str, area: LocalArea | None, events: Sequence[Event]) -> None:
    record_audit(
        writer.actor,
        action,
        object_type=HistoryEvent._meta.label if area is None else LocalArea._meta.label,
        object_id=area.gss_code if area is not None else "national",
        area=area,
        before=None,
        after={
            "channel": str(writer.channel),
            "source": writer.source,
            "events": [dump_event(e) for e in events],
        },
        via=writer.via,
    )


@transaction.atomic
def do_import_history(text: str, *, source: str = "", writer: Writer | None = None) -> ImportResult:
    """Add the events of a §9 history; refuse the whole file if any line is wrong.

    Importing the same history twice adds nothing: an event already stored
    (same date, type, inspection and fields) is counted as unchanged. Lines may
    name their own source; ``source`` (or the writer's) is stored on the rest.
    """
    writer = writer or Writer(SERVER.channel, source=source, via=SERVER.via)
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
        if fresh:
            _no_personal_data(fresh)
            _gate(writer, area, fresh, existing)
        if area is not None and fresh:
            _check(existing, fresh)
        if fresh:
            _store(area, fresh, writer.source)
            _audit(writer, "import_history", area, fresh)
        added += len(fresh)
        unchanged += len(new) - len(fresh)
    return ImportResult(added=added, unchanged=unchanged, areas=tuple(sorted(areas)))


@transaction.atomic
def do_record_events(
    area: LocalArea, events: Sequence[Event], *, writer: Writer, today: dt.date | None = None
) -> AreaStatus:
    """Append events to one area's history if the gate and the framework allow them;
    return the new status.

    The one write path for services in other apps (casework, plans, the API):
    they build Events, this checks them against the whole history and stores
    them, or raises HistoryError and stores nothing.
    """
    _no_personal_data(events)
    area = _locked(area)
    existing = stored_events(area)
    _gate(writer, area, events, existing)
    status = _check(existing, list(events), today)
    _store(area, events, writer.source)
    _audit(writer, "record_events", area, events)
    return status


def _no_personal_data(events: Iterable[Event]) -> None:
    """Refuse events whose wording looks like it identifies a child (ADR 0023). Casework
    checks its own text at entry; the API and imports write here with no form in front."""
    problems = []
    for event in events:
        texts = [("weaknesses", w) for w in event.weaknesses] + [
            (name, value)
            for name in ("weakness", "reason", "theme", "note")
            if isinstance(value := getattr(event, name), str)
        ]
        for name, text in texts:
            if problem := personal_data_problem(text):
                problems.append(Problem(0, name, f"{event.type} of {event.date}: {problem}"))
    if problems:
        raise HistoryError(problems)


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
                # A line of an imported file may name its own source; the API refuses one.
                source=event.source or source,
            )
        )
    HistoryEvent.objects.bulk_create(rows)


__all__ = [
    "SERVER",
    "Casework",
    "Channel",
    "HistoryError",
    "ImportResult",
    "Problem",
    "area_status",
    "do_import_history",
    "do_record_events",
    "register_casework",
    "status_of",
    "stored_events",
]
