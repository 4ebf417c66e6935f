"""What every step shares: the permission check, the locked change, writing the step's events
and probing the framework before a write."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from areasend.accounts.permissions import Action, User
from areasend.areas.event_log import (
    Channel,
    Writer,
    do_record_events,
    status_of,
    stored_events,
)
from areasend.casework import clock
from areasend.casework.actions import (
    framework_refuses,
    locked_change,
    require,
)
from areasend.casework.errors import CaseworkError
from areasend.framework.evaluate import VALID_OUTCOMES
from areasend.framework.events import (
    Event,
    EventType,
    Framework,
    InspectionKind,
    Outcome,
)
from areasend.inspections.models import (
    Inspection,
)

Status = Inspection.Status


def _require(actor: User, action: Action, inspection: Inspection | None = None, **kw: Any) -> None:
    require(actor, action, inspection=inspection, **kw)


@contextmanager
def _change(actor: User, action: str, inspection: Inspection) -> Iterator[Inspection]:
    """Lock the inspection, yield it for changes, then save, version and audit it."""
    with locked_change(
        actor, action, Inspection.objects.all(), inspection, area=lambda i: i.area
    ) as locked:
        yield locked


def _record(actor: User, inspection: Inspection, events: list[Event]) -> None:
    writer = Writer(
        Channel.CASEWORK,
        source=f"casework:{inspection.reference}",
        actor=actor,
        via="casework",
        inspection=inspection.reference,
    )
    with framework_refuses():
        do_record_events(inspection.area, events, writer=writer)


def _event(inspection: Inspection, type_: EventType, day: dt.date, **fields: Any) -> Event:
    return Event(
        date=day,
        type=type_,
        area=inspection.area.gss_code,
        inspection=inspection.reference,
        **fields,
    )


def _probe(inspection: Inspection, type_: EventType, day: dt.date, **fields: Any) -> None:
    """Ask the framework whether this event could come next, without storing anything."""
    history = [*stored_events(inspection.area), _event(inspection, type_, day, **fields)]
    with framework_refuses():
        status_of(sorted(history, key=lambda e: e.date), max(day, clock.today()))


def _outcomes(inspection: Inspection) -> tuple[frozenset[Outcome], str]:
    """The outcomes this kind of inspection can have (none for revisits and monitoring
    inspections, which judge progress weakness by weakness), and the rule that says so."""
    key = (Framework(inspection.framework), InspectionKind(inspection.kind))
    return VALID_OUTCOMES.get(key, (frozenset(), "OF-Q-2"))


# -- planning and notification ----------------------------------------------------------


DEFERRED = (
    "The inspection was deferred at the area's request: it is withdrawn and changes no "
    "more. A new inspection is notified in its place."
)


NOT_NOTIFIED = "The area has not been notified of this inspection yet."


def refuse(refusal: CaseworkError | None) -> None:
    """Raise a step's refusal: the task list shows the same one and offers nothing."""
    if refusal is not None:
        raise refusal


def _not_deferred(inspection: Inspection) -> None:
    if inspection.status == Status.DEFERRED:
        raise CaseworkError(DEFERRED)
