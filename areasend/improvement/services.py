"""Every change after the letter, one function each (zulip's ``do_*`` actions).

Each function checks the actor's right in the permission table for the area, asks the
framework whether the step is allowed, writes the §9 events (through
``areas.event_log.do_record_events``) and the records in one transaction, and leaves an
audit entry. A refused step raises ``CaseworkError`` (or ``PermissionDenied``) and
changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q

from areasend.accounts.audit import audit, snapshot
from areasend.accounts.permissions import Action, User, can
from areasend.areas.event_log import (
    Channel,
    Writer,
    do_record_events,
    framework_params,
    stored_events,
)
from areasend.areas.models import LocalArea
from areasend.casework import clock
from areasend.casework.actions import (
    framework_refuses,
    locked_change,
    person,
    refuse_if_changed,
    require,
)
from areasend.casework.errors import CaseworkError
from areasend.casework.guards import in_range, long_date, no_personal_data, not_future
from areasend.framework.evaluate import (
    JUDGED_PLANS,
    PLAN_RULES,
    Monitoring,
    RequiredPlan,
    monitoring,
    required_plans,
)
from areasend.framework.events import Event, EventType, PlanKind
from areasend.framework.labels import PLAN_LABELS
from areasend.improvement.models import (
    ActionUpdate,
    GovernanceReport,
    Milestone,
    Plan,
    PlanAction,
    PlanWeakness,
    Rag,
    SupportVisit,
)

Status = Plan.Status
#: Why a step is not open: not this person's to take, or not now.
Refusal = PermissionDenied | CaseworkError


def _require(actor: User, action: Action, area: LocalArea) -> None:
    require(actor, action, where=f"for {area}", area_id=area.pk)


def _record(actor: User, area: LocalArea, type_: EventType, day: dt.date, **fields: Any) -> None:
    event = Event(date=day, type=type_, area=area.gss_code, **fields)
    writer = Writer(Channel.IMPROVEMENT, source="improvement", actor=actor, via="improvement")
    with framework_refuses():
        do_record_events(area, [event], writer=writer)


def current_monitoring(area: LocalArea, history: list[Event] | None = None) -> Monitoring | None:
    """What is monitored now; ``history`` is the area's log when the caller has read it."""
    events = stored_events(area) if history is None else history
    return monitoring(events, params=framework_params())


def _audited(actor: User, action: str, obj: Any, area: LocalArea, before: Any) -> None:
    audit(actor, action, obj, area=area, before=before, after=snapshot(obj))


# -- plans ------------------------------------------------------------------------------


def plans_required(area: LocalArea, history: list[Event] | None = None) -> list[RequiredPlan]:
    """Every plan the letters of the area's history required, oldest letter first."""
    events = stored_events(area) if history is None else history
    return required_plans(events, clock.today(), params=framework_params())


def required_plan(area: LocalArea, kind: PlanKind, inspection: str | None) -> RequiredPlan:
    """The plan of ``kind`` that ``inspection``'s letter required (by default the latest
    letter that required one), or a refusal saying which letters did."""
    rule, reason, _ = PLAN_RULES[kind]
    found = [p for p in plans_required(area) if p.kind is kind]
    if not found:
        raise CaseworkError(f"{reason}; no letter of {area} required one.", field="kind", rule=rule)
    if inspection is None:
        return found[-1]
    match = next((p for p in found if p.inspection == inspection), None)
    if match is None:
        which = ", ".join(p.inspection for p in found)
        raise CaseworkError(
            f"The letter of {inspection} did not require a {PLAN_LABELS[kind].lower()}; "
            f"the letters that did: {which}.",
            field="kind",
            rule=rule,
        )
    return match


def do_start_plan(
    actor: User, area: LocalArea, kind: PlanKind, inspection: str | None = None
) -> Plan:
    """Start the plan of ``kind`` that ``inspection``'s letter required (by default the
    latest letter requiring one), under each weakness it answers (for an accelerated
    progress plan: those the revisit found insufficient). Steps the history already records
    (a national history's WSOA judged fit) are the plan's from the start."""
    _require(actor, Action.PLAN_EDIT, area)
    required = required_plan(area, kind, inspection)
    if Plan.objects.filter(area=area, kind=kind, inspection=required.inspection).exists():
        raise CaseworkError(
            f"{area} has already started its {PLAN_LABELS[kind].lower()} for "
            f"{required.inspection}.",
            field="kind",
        )
    with transaction.atomic():
        plan = Plan.objects.create(
            area=area, kind=kind, inspection=required.inspection, **_recorded(required)
        )
        PlanWeakness.objects.bulk_create(
            PlanWeakness(plan=plan, position=n, text=text)
            for n, text in enumerate(required.answers, 1)
        )
        _audited(actor, "start_plan", plan, area, None)
    return plan


def partners_of(area: LocalArea, on: dt.date) -> list[str]:
    """The partners jointly responsible for the area's plans on ``on`` (OF-WSOA-2, NF-ICB-1):
    the council and the NHS bodies the reference data dates to that day, the CCGs until
    30 June 2022 and the integrated care boards after."""
    bodies = area.nhs_partners.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=on),
        Q(valid_to__isnull=True) | Q(valid_to__gte=on),
    ).select_related("body")
    return [f"{area.name} council", *(p.body.name for p in bodies)]


def plan_partners(plan: Plan) -> list[str]:
    """Those jointly responsible for ``plan``, on the day of its latest recorded step (the
    letter's publication before any)."""
    recorded = [d for d in (plan.published_on, plan.judged_on, plan.submitted_on) if d]
    if recorded:
        return partners_of(plan.area, max(recorded))
    try:
        required = required_plan(plan.area, PlanKind(plan.kind), plan.inspection)
    except CaseworkError:
        return partners_of(plan.area, clock.today())
    return partners_of(plan.area, required.required_on)


def _recorded(required: RequiredPlan) -> dict[str, Any]:
    """The plan's status and dates as the history already records them."""
    fields: dict[str, Any] = {}
    if required.submitted:
        fields |= {"status": Status.SUBMITTED, "submitted_on": required.submitted[-1]}
    if required.judged and len(required.judged) == len(required.submitted):
        day, fit = required.judged[-1]
        fields |= {"status": Status.FIT if fit else Status.NOT_FIT, "judged_on": day}
    if required.published:
        fields |= {"status": Status.PUBLISHED, "published_on": required.published[-1]}
    return fields


def _within_letter(plan: Plan, on: dt.date, what: str) -> None:
    """A plan's step comes on or after the letter that required it is published, and before
    the next full inspection is notified (from then the plans are that inspection's)."""
    required = required_plan(plan.area, PlanKind(plan.kind), plan.inspection)
    if on < required.required_on:
        raise CaseworkError(
            f"{what} ({long_date(on)}) comes before the letter of {required.letter} that "
            f"required the plan was published ({long_date(required.required_on)}).",
            field="on",
        )
    if required.superseded_on and on >= required.superseded_on:
        raise CaseworkError(
            f"{what} ({long_date(on)}) comes after the area's next full inspection was "
            f"notified ({long_date(required.superseded_on)}): that inspection's letter "
            "decides the plans from then.",
            field="on",
        )


# -- which changes to a plan are open ------------------------------------------------------

#: Every change to a plan, by the name its step page (improvement.steps) asks about.
PLAN_STEPS = ("priority", "action", "milestone", "done", "update", "submit", "judge", "publish",
              "report")  # fmt: skip
#: The changes to a plan's content, closed while Ofsted and CQC judge it.
CONTENT_STEPS = frozenset({"priority", "action", "milestone", "done", "update"})


def plan_step_refusal(actor: User, plan: Plan, step: str) -> Refusal | None:
    """Why ``actor`` may not take this step on ``plan`` now, or None if they may.

    The one place a plan's preconditions live: the plan's task list links to a step, and
    its page shows the form, only when this is None, and each service raises what it
    returns before writing (on the locked row, where it locks one), so what the page hides
    the service refuses.
    """
    action = Action.PLAN_JUDGE if step == "judge" else Action.PLAN_EDIT
    if not can(actor, action, area_id=plan.area_id):
        return PermissionDenied(f"You may not {action.value.replace('.', ' ')} for {plan.area}.")
    return plan_step_precondition(plan, step)


def plan_step_precondition(plan: Plan, step: str) -> CaseworkError | None:
    """Why no one may take this step on ``plan`` now, whoever they are, or None."""
    kind = PlanKind(plan.kind)
    rule = JUDGED_PLANS.get(kind)
    if step in CONTENT_STEPS and plan.status == Status.SUBMITTED:
        return CaseworkError(
            "The plan is with Ofsted and CQC for judgement: it changes once they have judged it."
        )
    if step == "priority" and kind != PlanKind.STRATEGIC_PLAN:
        return CaseworkError(
            "This plan answers the weaknesses the letter named; it takes no others.", field="text"
        )
    if step == "submit" and rule is None:
        return CaseworkError(
            f"Ofsted and CQC do not judge a {PLAN_LABELS[kind].lower()}: publish it when the "
            "partnership has agreed it."
        )
    if step == "submit" and plan.status not in (Status.DRAFT, Status.NOT_FIT):
        now = plan.get_status_display().lower()
        return CaseworkError(f"The plan is {now}: it is not submitted now.")
    if step == "submit":
        counted = list(plan.weaknesses.annotate(n=Count("actions")).values_list("text", "n"))
        bare = [text for text, n in counted if not n]
        if bare or not counted:
            missing = "; ".join(bare) or "the plan has no weaknesses or priorities"
            return CaseworkError(f"Every weakness needs at least one action first: {missing}.")
    if step == "judge" and plan.status != Status.SUBMITTED:
        return CaseworkError("Only a submitted plan is judged.", rule=rule)
    if step == "publish" and plan.status == Status.PUBLISHED:
        return CaseworkError("The plan is already published.")
    if step == "publish" and rule and plan.status != Status.FIT:
        return CaseworkError(
            "Ofsted and CQC judge this plan fit for purpose before it is published.", rule=rule
        )
    return None


def steps_open(actor: User, plan: Plan) -> frozenset[str]:
    """The steps the plan page offers ``actor`` now."""
    return frozenset(s for s in PLAN_STEPS if plan_step_refusal(actor, plan, s) is None)


class TaskStatus(StrEnum):
    CANNOT_START = "Cannot start yet"
    NOT_STARTED = "Not started"
    IN_PROGRESS = "In progress"
    COMPLETED = "Completed"


@dataclass(frozen=True)
class PlanTask:
    """A line of the plan's task list: the step (``action`` for writing the plan), how far
    the plan has got with it, whether ``actor`` may open it now, and what it waits for."""

    step: str
    status: TaskStatus
    open: bool
    waiting_for: CaseworkError | None


def plan_tasks(actor: User, plan: Plan) -> list[PlanTask]:
    """Writing the plan, then (for a plan Ofsted and CQC judge) its submission and their
    judgement, then its publication: each step's status read from the plan's record and
    the preconditions its service checks, so the list offers what the service accepts."""
    weaknesses = list(plan.weaknesses.annotate(n=Count("actions")).values_list("n", flat=True))
    judged = PlanKind(plan.kind) in JUDGED_PLANS
    steps = ("action", "submit", "judge", "publish") if judged else ("action", "publish")
    # For each step: is it done, and has it begun (a not-fit plan is submitted again).
    progress = {
        "action": (bool(weaknesses) and all(weaknesses), any(weaknesses)),
        "submit": (plan.status in (Status.SUBMITTED, Status.FIT, Status.PUBLISHED),
                   plan.submitted_on is not None),
        "judge": (plan.status in (Status.FIT, Status.PUBLISHED), plan.judged_on is not None),
        "publish": (plan.status == Status.PUBLISHED, False),
    }  # fmt: skip
    tasks = []
    for step in steps:
        done, begun = progress[step]
        waiting = plan_step_precondition(plan, step)
        status = (
            TaskStatus.COMPLETED if done
            else TaskStatus.CANNOT_START if waiting
            else TaskStatus.IN_PROGRESS if begun
            else TaskStatus.NOT_STARTED
        )  # fmt: skip
        open_ = plan_step_refusal(actor, plan, step) is None
        tasks.append(PlanTask(step, status, open_, waiting))
    return tasks


def _open(actor: User, plan: Plan, step: str) -> None:
    refusal = plan_step_refusal(actor, plan, step)
    if refusal is not None:
        raise refusal


def do_add_priority(actor: User, plan: Plan, *, text: str) -> PlanWeakness:
    """A priority the partnership sets in its strategic plan (other plans answer the letter)."""
    _open(actor, plan, "priority")
    if not text.strip():
        raise CaseworkError("Say what the priority is.", field="text")
    no_personal_data(text, "text")
    with transaction.atomic():
        position = plan.weaknesses.count() + 1
        weakness = PlanWeakness.objects.create(plan=plan, position=position, text=text.strip())
        _audited(actor, "add_priority", weakness, plan.area, None)
    return weakness


def do_add_action(
    actor: User,
    weakness: PlanWeakness,
    *,
    description: str,
    owner: str,
    success_measures: str,
    started_on: dt.date,
) -> PlanAction:
    plan = weakness.plan
    _open(actor, plan, "action")
    not_future(started_on, "The day the action was agreed", "started_on")
    for field, text in (
        ("description", description),
        ("owner", owner),
        ("success_measures", success_measures),
    ):
        no_personal_data(text, field)
    with transaction.atomic():
        action = PlanAction.objects.create(
            weakness=weakness,
            started_on=started_on,
            description=description.strip(),
            owner=owner.strip(),
            success_measures=success_measures.strip(),
        )
        _audited(actor, "add_action", action, plan.area, None)
    return action


def do_add_milestone(actor: User, action: PlanAction, *, what: str, due: dt.date) -> Milestone:
    plan = action.weakness.plan
    _open(actor, plan, "milestone")
    in_range(due, "The milestone's due date", "due")
    if not what.strip():
        raise CaseworkError("Say what the milestone is.", field="what")
    no_personal_data(what, "what")
    with transaction.atomic():
        milestone = Milestone.objects.create(action=action, what=what.strip(), due=due)
        _audited(actor, "add_milestone", milestone, plan.area, None)
    return milestone


def do_complete_milestone(actor: User, milestone: Milestone, *, on: dt.date) -> Milestone:
    plan = milestone.action.weakness.plan
    area = plan.area
    _open(actor, plan, "done")
    not_future(on, "The day it was done", "on")
    if milestone.done_on:
        raise CaseworkError(
            f"'{milestone.what}' was already done on {milestone.done_on:%-d %B %Y}."
        )
    with transaction.atomic():
        before = snapshot(milestone)
        milestone.done_on = on
        milestone.save()
        _audited(actor, "complete_milestone", milestone, area, before)
    return milestone


def do_update_action(
    actor: User, action: PlanAction, *, on: dt.date, rag: Rag, note: str, version: int
) -> ActionUpdate:
    """A dated update and the action's RAG status; refused if someone saved since the form
    was opened (``version``), naming who and what they wrote."""
    plan = action.weakness.plan
    area = plan.area
    _open(actor, plan, "update")
    not_future(on, "The update's date", "on")
    if on < action.started_on:
        raise CaseworkError(
            "An update comes on or after the day the action was agreed.", field="on"
        )
    if not note.strip():
        raise CaseworkError("Say what has happened since the last update.", field="note")
    no_personal_data(note, "note")
    with locked_change(
        actor, "update_action", PlanAction.objects.all(), action, area=lambda _: area
    ) as locked:
        refuse_if_changed(
            locked, version, "updated this action", field="note", detail=_last_update(locked)
        )
        update = ActionUpdate.objects.create(
            action=locked, on=on, rag=rag, note=note.strip(), by=person(actor)
        )
        locked.rag = rag
    return update


def _last_update(current: PlanAction) -> str:
    last = current.updates.order_by("-created_at", "-pk").first()
    return f" Their update: '{last.note[:120]}' ({last.get_rag_display()})." if last else ""


@contextmanager
def _plan_change(actor: User, name: str, plan: Plan) -> Iterator[Plan]:
    """Lock the plan, yield it for checks and changes, then save and audit it. The checks run
    on the locked row, so two people submitting or judging at once cannot both pass them."""
    with locked_change(
        actor,
        name,
        Plan.objects.select_related("area"),
        plan,
        area=lambda p: p.area,
        versioned=False,
    ) as locked:
        yield locked


def _plan_event(actor: User, plan: Plan, type_: EventType, day: dt.date, **fields: Any) -> None:
    _record(
        actor, plan.area, type_, day, plan=PlanKind(plan.kind), inspection=plan.inspection, **fields
    )


def do_submit_plan(actor: User, plan: Plan, *, on: dt.date) -> Plan:
    _open(actor, plan, "submit")
    not_future(on, "The submission date", "on")
    _within_letter(plan, on, "The submission date")
    with _plan_change(actor, "submit_plan", plan) as locked:
        _open(actor, locked, "submit")  # every weakness has an action, on the locked row
        _plan_event(actor, locked, EventType.PLAN_SUBMITTED, on)
        locked.status, locked.submitted_on = Status.SUBMITTED, on
    return plan


def do_judge_plan(actor: User, plan: Plan, *, on: dt.date, fit: bool, reasons: str) -> Plan:
    _open(actor, plan, "judge")
    not_future(on, "The judgement date", "on")
    _within_letter(plan, on, "The judgement date")
    if not reasons.strip():
        raise CaseworkError("Give the reasons the area will read.", field="reasons")
    no_personal_data(reasons, "reasons")
    with _plan_change(actor, "judge_plan", plan) as locked:
        _open(actor, locked, "judge")
        if locked.submitted_on and on < locked.submitted_on:
            raise CaseworkError("A plan is judged on or after its submission.", field="on")
        _plan_event(actor, locked, EventType.PLAN_JUDGED, on, fit=fit)
        locked.status = Status.FIT if fit else Status.NOT_FIT
        locked.judged_on, locked.judgement_reasons = on, reasons.strip()
    return plan


def do_publish_plan(actor: User, plan: Plan, *, on: dt.date, url: str) -> Plan:
    _open(actor, plan, "publish")
    not_future(on, "The publication date", "on")
    _within_letter(plan, on, "The publication date")
    with _plan_change(actor, "publish_plan", plan) as locked:
        _open(actor, locked, "publish")
        if locked.judged_on and on < locked.judged_on:
            raise CaseworkError("A plan is published on or after it is judged.", field="on")
        _plan_event(actor, locked, EventType.PLAN_PUBLISHED, on)
        locked.status, locked.published_on, locked.published_url = Status.PUBLISHED, on, url
    return plan


# -- support and challenge, releases, notices, engagement --------------------------------


def do_record_support_visit(
    actor: User, area: LocalArea, *, on: dt.date, kind: SupportVisit.Kind, notes: str
) -> SupportVisit:
    _require(actor, Action.SUPPORT_RECORD, area)
    not_future(on, "The visit's date", "on")
    if not notes.strip():
        raise CaseworkError("Record what the visit found and agreed.", field="notes")
    no_personal_data(notes, "notes")
    with transaction.atomic():
        _record(actor, area, EventType.SUPPORT_VISIT, on, by="dfe_nhse")
        visit = SupportVisit.objects.create(
            area=area, on=on, kind=kind, notes=notes.strip(), recorded_by=person(actor)
        )
        _audited(actor, "record_support_visit", visit, area, None)
    return visit


def release_refusal(
    area: LocalArea, on: dt.date | None = None, *, history: list[Event] | None = None
) -> CaseworkError | None:
    """Why nothing can be released from monitoring now (or on ``on``), or None. The area
    page offers the release only when this is None; ``do_release`` raises it."""
    history = stored_events(area) if history is None else history
    now = current_monitoring(area, history)
    if now is None or not now.monitored:
        return CaseworkError(
            f"Nothing in {area} is under DfE and NHS England monitoring, so nothing is released.",
            rule="OF-WSOA-8",
        )
    judged = [e.date for e in history if e.type is EventType.PROGRESS_JUDGED]
    if on is not None and judged and on < max(judged):
        # Dated earlier, the release would come before the follow-up that decided what is
        # monitored, and the history would read as if that follow-up had not yet happened.
        return CaseworkError(
            "A release comes on or after the latest follow-up's judgements "
            f"({max(judged):%-d %B %Y}).",
            field="on",
            rule="OF-WSOA-8",
        )
    return None


def do_release(actor: User, area: LocalArea, *, on: dt.date, weakness: str | None) -> None:
    """Release one weakness from monitoring, or (``weakness`` None) the area from all that
    remain; the framework refuses a weakness no longer monitored."""
    _require(actor, Action.SUPPORT_RECORD, area)
    not_future(on, "The release date", "on")
    refusal = release_refusal(area, on)
    if refusal is not None:
        raise refusal
    with transaction.atomic():
        _record(actor, area, EventType.RELEASED_FROM_MONITORING, on, weakness=weakness or None)
        audit(actor, "release", area, area=area, before=None,
              after={"on": on.isoformat(), "weakness": weakness})  # fmt: skip


def do_improvement_notice(actor: User, area: LocalArea, *, on: dt.date, lifted: bool) -> None:
    """Record the minister's improvement notice issued, or lifted."""
    _require(actor, Action.SUPPORT_RECORD, area)
    not_future(on, "The notice's date", "on")
    type_ = EventType.IMPROVEMENT_NOTICE_LIFTED if lifted else EventType.IMPROVEMENT_NOTICE_ISSUED
    with transaction.atomic():
        _record(actor, area, type_, on)
        audit(actor, type_.value, area, area=area, before=None, after={"on": on.isoformat()})


def do_record_engagement(
    actor: User, area: LocalArea, *, on: dt.date, theme: str | None = None
) -> None:
    """A 2023-framework annual engagement meeting, or (with a theme) a thematic visit."""
    _require(actor, Action.ENGAGEMENT_RECORD, area)
    not_future(on, "The meeting's date", "on")
    no_personal_data(theme or "", "theme")
    with transaction.atomic():
        if theme:
            _record(actor, area, EventType.THEMATIC_VISIT, on, theme=theme)
        else:
            _record(actor, area, EventType.ENGAGEMENT_MEETING, on)
        audit(actor, "record_engagement", area, area=area, before=None,
              after={"on": on.isoformat(), "theme": theme})  # fmt: skip


# -- governance reports -------------------------------------------------------------------


def do_create_report(actor: User, plan: Plan, *, as_of: dt.date, audience: str) -> GovernanceReport:
    _open(actor, plan, "report")
    not_future(as_of, "The report's date", "as_of")
    if not audience.strip():
        raise CaseworkError("Say which board or committee the report is for.", field="audience")
    no_personal_data(audience, "audience")
    with transaction.atomic():
        report = GovernanceReport.objects.create(
            plan=plan, as_of=as_of, audience=audience.strip(), created_by=person(actor)
        )
        _audited(actor, "create_report", report, plan.area, None)
    return report
