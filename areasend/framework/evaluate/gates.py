"""Gates: may an event come next? Each refusal names its rule."""

from __future__ import annotations

import datetime as dt

from areasend.framework.calendar import WorkingCalendar
from areasend.framework.evaluate.model import Inspection, Model, state_of
from areasend.framework.evaluate.tables import (
    ALLOWS,
    F16,
    F23,
    FULL,
    MONITORING,
    PHASE_ALLOWS,
    PLAN_EVENTS,
    PLAN_RULES,
    REFUSES,
    REVISIT,
    E,
)
from areasend.framework.events import (
    NATIONAL_EVENTS,
    EventType,
    Framework,
    InspectionKind,
    Outcome,
)
from areasend.framework.schedule import (
    COURSE_RULE,
    notification_refusals,
)
from areasend.framework.status import Refusal
from areasend.framework.versions import framework_start

# ---------------------------------------------------------------------------
# Gates: may an event come next?


def notify_refusals(
    model: Model,
    kind: InspectionKind,
    framework: Framework,
    day: dt.date,
    calendar: WorkingCalendar,
    *,
    exact_day: bool,
) -> list[Refusal]:
    notified = E.INSPECTION_NOTIFIED.value
    if E.INSPECTION_NOTIFIED not in ALLOWS[state_of(model)]:
        active = model.active
        assert active is not None  # only the states of an inspection under way refuse it
        rule = COURSE_RULE.get((active.framework, active.kind), "OF-LAW-3")
        why = f"inspection '{active.ref}' is under way; its report comes before another is notified"
        return [Refusal(notified, why, rule)]
    paused = model.paused_since(kind, day)
    if paused is not None:
        why = f"{kind} inspections are suspended by the national pause since {paused}"
        return [Refusal(notified, why, "CV-1")]
    refusals = notification_refusals(kind, framework, day, calendar=calendar, exact_day=exact_day)
    if refusals:
        return refusals
    cycle = model.cycle
    if kind is FULL and framework is F16 and any(c.full.framework is F16 for c in model.cycles):
        why = "the 2016 programme inspects each area once"
        return [Refusal(notified, why, "OF-PRG-2")]
    if kind is REVISIT:
        if (
            cycle is None
            or cycle.full.framework is not F16
            or cycle.full.outcome is not Outcome.WSOA
        ):
            why = "only areas required to produce a written statement of action are revisited"
            return [Refusal(notified, why, "RV-1")]
        if cycle.follow(REVISIT):
            why = "Ofsted and CQC do not revisit again unless the Secretary of State directs"
            return [Refusal(notified, why, "RV-12")]
    if kind is MONITORING and (
        cycle is None or cycle.full.outcome is not Outcome.SYSTEMIC_FAILINGS
    ):
        why = (
            "monitoring inspections follow only outcome 3 with areas for priority action (NF-ACT-1)"
        )
        return [Refusal(notified, why, "NF-MON-1")]
    return []


_CANDIDATES = ((FULL, F16), (REVISIT, F16), (FULL, F23), (MONITORING, F23))


def _any_notification(model: Model, day: dt.date, calendar: WorkingCalendar) -> Refusal | None:
    refusals: list[Refusal] = []
    for kind, framework in _CANDIDATES:
        found = notify_refusals(model, kind, framework, day, calendar, exact_day=False)
        if not found:
            return None
        refusals += [r for r in found if r not in refusals]
    reason = "; ".join(f"{r.reason} ({r.rule})" for r in refusals)
    return Refusal(E.INSPECTION_NOTIFIED.value, reason, refusals[0].rule)


def _plan_gate(model: Model, event_type: EventType) -> Refusal | None:
    cycle = model.cycle
    plans = [] if cycle is None else [k for k, (_, _, ok) in PLAN_RULES.items() if ok(cycle)]
    if event_type is E.PLAN_JUDGED:
        if cycle is None or not any(cycle.plan(k).pending for k in plans):
            rule, reason = REFUSES[event_type]
            return Refusal(event_type.value, reason, rule)
    elif not plans:
        rule, reason = REFUSES[event_type]
        return Refusal(event_type.value, reason, rule)
    return None


def _dated_gate(model: Model, event_type: EventType, day: dt.date) -> Refusal | None:
    """Gates that depend on the date, not the state."""
    if event_type in (E.ENGAGEMENT_MEETING, E.THEMATIC_VISIT):
        start = framework_start(F23)
        if day < start:
            rule, reason = REFUSES[event_type]
            return Refusal(event_type.value, f"{reason}, from {start}", rule)
        return None
    paused = [k for k in InspectionKind if model.paused_since(k, day)]
    if (event_type is E.PROGRAMME_PAUSED and len(paused) == len(InspectionKind)) or (
        event_type is E.PROGRAMME_RESUMED and not paused
    ):
        rule, reason = REFUSES[event_type]
        return Refusal(event_type.value, reason, rule)
    return None


def area_gate(
    model: Model, event_type: EventType, day: dt.date, calendar: WorkingCalendar
) -> Refusal | None:
    if event_type in (E.ENGAGEMENT_MEETING, E.THEMATIC_VISIT, *NATIONAL_EVENTS):
        return _dated_gate(model, event_type, day)
    if event_type is E.INSPECTION_NOTIFIED:
        return _any_notification(model, day, calendar)
    state = state_of(model)
    if event_type not in ALLOWS[state]:
        rule, reason = REFUSES[event_type]
        return Refusal(event_type.value, f"{reason} (state: {state})", rule)
    if event_type in PLAN_EVENTS:
        return _plan_gate(model, event_type)
    return None


def phase_gate(inspection: Inspection | None, event_type: EventType) -> Refusal | None:
    rule, reason = REFUSES[event_type]
    if inspection is None:
        return Refusal(event_type.value, f"{reason}; no inspection is under way", rule)
    phase = inspection.phase
    if event_type not in PHASE_ALLOWS[phase]:
        if event_type in (E.LETTER_PUBLISHED, E.LETTER_DATED) and inspection.published:
            outcome = f" with outcome {inspection.outcome}" if inspection.outcome else ""
            reason = (
                f"one letter and one outcome per inspection (OF-Q-2): '{inspection.ref}' "
                f"was published on {inspection.published}{outcome}"
            )
        return Refusal(
            event_type.value, f"{reason}; inspection '{inspection.ref}' is {phase}", rule
        )
    if event_type is E.PROGRESS_JUDGED and inspection.kind is FULL:
        return Refusal(event_type.value, f"{reason}; '{inspection.ref}' is a full inspection", rule)
    if event_type is E.PROGRESS_JUDGED and set(inspection.judges) <= set(inspection.judged):
        return Refusal(
            event_type.value, f"{reason}; '{inspection.ref}' has none left to judge", rule
        )
    if event_type is E.DEFERRAL_DECIDED and not inspection.deferral_pending:
        return Refusal(event_type.value, f"{reason}; none is pending", rule)
    if event_type is E.DEFERRAL_REQUESTED and inspection.deferral_pending:
        return Refusal(event_type.value, f"{reason}; one is already pending", rule)
    already = {E.LETTER_DATED: inspection.dated, E.REPORT_RECEIVED: inspection.received}
    if already.get(event_type):
        return Refusal(
            event_type.value, f"{reason}; recorded already on {already[event_type]}", rule
        )
    return None
