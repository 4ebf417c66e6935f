"""Fieldwork: its start and end, and the checklist."""

from __future__ import annotations

import datetime as dt

from areasend.accounts.permissions import Action, User
from areasend.casework.actions import (
    person,
)
from areasend.casework.errors import CaseworkError
from areasend.casework.guards import long_date, no_personal_data, not_future
from areasend.framework.events import (
    EventType,
)
from areasend.inspections.models import (
    ChecklistItem,
    Inspection,
)
from areasend.inspections.services.base import (
    DEFERRED,
    NOT_NOTIFIED,
    Status,
    _change,
    _event,
    _record,
    _require,
    refuse,
)


def fieldwork_start_refusal(inspection: Inspection) -> CaseworkError | None:
    """Why fieldwork cannot be recorded as started now, or None (the task list asks too)."""
    if inspection.status == Status.DEFERRED:
        return CaseworkError(DEFERRED)
    if inspection.notified_on is None:
        return CaseworkError(NOT_NOTIFIED)
    if inspection.fieldwork_started_on is not None:
        return CaseworkError(
            f"Fieldwork started on {long_date(inspection.fieldwork_started_on)}.", field="step"
        )
    return None


def fieldwork_end_refusal(inspection: Inspection) -> CaseworkError | None:
    """Why fieldwork cannot be recorded as ended now, or None."""
    if inspection.status == Status.DEFERRED:
        return CaseworkError(DEFERRED)
    if inspection.fieldwork_started_on is None:
        return CaseworkError("Record the first day of fieldwork before its last.", field="step")
    if inspection.fieldwork_ended_on is not None:
        return CaseworkError(
            f"Fieldwork ended on {long_date(inspection.fieldwork_ended_on)}.", field="step"
        )
    return None


def do_start_fieldwork(
    actor: User, inspection: Inspection, *, on: dt.date, remote: bool = False
) -> Inspection:
    _require(actor, Action.INSPECTION_MANAGE, inspection)
    refuse(fieldwork_start_refusal(inspection))
    not_future(on, "The first day of fieldwork", "on")
    with _change(actor, "start_fieldwork", inspection) as locked:
        _record(
            actor, locked, [_event(locked, EventType.FIELDWORK_STARTED, on, remote=remote or None)]
        )
        locked.fieldwork_started_on = on
        locked.status = Status.FIELDWORK
    return inspection


def do_end_fieldwork(actor: User, inspection: Inspection, *, on: dt.date) -> Inspection:
    _require(actor, Action.INSPECTION_MANAGE, inspection)
    refuse(fieldwork_end_refusal(inspection))
    not_future(on, "The last day of fieldwork", "on")
    with _change(actor, "end_fieldwork", inspection) as locked:
        _record(actor, locked, [_event(locked, EventType.FIELDWORK_ENDED, on)])
        locked.fieldwork_ended_on = on
        locked.status = Status.AWAITING_LETTER
    return inspection


# -- the notice week: the area tells families ---------------------------------------------


def checklist_refusal(inspection: Inspection) -> CaseworkError | None:
    """Why the area cannot record a notice-week duty now, or None."""
    if inspection.status == Status.DEFERRED:
        return CaseworkError(DEFERRED)
    if inspection.notified_on is None:
        return CaseworkError(NOT_NOTIFIED)
    return None


def do_complete_checklist_item(
    actor: User, inspection: Inspection, *, item: str, done_on: dt.date, note: str = ""
) -> ChecklistItem:
    _require(actor, Action.CHECKLIST_COMPLETE, inspection)
    if item not in ChecklistItem.Item.values:
        raise CaseworkError(f"Unknown checklist item '{item}'.", field="item")
    refuse(checklist_refusal(inspection))
    assert inspection.notified_on is not None  # the refusal above says so
    if done_on < inspection.notified_on:
        raise CaseworkError(
            "A notice-week duty is done after the area is notified "
            f"({inspection.notified_on:%-d %B %Y}).",
            field="done_on",
        )
    not_future(done_on, "The date it was done", "done_on")
    no_personal_data(note, "note")
    with _change(actor, "complete_checklist_item", inspection) as locked:
        entry, _ = ChecklistItem.objects.update_or_create(
            inspection=locked,
            item=item,
            defaults={"done_on": done_on, "done_by": person(actor), "note": note.strip()},
        )
    return entry
