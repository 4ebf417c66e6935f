"""Deferral requests and the planner's decision on them."""

from __future__ import annotations

import datetime as dt

from areasend.accounts.audit import audit, snapshot
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
    DeferralRequest,
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


def deferral_request_refusal(inspection: Inspection) -> CaseworkError | None:
    """Why the area may not ask now to defer this inspection, or None. The overview offers
    the request only when this is None, and ``do_request_deferral`` raises it."""
    if inspection.status == Status.DEFERRED:
        return CaseworkError(DEFERRED)
    if inspection.status == Status.PLANNED or inspection.notified_on is None:
        return CaseworkError(NOT_NOTIFIED)
    if inspection.status != Status.NOTIFIED:
        return CaseworkError(
            "a deferral is asked for between notification and fieldwork; fieldwork has started.",
            rule="RV-6",
        )
    if inspection.deferrals.filter(decided_on__isnull=True).exists():
        return CaseworkError(
            "a deferral is asked for between notification and fieldwork, one at a time; "
            "one is already pending.",
            rule="RV-6",
        )
    return None


def do_request_deferral(
    actor: User, inspection: Inspection, *, requested_on: dt.date, reason: str
) -> DeferralRequest:
    """The area asks to put off a notified inspection (RV-6: not normally agreed).

    The framework decides when a request may come: after notification, before
    fieldwork, one at a time. The request's reason stays in casework; the
    history records that the area asked.
    """
    _require(actor, Action.DEFERRAL_REQUEST, inspection)
    refuse(deferral_request_refusal(inspection))
    assert inspection.notified_on is not None  # the refusal above says so
    if not reason.strip():
        raise CaseworkError("Say why the area asks to defer the inspection.", field="reason")
    no_personal_data(reason, "reason")
    if requested_on < inspection.notified_on:
        raise CaseworkError(
            f"A deferral is asked for after the area is notified "
            f"({inspection.notified_on:%-d %B %Y}).",
            field="requested_on",
            rule="RV-6",
        )
    start = inspection.proposed_fieldwork_start
    if start is not None and requested_on >= start:
        # Accepted, it would stand in the history before the real first day of fieldwork
        # and refuse it.
        raise CaseworkError(
            f"a deferral is asked for before fieldwork, which was to start on {long_date(start)}.",
            field="requested_on",
            rule="RV-6",
        )
    not_future(requested_on, "The date of the request", "requested_on")
    with _change(actor, "request_deferral", inspection) as locked:
        _record(actor, locked, [_event(locked, EventType.DEFERRAL_REQUESTED, requested_on)])
        request = DeferralRequest.objects.create(
            inspection=locked,
            requested_by=person(actor),
            requested_on=requested_on,
            reason=reason.strip(),
        )
        audit(
            actor,
            "request_deferral",
            request,
            area=locked.area,
            before=None,
            after=snapshot(request),
        )
    return request


def deferral_decision_refusal(inspection: Inspection) -> CaseworkError | None:
    """Why no deferral can be decided now, or None."""
    if inspection.status == Status.DEFERRED:
        return CaseworkError(DEFERRED)
    if not inspection.deferrals.filter(decided_on__isnull=True).exists():
        return CaseworkError("No deferral request is waiting for a decision.", rule="RV-6")
    return None


def do_decide_deferral(
    actor: User, inspection: Inspection, *, decided_on: dt.date, granted: bool, reason: str
) -> DeferralRequest:
    """Grant or refuse the pending request. A granted deferral withdraws the inspection: the
    framework drops what was due from it, and a new inspection is notified in its place."""
    _require(actor, Action.DEFERRAL_DECIDE, inspection)
    refuse(deferral_decision_refusal(inspection))
    pending = inspection.deferrals.filter(decided_on__isnull=True).last()
    assert pending is not None  # the refusal above says so
    if not reason.strip():
        raise CaseworkError("Give the reason for the decision.", field="reason")
    no_personal_data(reason, "reason")
    if decided_on < pending.requested_on:
        raise CaseworkError(
            f"A deferral is decided on or after the day it was asked for "
            f"({pending.requested_on:%-d %B %Y}).",
            field="decided_on",
            rule="RV-6",
        )
    not_future(decided_on, "The date of the decision", "decided_on")
    with _change(actor, "decide_deferral", inspection) as locked:
        _record(
            actor,
            locked,
            [
                _event(
                    locked,
                    EventType.DEFERRAL_DECIDED,
                    decided_on,
                    granted=granted,
                    reason=reason.strip(),
                )
            ],
        )
        request = DeferralRequest.objects.select_for_update().get(pk=pending.pk)
        before = snapshot(request)
        request.decided_by = person(actor)
        request.decided_on = decided_on
        request.granted = granted
        request.decision_reason = reason.strip()
        request.save()
        audit(
            actor,
            "decide_deferral",
            request,
            area=locked.area,
            before=before,
            after=snapshot(request),
        )
        if granted:
            locked.status = Status.DEFERRED
    return request
