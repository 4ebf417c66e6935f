"""Planning an inspection: plan, move, cancel, notify (the notice week begins) and create."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from areasend.accounts.audit import audit, snapshot
from areasend.accounts.models import Person, Role
from areasend.accounts.permissions import Action, User
from areasend.areas.event_log import (
    framework_params,
)
from areasend.areas.models import HistoryEvent, LocalArea
from areasend.casework import clock
from areasend.casework.errors import CaseworkError
from areasend.casework.guards import in_range
from areasend.framework.calendar import england
from areasend.framework.events import (
    EventType,
    Framework,
    InspectionKind,
)
from areasend.framework.schedule import ScheduleError, propose
from areasend.inspections.models import (
    Inspection,
    TeamMember,
)
from areasend.inspections.services.base import (
    Status,
    _change,
    _event,
    _record,
    _require,
)
from areasend.inspections.services.team import (
    _add_member,
)


def _reference(area: LocalArea, kind: InspectionKind, year: int) -> str:
    base = slugify(f"{area.slug}-{'' if kind is InspectionKind.FULL else kind + '-'}{year}")
    candidate, n = base, 1
    # The id must be new to casework and to the area's imported history alike.
    while (
        Inspection.objects.filter(reference=candidate).exists()
        or HistoryEvent.objects.filter(inspection=candidate).exists()
    ):
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def do_plan_inspection(
    actor: User,
    *,
    area: LocalArea,
    kind: InspectionKind,
    framework: Framework,
    planned_week: dt.date | None = None,
    reference: str | None = None,
) -> Inspection:
    """A planned inspection: no event yet; the area is not told until notification."""
    _require(actor, Action.INSPECTION_CREATE)
    if not area.is_current:
        raise CaseworkError(f"{area.name} no longer exists as a local area.", field="area")
    if planned_week is not None:
        in_range(planned_week, "The planned week", "planned_week")
    year = (planned_week or clock.today()).year
    with transaction.atomic():
        inspection = Inspection.objects.create(
            reference=reference or _reference(area, kind, year),
            area=area,
            kind=kind,
            framework=framework,
            planned_week=planned_week,
        )
        audit(
            actor, "plan_inspection", inspection, area=area, before=None, after=snapshot(inspection)
        )
    return inspection


def do_move_planned_inspection(
    actor: User, inspection: Inspection, *, planned_week: dt.date
) -> Inspection:
    """Re-plan an inspection the area has not been told of."""
    _require(actor, Action.INSPECTION_MANAGE, inspection)
    if inspection.status != Status.PLANNED:
        raise CaseworkError("The area has been notified: the inspection can no longer move.")
    in_range(planned_week, "The planned week", "planned_week")
    with _change(actor, "move_planned_inspection", inspection) as locked:
        locked.planned_week = planned_week
    return inspection


def do_cancel_planned_inspection(actor: User, inspection: Inspection) -> None:
    """Drop a planned inspection; a notified one is part of the area's history and stays."""
    _require(actor, Action.INSPECTION_MANAGE, inspection)
    if inspection.status != Status.PLANNED:
        raise CaseworkError("The area has been notified: the inspection cannot be cancelled here.")
    with transaction.atomic():
        audit(
            actor,
            "cancel_planned_inspection",
            inspection,
            area=inspection.area,
            before=snapshot(inspection),
            after=None,
        )
        inspection.delete()


def do_notify_inspection(
    actor: User, inspection: Inspection, *, notified_on: dt.date, length_days: int | None = None
) -> Inspection:
    """The Monday phone call: the framework proposes the dates or names the rule against them."""
    _require(actor, Action.INSPECTION_MANAGE, inspection)
    if inspection.status != Status.PLANNED:
        raise CaseworkError(
            f"{inspection.reference} was already notified on {inspection.notified_on:%-d %B %Y}.",
            field="notified_on",
        )
    in_range(notified_on, "The notification date", "notified_on")
    kind, framework = InspectionKind(inspection.kind), Framework(inspection.framework)
    try:
        plan = propose(
            kind,
            framework,
            notified_on,
            params=framework_params(),
            calendar=england(),
            length_days=length_days,
            area=inspection.area.gss_code,
        )
    except ScheduleError as error:
        refusal = error.refusals[0]
        raise CaseworkError(
            "; ".join(f"{r.reason} ({r.rule})" for r in error.refusals),
            field="notified_on",
            rule=None if len(error.refusals) > 1 else refusal.rule,
        ) from error
    with _change(actor, "notify_inspection", inspection) as locked:
        _record(
            actor,
            locked,
            [
                _event(
                    locked,
                    EventType.INSPECTION_NOTIFIED,
                    notified_on,
                    kind=kind,
                    framework=framework,
                )
            ],
        )
        locked.status = Status.NOTIFIED
        locked.notified_on = plan.notified_on
        locked.proposed_fieldwork_start = plan.fieldwork_start
        locked.proposed_onsite_start = plan.onsite_start
        locked.proposed_onsite_end = plan.onsite_end
        if plan.webinar is not None:
            locked.webinar_opens, locked.webinar_closes = (
                timezone.make_aware(moment) for moment in plan.webinar
            )
        locked.survey_opens, locked.survey_closes = plan.survey or (None, None)
        locked.schedule_rules = ", ".join(plan.rules)
    return inspection


def do_create_inspection(
    actor: User,
    *,
    area: LocalArea,
    kind: InspectionKind,
    framework: Framework,
    notified_on: dt.date,
    lead: Person | None = None,
    length_days: int | None = None,
) -> Inspection:
    """Create and notify in one step; the actor leads it if they are a lead inspector."""
    with transaction.atomic():
        inspection = do_plan_inspection(
            actor,
            area=area,
            kind=kind,
            framework=framework,
            reference=_reference(area, kind, notified_on.year),
        )
        person = getattr(actor, "person", None)
        lead = lead or (person if person and person.role == Role.LEAD_INSPECTOR else None)
        if lead is not None:
            _add_member(actor, inspection, lead, TeamMember.Role.LEAD)
        do_notify_inspection(actor, inspection, notified_on=notified_on, length_days=length_days)
    return inspection


# -- team ---------------------------------------------------------------------------------
