"""Reading and writing histories in the interchange format (framework.md §9).

A history is JSON Lines, one event per line, oldest first. Reading never stops
at the first mistake: every problem in the file is collected, each naming its
line and field, and raised together as one ``HistoryError`` so a person can fix
the whole file in one pass. docs/history-format.md describes the format for
people and docs/history.schema.json for machines.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from typing import Any, TypeVar

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

# The national COVID pause (framework.md §3). CV-1: all routine inspections,
# area SEND inspections and revisits included, were suspended on 17 March 2020.
COVID_PAUSED_ON = dt.date(2020, 3, 17)
# CV-4 gives months, not days: revisits returned "from April 2021" and full
# inspections "from June 2021 at the earliest" (first seen: Rotherham, 5 July
# 2021). The first of each month is the earliest reading of each.
REVISITS_RESUMED_ON = dt.date(2021, 4, 1)
FULL_INSPECTIONS_RESUMED_ON = dt.date(2021, 6, 1)

COVID_PAUSE: tuple[Event, ...] = (
    Event(COVID_PAUSED_ON, EventType.PROGRAMME_PAUSED, source="framework.md CV-1"),
    Event(
        REVISITS_RESUMED_ON,
        EventType.PROGRAMME_RESUMED,
        kind=InspectionKind.REVISIT,
        source="framework.md CV-4",
    ),
    Event(
        FULL_INSPECTIONS_RESUMED_ON,
        EventType.PROGRAMME_RESUMED,
        kind=InspectionKind.FULL,
        source="framework.md CV-4",
    ),
)

# No area SEND history starts before the 2016 framework; anything after 2100
# is a typing mistake, not a plan.
EARLIEST_DATE = dt.date(2016, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)

#: Events that belong to one inspection, revisit or monitoring inspection, and
#: so must say which (``inspection`` is optional on every other area event).
INSPECTION_EVENTS = frozenset(
    {
        EventType.INSPECTION_NOTIFIED,
        EventType.FIELDWORK_STARTED,
        EventType.FIELDWORK_ENDED,
        EventType.DEFERRAL_REQUESTED,
        EventType.DEFERRAL_DECIDED,
        EventType.LETTER_DATED,
        EventType.LETTER_PUBLISHED,
        EventType.REPORT_RECEIVED,
        EventType.PROGRESS_JUDGED,
    }
)

#: Provenance, allowed on any event and never read by the rules.
PROVENANCE_FIELDS = ("source", "note")

_REQUIRED, _OPTIONAL = True, False
_LETTER = {"outcome": _OPTIONAL, "weaknesses": _OPTIONAL}
_FIELDWORK = {"remote": _OPTIONAL}

#: The fields each event carries beyond area, date, event and inspection (§9
#: table), mapped to whether they are required.
EVENT_FIELDS: Mapping[EventType, Mapping[str, bool]] = {
    EventType.INSPECTION_NOTIFIED: {"kind": _REQUIRED, "framework": _REQUIRED},
    EventType.FIELDWORK_STARTED: _FIELDWORK,
    EventType.FIELDWORK_ENDED: _FIELDWORK,
    EventType.DEFERRAL_REQUESTED: {"reason": _OPTIONAL},
    EventType.DEFERRAL_DECIDED: {"granted": _REQUIRED, "reason": _OPTIONAL},
    EventType.LETTER_DATED: _LETTER,
    EventType.LETTER_PUBLISHED: _LETTER,
    EventType.REPORT_RECEIVED: {},
    EventType.PROGRESS_JUDGED: {"weakness": _REQUIRED, "sufficient": _REQUIRED},
    EventType.PLAN_SUBMITTED: {"plan": _REQUIRED},
    EventType.PLAN_JUDGED: {"plan": _REQUIRED, "fit": _REQUIRED},
    EventType.PLAN_PUBLISHED: {"plan": _REQUIRED},
    EventType.SUPPORT_VISIT: {"by": _OPTIONAL},
    EventType.IMPROVEMENT_NOTICE_ISSUED: {},
    EventType.IMPROVEMENT_NOTICE_LIFTED: {},
    # Our extension of §9: DfE can release one weakness at a time (Medway, Feb 2021).
    EventType.RELEASED_FROM_MONITORING: {"weakness": _OPTIONAL},
    EventType.ENGAGEMENT_MEETING: {},
    EventType.THEMATIC_VISIT: {"theme": _OPTIONAL},
    EventType.PROGRAMME_PAUSED: {},
    # Which activity resumed: revisits and full inspections came back apart (CV-4).
    EventType.PROGRAMME_RESUMED: {"kind": _OPTIONAL},
}

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class _Invalid(Exception):
    """A field's value is wrong; the message says what was found and expected."""


def _shown(value: object) -> str:
    """A value for a message: strings quoted as in the examples of §9, others as JSON."""
    if isinstance(value, str):
        return f"'{value}'"
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):  # only reachable from parse_event called in code
        return repr(value)


def _text(name: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Invalid(f"'{name}' must be a non-empty string; found {_shown(value)}")
    return value


def _flag(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"'{name}' must be true or false; found {_shown(value)}")
    return value


def _texts(name: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _Invalid(f"'{name}' must be a list of non-empty strings; found {_shown(value)}")
    for position, item in enumerate(value, start=1):
        if not isinstance(item, str) or not item.strip():
            raise _Invalid(
                f"'{name}' item {position} must be a non-empty string; found {_shown(item)}"
            )
    return tuple(value)


_E = TypeVar("_E", bound=StrEnum)


def _choice(name: str, value: object, choices: type[_E]) -> _E:
    if isinstance(value, str):
        try:
            return choices(value)
        except ValueError:
            pass
    allowed = ", ".join(c.value for c in choices)
    raise _Invalid(f"unknown {name} {_shown(value)}; expected one of: {allowed}")


def _date(value: object) -> dt.date:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise _Invalid(f"{_shown(value)} is not an ISO 8601 date; expected YYYY-MM-DD")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise _Invalid(f"'{value}' is not a real date; expected YYYY-MM-DD") from None
    if day < EARLIEST_DATE:
        raise _Invalid(
            f"'{value}' is before {EARLIEST_DATE}, earlier than any area SEND inspection; "
            "expected a later date"
        )
    if day > LATEST_DATE:
        raise _Invalid(f"'{value}' is after {LATEST_DATE}; expected a plausible date")
    return day


_CONVERTERS: Mapping[str, Callable[[str, object], object]] = {
    "kind": lambda n, v: _choice(n, v, InspectionKind),
    "framework": lambda n, v: _choice(n, v, Framework),
    "outcome": lambda n, v: _choice(n, v, Outcome),
    "plan": lambda n, v: _choice(n, v, PlanKind),
    "remote": _flag,
    "granted": _flag,
    "sufficient": _flag,
    "fit": _flag,
    "weaknesses": _texts,
    "reason": _text,
    "weakness": _text,
    "by": _text,
    "theme": _text,
    "source": _text,
    "note": _text,
    "inspection": _text,
    "area": _text,
}


def _allowed_fields(event: EventType) -> list[str]:
    common = (
        ["date", "event"] if event in NATIONAL_EVENTS else ["area", "date", "event", "inspection"]
    )
    return [*common, *EVENT_FIELDS[event], *PROVENANCE_FIELDS]


def _read(
    obj: Mapping[str, object],
    line: int,
    resolve_area: Callable[[str, dt.date], str] | None,
) -> tuple[Event | None, dt.date | None, list[Problem]]:
    """The event on one line (or None), its date if readable, and everything wrong with it."""
    problems: list[Problem] = []

    def wrong(field: str | None, message: str) -> None:
        problems.append(Problem(line, field, message))

    def present(name: str) -> bool:
        return obj.get(name) is not None  # JSON null means "not given"

    date: dt.date | None = None
    if not present("date"):
        wrong("date", "'date' is required; expected YYYY-MM-DD")
    else:
        try:
            date = _date(obj["date"])
        except _Invalid as error:
            wrong("date", str(error))

    event_type: EventType | None = None
    if not present("event"):
        names = ", ".join(t.value for t in EventType)
        wrong("event", f"'event' is required; expected one of: {names}")
    else:
        try:
            event_type = _choice("event", obj["event"], EventType)
        except _Invalid as error:
            wrong("event", str(error))
    if event_type is None:
        return None, date, problems

    allowed = _allowed_fields(event_type)
    fields: dict[str, Any] = {}
    for name in obj:
        if name not in allowed:
            if name == "area" and not present("area"):
                continue  # a null area on a national event is the same as none
            if name == "area":
                message = f"'area' must be omitted: {event_type} is a national event"
            else:
                message = f"'{name}' is not a field of {event_type}; its fields are: " + ", ".join(
                    allowed
                )
            wrong(name, message)
        elif name not in ("date", "event") and present(name):
            try:
                fields[name] = _CONVERTERS[name](name, obj[name])
            except _Invalid as error:
                wrong(name, str(error))

    required = [n for n, needed in EVENT_FIELDS[event_type].items() if needed]
    if event_type not in NATIONAL_EVENTS:
        required.append("area")
    if event_type in INSPECTION_EVENTS:
        required.append("inspection")
    for name in required:
        if not present(name):
            wrong(name, f"'{name}' is required on {event_type} events")

    area = fields.get("area")
    if resolve_area is not None and isinstance(area, str) and date is not None:
        try:
            fields["area"] = resolve_area(area, date)
        except (LookupError, ValueError) as error:
            wrong("area", str(error) or f"unknown area {_shown(area)}")

    if problems or date is None:
        return None, date, problems
    return Event(date=date, type=event_type, line=line, **fields), date, problems


def parse_event(obj: Mapping[str, object], line: int) -> Event:
    """One §9 object as an Event; HistoryError naming every problem with it."""
    event, _, problems = _read(obj, line, None)
    if event is None:
        raise HistoryError(problems)
    return event


class _DuplicateField(Exception):
    def __init__(self, name: str) -> None:
        self.name = name


def _no_duplicate_fields(pairs: list[tuple[str, object]]) -> dict[str, object]:
    # json.loads would silently keep the last of two values; a person meant one.
    obj: dict[str, object] = {}
    for name, value in pairs:
        if name in obj:
            raise _DuplicateField(name)
        obj[name] = value
    return obj


def _kind_of_json(value: object) -> str:
    kinds = {list: "an array", str: "a string", bool: "true or false", type(None): "null"}
    return kinds.get(type(value), "a number")


def parse_history(
    text_or_lines: str | Iterable[str],
    *,
    resolve_area: Callable[[str, dt.date], str] | None = None,
    include_national_pause: bool = True,
) -> list[Event]:
    """The events of a §9 JSON Lines history, oldest first.

    Blank lines and lines starting with ``#`` are skipped but still counted.
    ``resolve_area`` turns each area name or code (on the event's date) into a
    GSS code, raising LookupError or ValueError when it cannot. Unless the
    history states its own programme pauses, the national COVID pause
    (``COVID_PAUSE``) is merged in, before any area event of the same day.
    """
    # Only "\n" ends a line: str.splitlines would also split at U+0085 or U+2028, which
    # JSON allows unescaped inside a string.
    lines = text_or_lines.split("\n") if isinstance(text_or_lines, str) else text_or_lines
    events: list[Event] = []
    problems: list[Problem] = []
    latest: tuple[dt.date, int] | None = None
    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            obj = json.loads(stripped, object_pairs_hook=_no_duplicate_fields)
        except json.JSONDecodeError as error:
            problems.append(
                Problem(number, None, f"not valid JSON ({error.msg} at column {error.colno})")
            )
            continue
        except _DuplicateField as error:
            problems.append(
                Problem(
                    number, error.name, f"'{error.name}' is given more than once; expected once"
                )
            )
            continue
        except (RecursionError, ValueError):
            # Valid JSON that Python will not build: nesting past the recursion limit, or an
            # integer longer than int()'s digit limit. Neither can be a §9 event.
            problems.append(
                Problem(
                    number,
                    None,
                    "not valid JSON for a history (too deeply nested or a number too long)",
                )
            )
            continue
        if not isinstance(obj, dict):
            problems.append(
                Problem(
                    number,
                    None,
                    f"expected a JSON object {{...}}; found {_kind_of_json(obj)}",
                )
            )
            continue
        event, date, found = _read(obj, number, resolve_area)
        problems.extend(found)
        # Order is checked whenever the date is readable, so one pass reports it too.
        if date is not None and latest is not None and date < latest[0]:
            problems.append(
                Problem(
                    number,
                    "date",
                    f"{date} is earlier than {latest[0]} on line {latest[1]}; "
                    "events must be oldest first",
                )
            )
        elif date is not None:
            latest = (date, number)
        if event is not None:
            events.append(event)
    if problems:
        raise HistoryError(problems)
    if include_national_pause and not any(e.type in NATIONAL_EVENTS for e in events):
        # A stable sort keeps file order and puts the pause before same-day area events.
        events = sorted([*COVID_PAUSE, *events], key=lambda e: e.date)
    return events


_OPTIONAL_ATTRIBUTES = tuple(dict.fromkeys(n for f in EVENT_FIELDS.values() for n in f))


def dump_event(event: Event) -> dict[str, object]:
    """The §9 object for an event, leaving out fields it does not have.

    ValueError if the event carries a field its type does not have (an Event
    built in code, never one read by ``parse_event``): writing it would lose it.
    """
    foreign = [
        name
        for name in _OPTIONAL_ATTRIBUTES
        if name not in EVENT_FIELDS[event.type] and getattr(event, name) not in (None, ())
    ]
    if event.type in NATIONAL_EVENTS:
        foreign += [n for n in ("area", "inspection") if getattr(event, n) is not None]
    if foreign:
        raise ValueError(f"a {event.type} event has no {', '.join(foreign)}")
    obj: dict[str, object] = {}
    if event.area is not None:
        obj["area"] = event.area
    obj["date"] = event.date.isoformat()
    obj["event"] = event.type.value
    if event.inspection is not None:
        obj["inspection"] = event.inspection
    for name in (*EVENT_FIELDS[event.type], *PROVENANCE_FIELDS):
        value = getattr(event, name)
        if value is None or value == ():
            continue
        if isinstance(value, StrEnum):
            value = value.value
        elif isinstance(value, tuple):
            value = list(value)
        obj[name] = value
    return obj


def dump_history(events: Iterable[Event]) -> str:
    """JSON Lines, one event per line, in the order given.

    Non-ASCII is escaped, so no reader can take a character such as U+2028 for a line break.
    """
    return "".join(json.dumps(dump_event(e)) + "\n" for e in events)
