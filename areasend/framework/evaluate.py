"""``evaluate(history, today)``: where an area stands, what is due, what may come next.

The history is replayed event by event into a small model: the area's
inspections, and its *cycles* (a full inspection with its plans, revisits or
monitoring inspections, DfE/NHSE visits and notices, until the next full
inspection supersedes it). Two tables drive the replay:

- ``PHASE_ALLOWS``: which events of one inspection may follow in each of its
  phases (notified, fieldwork, awaiting its letter, reported);
- ``ALLOWS``: which area events each state allows.

An event refused by either, or by a rule's finer check, is a ``Problem``
naming its line and the rule; all of them are raised together as a
``HistoryError``. Obligations are then derived from the model by small
builders, each naming the rule it comes from. docs/framework-engine.md has
the state diagram and the parameter table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from areasend.framework.calendar import WorkingCalendar, add_months, england
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
from areasend.framework.history import COVID_PAUSE
from areasend.framework.knowledge import Known, Record, Standing, record_of, standing
from areasend.framework.params import DEFAULTS, Params
from areasend.framework.rules import OUTCOMES
from areasend.framework.schedule import (
    COURSE_RULE,
    earliest_fieldwork,
    fieldwork_refusals,
    notification_refusals,
)
from areasend.framework.status import AreaStatus, Obligation, Party, Refusal
from areasend.framework.versions import FrameworkVersion, framework_start, version_in_force

E = EventType
F16, F23 = Framework.F2016, Framework.F2023
FULL, REVISIT, MONITORING = InspectionKind.FULL, InspectionKind.REVISIT, InspectionKind.MONITORING
AREA, INSPECTORATE, DFE = Party.LOCAL_AREA, Party.INSPECTORATE, Party.DFE_NHSE

# ---------------------------------------------------------------------------
# States

#: Every state, with the plain-English label a parent reads (NF-OUT-2: "outcome").
STATES: Mapping[str, str] = MappingProxyType(
    {
        "not_inspected": "Not inspected yet",
        "notified": "An inspection has been announced; inspectors have not started yet",
        "fieldwork": "Inspectors are carrying out the inspection",
        "awaiting_letter": "The inspection has finished; its report is not published yet",
        "no_further_action": "Inspected: no written statement of action was required",
        "wsoa_due": "The area must send a written statement of action (its improvement plan)",
        "wsoa_under_review": "Ofsted and CQC are deciding on the written statement of action",
        "wsoa_resubmission_due": "The written statement of action was not good enough; a new one "
        "is due",
        "wsoa_monitoring": "The written statement of action was accepted; the government checks "
        "progress until inspectors revisit",
        "revisit_notified": "Inspectors have announced a revisit",
        "revisit_fieldwork": "Inspectors are revisiting the area",
        "awaiting_revisit_letter": "The revisit has finished; its letter is not published yet",
        "revisit_reported": "The revisit letter is published; its findings on each weakness are "
        "not all recorded",
        "app_monitoring": "The revisit found too little progress; the area works to an accelerated "
        "progress plan checked by the government",
        "released": "Released from formal government monitoring",
        "improvement_notice": "The government has issued an Improvement Notice",
        "positive": "Outcome: typically positive experiences and outcomes",
        "inconsistent": "Outcome: inconsistent experiences and outcomes",
        "pap_due": "Outcome: widespread or systemic failings; a priority action plan is due",
        "pap_under_review": "Outcome: widespread or systemic failings; the priority action plan is "
        "with Ofsted and CQC",
        "monitoring_inspection_due": "Outcome: widespread or systemic failings; the plan is in "
        "place and a monitoring inspection is due",
        "monitoring_notified": "Inspectors have announced a monitoring inspection",
        "monitoring_fieldwork": "Inspectors are carrying out a monitoring inspection",
        "awaiting_monitoring_report": "The monitoring inspection has finished; its report is not "
        "published yet",
        "systemic_failings": "Outcome: widespread or systemic failings; the monitoring inspection "
        "has reported and the next full inspection is due",
    }
)

#: States that rest on a step the record may not hold, the rule of that step, and what to
#: say instead once the step is due and the record cannot hold it (ADR 0029): a national
#: history never shows a written statement of action sent, so "must send" would be untrue.
UNRECORDED_LABELS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "wsoa_due": (
            "OF-WSOA-3",
            "A written statement of action (an improvement plan) was required; the register "
            "does not record when it was sent",
        ),
        "wsoa_under_review": (
            "OF-WSOA-5",
            "The written statement of action was sent; the register does not record Ofsted and "
            "CQC's decision on it",
        ),
        "wsoa_resubmission_due": (
            "OF-WSOA-6",
            "The written statement of action was not good enough; the register does not record "
            "the new one",
        ),
        "pap_due": (
            "NF-PLAN-2",
            "Outcome: widespread or systemic failings; the register does not record the priority "
            "action plan",
        ),
    }
)

#: The state while an inspection is under way, by kind and phase.
PHASE_STATES: Mapping[InspectionKind, Mapping[str, str]] = MappingProxyType(
    {
        FULL: {
            "notified": "notified",
            "fieldwork": "fieldwork",
            "awaiting_letter": "awaiting_letter",
        },
        REVISIT: {
            "notified": "revisit_notified",
            "fieldwork": "revisit_fieldwork",
            "awaiting_letter": "awaiting_revisit_letter",
        },
        MONITORING: {
            "notified": "monitoring_notified",
            "fieldwork": "monitoring_fieldwork",
            "awaiting_letter": "awaiting_monitoring_report",
        },
    }
)

# ---------------------------------------------------------------------------
# Transition tables

#: Events that belong to one inspection, allowed by that inspection's phase.
PHASE_ALLOWS: Mapping[str, frozenset[EventType]] = MappingProxyType(
    {
        "notified": frozenset({E.FIELDWORK_STARTED, E.DEFERRAL_REQUESTED, E.DEFERRAL_DECIDED}),
        "fieldwork": frozenset({E.FIELDWORK_ENDED}),
        "awaiting_letter": frozenset(
            {E.LETTER_DATED, E.LETTER_PUBLISHED, E.REPORT_RECEIVED, E.PROGRESS_JUDGED}
        ),
        "reported": frozenset({E.REPORT_RECEIVED, E.PROGRESS_JUDGED}),
        "withdrawn": frozenset(),
    }
)
INSPECTION_SCOPED = frozenset().union(*PHASE_ALLOWS.values())

_PLANS = frozenset({E.PLAN_SUBMITTED, E.PLAN_JUDGED, E.PLAN_PUBLISHED})
_DFE = frozenset({E.SUPPORT_VISIT, E.RELEASED_FROM_MONITORING})
_NEXT = frozenset({E.INSPECTION_NOTIFIED})
_UNDER_WAY = _PLANS | {E.SUPPORT_VISIT}  # a cycle's plans and visits go on during a follow-up
_OUTCOME_3 = _NEXT | _PLANS | _DFE | {E.IMPROVEMENT_NOTICE_ISSUED}

#: Area events each state allows; engagement meetings, thematic visits and the
#: national pause are gated by date instead (``_dated_gate``).
ALLOWS: Mapping[str, frozenset[EventType]] = MappingProxyType(
    {
        "not_inspected": _NEXT,
        "notified": frozenset(),
        "fieldwork": frozenset(),
        "awaiting_letter": frozenset(),
        "no_further_action": _NEXT,
        # Plans stay open in every WSOA state: histories often lack the plan dates.
        "wsoa_due": _NEXT | _PLANS | _DFE,
        "wsoa_under_review": _NEXT | _PLANS | _DFE,
        "wsoa_resubmission_due": _NEXT | _PLANS | _DFE,
        "wsoa_monitoring": _NEXT | _PLANS | _DFE,
        "revisit_notified": _UNDER_WAY,
        "revisit_fieldwork": _UNDER_WAY,
        "awaiting_revisit_letter": _UNDER_WAY,
        "revisit_reported": _NEXT | _PLANS | _DFE | {E.IMPROVEMENT_NOTICE_ISSUED},
        "app_monitoring": _NEXT | _PLANS | _DFE | {E.IMPROVEMENT_NOTICE_ISSUED},
        "released": _NEXT | {E.PLAN_PUBLISHED},
        "improvement_notice": _NEXT | _PLANS | {E.SUPPORT_VISIT, E.IMPROVEMENT_NOTICE_LIFTED},
        "positive": _NEXT | _PLANS | {E.SUPPORT_VISIT},
        "inconsistent": _NEXT | _PLANS | _DFE,
        "pap_due": _OUTCOME_3,
        "pap_under_review": _OUTCOME_3,
        "monitoring_inspection_due": _OUTCOME_3,
        "monitoring_notified": _UNDER_WAY,
        "monitoring_fieldwork": _UNDER_WAY,
        "awaiting_monitoring_report": _UNDER_WAY,
        "systemic_failings": _OUTCOME_3,
    }
)

#: Why an event is refused where the tables do not allow it: (rule, reason).
REFUSES: Mapping[EventType, tuple[str, str]] = MappingProxyType(
    {
        E.INSPECTION_NOTIFIED: ("OF-LAW-3", "an inspection is under way; its report comes first"),
        E.FIELDWORK_STARTED: ("OF-NOT-1", "fieldwork follows an inspection's notification, once"),
        E.FIELDWORK_ENDED: ("OF-ONS-1", "fieldwork ends once, after it has started"),
        E.DEFERRAL_REQUESTED: (
            "RV-6",
            "a deferral is asked for between notification and fieldwork",
        ),
        E.DEFERRAL_DECIDED: ("RV-6", "a deferral is decided after it is asked for"),
        E.LETTER_DATED: (
            "OF-LET-3",
            "an inspection has one letter, dated after fieldwork ends and "
            "no later than its publication",
        ),
        E.LETTER_PUBLISHED: (
            "OF-LET-1",
            "an inspection's letter is published once, after fieldwork ends",
        ),
        E.REPORT_RECEIVED: ("OF-LAW-3", "a report is received once, after fieldwork ends"),
        E.PROGRESS_JUDGED: (
            "RV-9",
            "progress is judged by a revisit or monitoring inspection after its fieldwork",
        ),
        E.PLAN_SUBMITTED: ("OF-WSOA-1", "no plan is required of the area now"),
        E.PLAN_JUDGED: ("OF-WSOA-5", "a plan is judged only after it is submitted"),
        E.PLAN_PUBLISHED: ("OF-WSOA-1", "no plan is required of the area now"),
        E.SUPPORT_VISIT: (
            "OF-WSOA-8",
            "DfE/NHSE support and challenge follows a WSOA or a 2023 outcome",
        ),
        E.IMPROVEMENT_NOTICE_ISSUED: (
            "RV-12",
            "an Improvement Notice follows an insufficient "
            "revisit (RV-12) or outcome 3 (NF-PLAN-4), once",
        ),
        E.IMPROVEMENT_NOTICE_LIFTED: (
            "NF-PLAN-4",
            "only an Improvement Notice in force can be lifted",
        ),
        E.RELEASED_FROM_MONITORING: ("OF-WSOA-8", "the area is not under DfE/NHSE monitoring"),
        E.ENGAGEMENT_MEETING: ("NF-ENG-1", "engagement meetings belong to the 2023 framework"),
        E.THEMATIC_VISIT: ("NF-THEM-1", "thematic visits belong to the 2023 framework"),
        E.PROGRAMME_PAUSED: ("CV-1", "the programme is already paused"),
        E.PROGRAMME_RESUMED: ("CV-4", "the programme is not paused"),
    }
)

#: Outcomes a letter may state, and the rule that says so, by framework and kind.
VALID_OUTCOMES: Mapping[tuple[Framework, InspectionKind], tuple[frozenset[Outcome], str]] = {
    (F16, FULL): (frozenset({Outcome.WSOA, Outcome.NO_WSOA}), "OF-Q-2"),
    (F23, FULL): (frozenset(OUTCOMES), "NF-OUT-1"),
    (F16, REVISIT): (frozenset(), "RV-9"),
    (F23, MONITORING): (frozenset(), "NF-MON-2"),
}

#: Letter publication target (rule, parameter) by framework and kind.
PUBLICATION: Mapping[tuple[Framework, InspectionKind], tuple[str, str]] = {
    (F16, FULL): ("OF-LET-5", "letter.publication_target_wd"),
    (F16, REVISIT): ("RV-10", "revisit.report_target_wd"),
    (F23, FULL): ("NF-PUB-1", "nf.publication_target_wd"),
    (F23, MONITORING): ("NF-PUB-1", "nf.publication_target_wd"),
}

#: A programme_resumed event of one kind resumes these kinds (monitoring
#: inspections are part of the full-inspection programme).
RESUMES: Mapping[InspectionKind | None, frozenset[InspectionKind]] = {
    None: frozenset(InspectionKind),
    FULL: frozenset({FULL, MONITORING}),
    REVISIT: frozenset({REVISIT}),
    MONITORING: frozenset({MONITORING}),
}

# ---------------------------------------------------------------------------
# The model


@dataclass
class _Inspection:
    ref: str
    kind: InspectionKind
    framework: Framework
    version: FrameworkVersion
    notified: dt.date
    started: dt.date | None = None
    ended: dt.date | None = None
    dated: dt.date | None = None
    published: dt.date | None = None
    received: dt.date | None = None
    outcome: Outcome | None = None
    weaknesses: tuple[str, ...] = ()
    #: For a revisit or monitoring inspection: the weaknesses it judges.
    judges: tuple[str, ...] = ()
    judged: dict[str, bool] = field(default_factory=dict)
    deferral_pending: bool = False
    withdrawn: dt.date | None = None
    #: Casework (the system is the record) or published only (ADR 0029).
    record: Record = Record.PUBLISHED

    @property
    def phase(self) -> str:
        if self.withdrawn:
            return "withdrawn"
        if self.published:
            return "reported"
        if self.ended:
            return "awaiting_letter"
        return "fieldwork" if self.started else "notified"

    @property
    def insufficient(self) -> bool:
        return self.published is not None and not all(self.judged.values())


@dataclass
class _Plan:
    submitted: list[dt.date] = field(default_factory=list)
    judged: list[tuple[dt.date, bool]] = field(default_factory=list)
    published: list[dt.date] = field(default_factory=list)

    @property
    def pending(self) -> bool:
        return len(self.submitted) > len(self.judged)

    @property
    def fit_on(self) -> dt.date | None:
        return next((day for day, fit in self.judged if fit), None)

    @property
    def last_unfit(self) -> bool:
        return bool(self.judged) and not self.pending and not self.judged[-1][1]


@dataclass
class _Cycle:
    """A full inspection and what follows it, until the next full inspection."""

    full: _Inspection
    follow_ups: list[_Inspection] = field(default_factory=list)
    plans: dict[PlanKind, _Plan] = field(default_factory=dict)
    support_visits: list[dt.date] = field(default_factory=list)
    released: dt.date | None = None
    #: Weaknesses DfE and NHS England released one at a time (OF-WSOA-8).
    released_items: list[str] = field(default_factory=list)
    notice: list[dt.date | None] = field(default_factory=list)  # [issued, lifted]
    superseded_on: dt.date | None = None

    def plan(self, kind: PlanKind) -> _Plan:
        return self.plans.setdefault(kind, _Plan())

    def follow(self, kind: InspectionKind) -> list[_Inspection]:
        return [f for f in self.follow_ups if f.kind is kind and not f.withdrawn]

    @property
    def notice_in_force(self) -> bool:
        return bool(self.notice) and self.notice[1] is None

    @property
    def monitored(self) -> tuple[str, ...]:
        """The weaknesses still under monitoring: after a published follow-up, those it
        found insufficient; before one, all of the letter's."""
        judged = [f for f in self.follow_ups if f.published and not f.withdrawn and f.judged]
        items = (
            tuple(w for w, ok in judged[-1].judged.items() if not ok)
            if judged
            else self.full.weaknesses
        )
        return tuple(w for w in items if w not in self.released_items)


@dataclass
class _Model:
    inspections: dict[str, _Inspection] = field(default_factory=dict)
    cycles: list[_Cycle] = field(default_factory=list)
    engagements: list[dt.date] = field(default_factory=list)
    #: Pause windows [start, end or None] per kind of inspection.
    pauses: dict[InspectionKind, list[list[dt.date | None]]] = field(
        default_factory=lambda: {k: [] for k in InspectionKind}
    )
    area: str | None = None

    @property
    def cycle(self) -> _Cycle | None:
        return self.cycles[-1] if self.cycles else None

    @property
    def active(self) -> _Inspection | None:
        """The inspection under way (notified, not withdrawn, letter not yet published)."""
        under_way = [
            i for i in self.inspections.values() if i.phase not in ("withdrawn", "reported")
        ]
        return under_way[-1] if under_way else None

    @property
    def latest(self) -> _Inspection | None:
        done = [i for i in self.inspections.values() if not i.withdrawn]
        return done[-1] if done else None

    def paused_since(self, kind: InspectionKind, day: dt.date) -> dt.date | None:
        for start, end in self.pauses[kind]:
            assert start is not None
            if start <= day and (end is None or day < end):
                return start
        return None


# ---------------------------------------------------------------------------
# State


def _old_cycle_state(cycle: _Cycle) -> str:
    if cycle.full.outcome is Outcome.NO_WSOA:
        return "no_further_action"
    revisits = [r for r in cycle.follow(REVISIT) if r.published]
    if cycle.released:
        return "released"
    if revisits:
        revisit = revisits[-1]
        if revisit.insufficient:
            return "app_monitoring"
        judged_all = revisit.judged and set(cycle.full.weaknesses) <= set(revisit.judged)
        return "released" if judged_all else "revisit_reported"  # RV-11
    wsoa = cycle.plans.get(PlanKind.WSOA)
    if wsoa is None or not wsoa.submitted:
        return "wsoa_due"
    if wsoa.pending:
        return "wsoa_under_review"
    return "wsoa_resubmission_due" if wsoa.last_unfit else "wsoa_monitoring"


def _new_cycle_state(cycle: _Cycle) -> str:
    outcome = cycle.full.outcome
    if outcome in (Outcome.POSITIVE, Outcome.INCONSISTENT):
        return outcome.value
    if any(m.published for m in cycle.follow(MONITORING)):
        return "systemic_failings"
    pap = cycle.plans.get(PlanKind.PRIORITY_ACTION_PLAN)
    if pap is None or not (pap.submitted or pap.published) or pap.last_unfit:
        return "pap_due"
    return "pap_under_review" if pap.pending else "monitoring_inspection_due"


def _state(model: _Model) -> str:
    active = model.active
    if active is not None:
        return PHASE_STATES[active.kind][active.phase]
    cycle = model.cycle
    if cycle is None:
        return "not_inspected"
    if cycle.notice_in_force:
        return "improvement_notice"
    if cycle.full.framework is F16:
        return _old_cycle_state(cycle)
    return _new_cycle_state(cycle)


# ---------------------------------------------------------------------------
# Gates: may an event come next?


def _notify_refusals(
    model: _Model,
    kind: InspectionKind,
    framework: Framework,
    day: dt.date,
    calendar: WorkingCalendar,
    *,
    exact_day: bool,
) -> list[Refusal]:
    notified = E.INSPECTION_NOTIFIED.value
    if E.INSPECTION_NOTIFIED not in ALLOWS[_state(model)]:
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


#: Plans the inspectorate judges fit for purpose before the area publishes them (OF-WSOA-5,
#: NF-PLAN-2); the strategic plan and an accelerated progress plan are published directly.
JUDGED_PLANS: Mapping[PlanKind, str] = MappingProxyType(
    {PlanKind.WSOA: "OF-WSOA-5", PlanKind.PRIORITY_ACTION_PLAN: "NF-PLAN-2"}
)

_CANDIDATES = ((FULL, F16), (REVISIT, F16), (FULL, F23), (MONITORING, F23))


def _any_notification(model: _Model, day: dt.date, calendar: WorkingCalendar) -> Refusal | None:
    refusals: list[Refusal] = []
    for kind, framework in _CANDIDATES:
        found = _notify_refusals(model, kind, framework, day, calendar, exact_day=False)
        if not found:
            return None
        refusals += [r for r in found if r not in refusals]
    reason = "; ".join(f"{r.reason} ({r.rule})" for r in refusals)
    return Refusal(E.INSPECTION_NOTIFIED.value, reason, refusals[0].rule)


#: Which plan may be handled in a cycle, and the rule that asks for it.
PLAN_RULES: Mapping[PlanKind, tuple[str, str, Callable[[_Cycle], bool]]] = MappingProxyType(
    {
        PlanKind.WSOA: (
            "OF-WSOA-1",
            "a written statement of action follows a letter requiring one",
            lambda c: c.full.framework is F16 and c.full.outcome is Outcome.WSOA,
        ),
        PlanKind.PRIORITY_ACTION_PLAN: (
            "NF-PLAN-2",
            "a priority action plan follows outcome 3",
            lambda c: c.full.outcome is Outcome.SYSTEMIC_FAILINGS,
        ),
        PlanKind.STRATEGIC_PLAN: (
            "NF-PLAN-1",
            "the strategic plan is updated after a 2023-framework full inspection",
            lambda c: c.full.framework is F23 and c.full.outcome is not None,
        ),
        PlanKind.ACCELERATED_PROGRESS_PLAN: (
            "RV-12",
            "an accelerated progress plan follows an insufficient revisit or a notice",
            lambda c: any(r.insufficient for r in c.follow(REVISIT)) or bool(c.notice),
        ),
    }
)


def _plan_gate(model: _Model, event_type: EventType) -> Refusal | None:
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


def _dated_gate(model: _Model, event_type: EventType, day: dt.date) -> Refusal | None:
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


def _area_gate(
    model: _Model, event_type: EventType, day: dt.date, calendar: WorkingCalendar
) -> Refusal | None:
    if event_type in (E.ENGAGEMENT_MEETING, E.THEMATIC_VISIT, *NATIONAL_EVENTS):
        return _dated_gate(model, event_type, day)
    if event_type is E.INSPECTION_NOTIFIED:
        return _any_notification(model, day, calendar)
    state = _state(model)
    if event_type not in ALLOWS[state]:
        rule, reason = REFUSES[event_type]
        return Refusal(event_type.value, f"{reason} (state: {state})", rule)
    if event_type in _PLANS:
        return _plan_gate(model, event_type)
    return None


def _phase_gate(inspection: _Inspection | None, event_type: EventType) -> Refusal | None:
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


# ---------------------------------------------------------------------------
# Replay: finer checks, then apply


_Issue = tuple[str | None, str]  # field, message (the message names the rule)


def _issue(field_name: str | None, message: str) -> list[_Issue]:
    return [(field_name, message)]


def _refusal_issue(refusal: Refusal, field_name: str | None = None) -> _Issue:
    return field_name, f"{refusal.rule}: {refusal.reason}" if refusal.rule else refusal.reason


class _Replay:
    def __init__(self, params: Params, calendar: WorkingCalendar) -> None:
        self.model = _Model()
        self.params = params
        self.calendar = calendar
        self.problems: list[Problem] = []

    def run(self, events: Iterable[Event]) -> _Model:
        for event in events:
            issues = self.check(event)
            if issues:
                self.problems += [Problem(event.line, f, m) for f, m in issues]
            else:
                self.apply(event)
        return self.model

    # -- checks --------------------------------------------------------------

    def check(self, event: Event) -> list[_Issue]:
        model = self.model
        if event.type not in NATIONAL_EVENTS and event.area is not None:
            if model.area is None:
                model.area = event.area
            elif event.area != model.area:
                why = f"a history holds one area's events; this is {event.area}, not {model.area}"
                return _issue("area", why)
        if event.type is E.INSPECTION_NOTIFIED:
            return self._check_notified(event)
        if event.type in INSPECTION_SCOPED:
            return self._check_inspection_event(event)
        refusal = _area_gate(model, event.type, event.date, self.calendar)
        if refusal is not None:
            return [_refusal_issue(refusal)]
        if event.type is E.RELEASED_FROM_MONITORING and event.weakness is not None:
            return self._check_release(event.weakness)
        return self._check_plan(event) if event.type in _PLANS else []

    def _check_release(self, weakness: str) -> list[_Issue]:
        cycle = self.model.cycle
        assert cycle is not None  # the state table refuses releases before any inspection
        if weakness not in cycle.monitored:
            listed = "; ".join(cycle.monitored) or "none"
            why = f"OF-WSOA-8: '{weakness}' is not under monitoring (monitored: {listed})"
            return _issue("weakness", why)
        return []

    def _check_notified(self, event: Event) -> list[_Issue]:
        if event.kind is None or event.framework is None or event.inspection is None:
            return _issue("kind", "inspection_notified gives the inspection, kind and framework")
        earlier = self.model.inspections.get(event.inspection)
        if earlier is not None:
            why = f"inspection '{event.inspection}' was already notified on {earlier.notified}"
            return _issue("inspection", why)
        refusals = _notify_refusals(
            self.model, event.kind, event.framework, event.date, self.calendar, exact_day=True
        )
        cycle_rules = ("RV-1", "RV-12", "NF-MON-1", "OF-PRG-2")
        return [_refusal_issue(r, "kind" if r.rule in cycle_rules else "date") for r in refusals]

    def _check_inspection_event(self, event: Event) -> list[_Issue]:
        inspection = self.model.inspections.get(event.inspection or "")
        if inspection is None:
            why = f"unknown inspection '{event.inspection}': no inspection_notified names it before"
            return _issue("inspection", why)
        refusal = _phase_gate(inspection, event.type)
        if refusal is not None:
            return [_refusal_issue(refusal)]
        check = _INSPECTION_CHECKS.get(event.type)
        return check(self, inspection, event) if check else []

    def _check_started(self, inspection: _Inspection, event: Event) -> list[_Issue]:
        paused = self.model.paused_since(inspection.kind, event.date)
        if paused is not None:
            why = f"CV-1: {inspection.kind} inspections are suspended by the pause since {paused}"
            return _issue("date", why)
        refusals = fieldwork_refusals(
            inspection.kind, inspection.framework, inspection.notified, event.date,
            params=self.params, calendar=self.calendar, remote=bool(event.remote),
        )  # fmt: skip
        return [_refusal_issue(r, "remote" if r.rule == "RV-5" else "date") for r in refusals]

    def _check_ended(self, inspection: _Inspection, event: Event) -> list[_Issue]:
        assert inspection.started is not None  # the phase gate saw fieldwork under way
        refusals = fieldwork_refusals(
            inspection.kind, inspection.framework, inspection.notified, inspection.started,
            event.date, params=self.params, calendar=self.calendar,
        )  # fmt: skip
        return [_refusal_issue(r, "date") for r in refusals if r.event == E.FIELDWORK_ENDED]

    def _check_decided(self, inspection: _Inspection, event: Event) -> list[_Issue]:
        if event.granted is None:
            return _issue("granted", "RV-6: a deferral decision says whether it was granted")
        return []

    def _check_letter(self, inspection: _Inspection, event: Event) -> list[_Issue]:
        outcomes, rule = VALID_OUTCOMES[(inspection.framework, inspection.kind)]
        what = f"a {inspection.framework} {inspection.kind} inspection"
        outcome = event.outcome or inspection.outcome
        if event.outcome is not None and event.outcome not in outcomes:
            expected = ", ".join(sorted(outcomes)) or "none (progress is judged item by item)"
            why = f"{rule}: '{event.outcome}' is not an outcome of {what}; expected {expected}"
            return _issue("outcome", why)
        if event.outcome and inspection.outcome and event.outcome is not inspection.outcome:
            why = (
                f"{rule}: one outcome per inspection; '{inspection.ref}' has '{inspection.outcome}'"
            )
            return _issue("outcome", why)
        if event.type is E.LETTER_PUBLISHED and outcomes and outcome is None:
            return _issue("outcome", f"{rule}: the published letter of {what} states its outcome")
        # Weaknesses are recorded on any letter (areas for improvement, a revisit's
        # new concerns: RV-14); only those of a WSOA or outcome 3 are followed up.
        listed = set(inspection.weaknesses)
        if event.weaknesses and listed and listed != set(event.weaknesses):
            return _issue(
                "weaknesses", "OF-LET-1: the published and dated letters list different weaknesses"
            )
        return []

    def _check_judged(self, inspection: _Inspection, event: Event) -> list[_Issue]:
        rule = "RV-9" if inspection.kind is REVISIT else "NF-MON-2"
        if event.weakness is None or event.sufficient is None:
            return _issue("weakness", f"{rule}: progress_judged names a weakness and sufficiency")
        if event.weakness not in inspection.judges:
            listed = "; ".join(inspection.judges) or "none"
            why = f"{rule}: '{event.weakness}' is not in the letter '{inspection.ref}' follows up"
            return _issue("weakness", f"{why} (listed: {listed})")
        if event.weakness in inspection.judged:
            return _issue("weakness", f"{rule}: '{event.weakness}' is already judged")
        return []

    def _check_plan(self, event: Event) -> list[_Issue]:
        cycle = self.model.cycle
        assert cycle is not None  # the state table refuses plans before any inspection
        if event.plan is None:
            return _issue("plan", "a plan event names its plan")
        if event.inspection is not None and event.inspection not in self.model.inspections:
            return _issue("inspection", f"unknown inspection '{event.inspection}'")
        rule, reason, required = PLAN_RULES[event.plan]
        if not required(cycle):
            return _issue("plan", f"{rule}: {reason}; none is required now")
        if event.type is E.PLAN_JUDGED and not cycle.plan(event.plan).pending:
            why = f"{rule}: the {event.plan} is judged only after it is submitted, once each time"
            return _issue("plan", why)
        if event.type is E.PLAN_JUDGED and event.fit is None:
            return _issue("fit", f"{rule}: a plan judgement says whether it is fit")
        return []

    # -- apply ---------------------------------------------------------------

    def apply(self, event: Event) -> None:
        model = self.model
        inspection = model.inspections.get(event.inspection or "")
        cycle = model.cycle
        kind, day = event.type, event.date
        if kind is E.INSPECTION_NOTIFIED:
            self._apply_notified(event)
        elif kind in INSPECTION_SCOPED:
            assert inspection is not None
            _APPLY_INSPECTION[kind](inspection, event)
            if kind is E.DEFERRAL_DECIDED and event.granted:
                self._withdraw(inspection, day)
        elif kind in NATIONAL_EVENTS:
            self._apply_national(event)
        elif kind is E.ENGAGEMENT_MEETING:
            model.engagements.append(day)
        elif kind is E.THEMATIC_VISIT:
            pass  # NF-THEM-1: no judgement, no obligation for the area
        else:
            assert cycle is not None
            _apply_cycle(cycle, event)

    def _apply_notified(self, event: Event) -> None:
        assert event.kind and event.framework and event.inspection
        version = version_in_force(event.framework, event.kind, event.date)
        assert version is not None
        inspection = _Inspection(
            event.inspection, event.kind, event.framework, version, event.date,
            record=record_of(event.source),
        )  # fmt: skip
        self.model.inspections[inspection.ref] = inspection
        cycle = self.model.cycle
        if event.kind is FULL:
            if cycle is not None:
                cycle.superseded_on = event.date
            self.model.cycles.append(_Cycle(inspection))
        else:
            assert cycle is not None
            inspection.judges = cycle.full.weaknesses
            cycle.follow_ups.append(inspection)

    def _withdraw(self, inspection: _Inspection, day: dt.date) -> None:
        inspection.withdrawn = day
        cycles = self.model.cycles
        if cycles and cycles[-1].full is inspection:
            cycles.pop()
            if cycles:
                cycles[-1].superseded_on = None

    def _apply_national(self, event: Event) -> None:
        for kind in RESUMES[event.kind]:
            windows = self.model.pauses[kind]
            open_window = windows[-1] if windows and windows[-1][1] is None else None
            if event.type is E.PROGRAMME_PAUSED and open_window is None:
                windows.append([event.date, None])
            elif event.type is E.PROGRAMME_RESUMED and open_window is not None:
                open_window[1] = event.date


_INSPECTION_CHECKS: Mapping[EventType, Callable[[_Replay, _Inspection, Event], list[_Issue]]] = {
    E.FIELDWORK_STARTED: _Replay._check_started,
    E.FIELDWORK_ENDED: _Replay._check_ended,
    E.DEFERRAL_DECIDED: _Replay._check_decided,
    E.LETTER_DATED: _Replay._check_letter,
    E.LETTER_PUBLISHED: _Replay._check_letter,
    E.PROGRESS_JUDGED: _Replay._check_judged,
}


def _set_started(i: _Inspection, e: Event) -> None:
    i.started = e.date


def _set_ended(i: _Inspection, e: Event) -> None:
    i.ended = e.date


def _set_deferral(i: _Inspection, e: Event) -> None:
    i.deferral_pending = e.type is E.DEFERRAL_REQUESTED


def _set_letter(i: _Inspection, e: Event) -> None:
    if e.type is E.LETTER_DATED:
        i.dated = e.date
    else:
        i.published = e.date
    i.outcome = e.outcome or i.outcome
    i.weaknesses = e.weaknesses or i.weaknesses


def _set_received(i: _Inspection, e: Event) -> None:
    i.received = e.date


def _set_judged(i: _Inspection, e: Event) -> None:
    assert e.weakness is not None and e.sufficient is not None
    i.judged[e.weakness] = e.sufficient


_APPLY_INSPECTION: Mapping[EventType, Callable[[_Inspection, Event], None]] = {
    E.FIELDWORK_STARTED: _set_started,
    E.FIELDWORK_ENDED: _set_ended,
    E.DEFERRAL_REQUESTED: _set_deferral,
    E.DEFERRAL_DECIDED: _set_deferral,
    E.LETTER_DATED: _set_letter,
    E.LETTER_PUBLISHED: _set_letter,
    E.REPORT_RECEIVED: _set_received,
    E.PROGRESS_JUDGED: _set_judged,
}


def _apply_cycle(cycle: _Cycle, event: Event) -> None:
    day = event.date
    if event.type in _PLANS:
        assert event.plan is not None
        plan = cycle.plan(event.plan)
        if event.type is E.PLAN_SUBMITTED:
            plan.submitted.append(day)
        elif event.type is E.PLAN_JUDGED:
            plan.judged.append((day, bool(event.fit)))
        else:
            plan.published.append(day)
    elif event.type is E.SUPPORT_VISIT:
        cycle.support_visits.append(day)
    elif event.type is E.RELEASED_FROM_MONITORING:
        if event.weakness is not None:
            cycle.released_items.append(event.weakness)
        # A release naming a weakness ends monitoring once none is left.
        if event.weakness is None or not cycle.monitored:
            cycle.released = day
    elif event.type is E.IMPROVEMENT_NOTICE_ISSUED:
        cycle.notice = [day, None]
    elif event.type is E.IMPROVEMENT_NOTICE_LIFTED:
        cycle.notice[1] = day


# ---------------------------------------------------------------------------
# Obligations


@dataclass(frozen=True)
class Duty:
    """What an obligation asks, of whom, by which rule; ``pause`` is the kind of
    inspection whose national pause can stop its clock (ADR 0003); ``known``, which
    record holds its fulfilment (ADR 0029)."""

    rule: str
    what: str
    who: Party
    pause: InspectionKind | None
    known: Known = Known.PUBLISHED
    #: The due date is the earliest day allowed (fieldwork after the notice), not a
    #: deadline: doing it later is not late.
    earliest: bool = False


DUTIES: Mapping[str, Duty] = MappingProxyType({
    # Known.PUBLISHED: inspections and their letters, which Ofsted publishes; the rest
    # (plans, decisions, DfE meetings) only casework records; engagement meetings are
    # never published at all.
    "wsoa_submit": Duty("OF-WSOA-3", "Submit the written statement of action to Ofsted", AREA,
                        FULL, Known.CASEWORK),
    # Decisions went on in the pause (Essex: accepted 16 Apr 2020): no clock stops.
    "wsoa_decide": Duty("OF-WSOA-5", "Decide whether the written statement of action is fit "
                        "for purpose", INSPECTORATE, None, Known.CASEWORK),
    "wsoa_resubmit": Duty("OF-WSOA-6", "Resubmit the written statement of action", AREA, FULL,
                          Known.CASEWORK),
    "wsoa_publish": Duty("OF-WSOA-7", "Publish the written statement of action", AREA, FULL,
                         Known.CASEWORK),
    "support": Duty("OF-WSOA-8", "DfE and NHS England support-and-challenge meeting", DFE, None,
                    Known.CASEWORK),
    "revisit": Duty("RV-2", "Revisit the area", INSPECTORATE, REVISIT),
    "app": Duty("RV-12", "Publish an accelerated progress plan", AREA, REVISIT, Known.CASEWORK),
    "progress_review": Duty("RV-12", "DfE and NHS England progress review meeting", DFE, REVISIT,
                            Known.CASEWORK),
    "of_wsoa_9": Duty("OF-WSOA-9", "Full inspection under the 2023 framework (written statement "
                      "of action never revisited)", INSPECTORATE, FULL),
    "first_new": Duty("NF-ACT-3", "First full inspection under the 2023 framework", INSPECTORATE,
                      FULL),
    "strategic_plan": Duty("NF-PLAN-1", "Update and publish the SEND strategic plan", AREA, FULL,
                           Known.CASEWORK),
    "pap_submit": Duty("NF-PLAN-2", "Submit the priority action plan to Ofsted and CQC", AREA,
                       FULL, Known.CASEWORK),
    "pap_publish": Duty("NF-PLAN-2", "Publish the priority action plan", AREA, FULL,
                        Known.CASEWORK),
    "monitoring": Duty("NF-MON-1", "Carry out the monitoring inspection", INSPECTORATE,
                       MONITORING),
    "next_full": Duty("NF-ACT-2", "Next full inspection", INSPECTORATE, FULL),
    "engagement": Duty("NF-ENG-1", "Annual engagement meeting with Ofsted and CQC", INSPECTORATE,
                       None, Known.PRIVATE),
})  # fmt: skip


def _first(days: Iterable[dt.date], after: dt.date | None = None) -> dt.date | None:
    return min((d for d in days if after is None or d >= after), default=None)


@dataclass
class _Due:
    """Builds obligations as of ``today``, stopping the clocks the pause stops (ADR 0003)."""

    model: _Model
    params: Params
    calendar: WorkingCalendar
    today: dt.date
    published_until: dt.date | None = None

    def wd(self, day: dt.date, param: str) -> dt.date:
        return self.calendar.add_working_days(day, self.params.number(param))

    def months(self, day: dt.date, param: str) -> dt.date:
        return add_months(day, self.params.number(param))

    def make(
        self, duty: Duty, due: dt.date, met: dt.date | None, inspection: _Inspection | None
    ) -> Obligation:
        stopped = self.params.choice("covid.stopped_clocks")
        if duty.pause and (
            stopped == "all" or (stopped == "inspectorate" and duty.who is INSPECTORATE)
        ):
            due = self._after_pauses(due, duty.pause)
        record = inspection.record if inspection else Record.PUBLISHED
        found = standing(due, met, self.today, duty.known, record, self.published_until)
        if found is Standing.LATE and duty.earliest:
            found = Standing.DONE
        ref = inspection.ref if inspection else None
        return Obligation(
            duty.rule, duty.what, duty.who, due, met, found is Standing.OVERDUE, ref,
            standing=found, public=duty.known is not Known.PRIVATE,
        )  # fmt: skip

    def _after_pauses(self, due: dt.date, kind: InspectionKind) -> dt.date:
        """A due date inside a pause moves on by the pause's length (so far, if still open)."""
        for start, end in self.model.pauses[kind]:
            assert start is not None
            stop = end or self.today
            if start <= due < stop:
                due += stop - start
        return due

    def chain(
        self,
        duty: Duty,
        start: dt.date,
        end: dt.date | None,
        param: str,
        meetings: Sequence[dt.date],
        inspection: _Inspection | None,
    ) -> Iterator[Obligation]:
        """A recurring meeting, each due ``param`` months after the last; ends with ``end``."""
        since = start
        while True:
            due = self.months(since, param)
            if end is not None and due > end:
                return
            met = _first(d for d in meetings if d > since and (end is None or d <= end))
            if met is None:
                if end is None:  # once its reason has ended, a missed meeting is not owed
                    yield self.make(duty, due, None, inspection)
                return
            yield self.make(duty, due, met, inspection)
            since = met


def _report_clock(inspection: _Inspection, choice: str) -> dt.date | None:
    """When the area 'received' the report: report_received, else by the parameter (Q2)."""
    if inspection.received:
        return inspection.received
    if choice == "letter_dated":
        return inspection.dated or inspection.published
    return inspection.published


def _inspection_obligations(due: _Due, inspection: _Inspection) -> Iterator[Obligation]:
    if inspection.withdrawn:
        return
    kind = inspection.kind
    start, rule = earliest_fieldwork(
        kind, inspection.framework, inspection.notified, params=due.params, calendar=due.calendar
    )
    begin = Duty(rule, f"Begin the {kind} inspection's fieldwork after the notice", INSPECTORATE,
                 kind, earliest=True)  # fmt: skip
    yield due.make(begin, start, inspection.started, inspection)
    if inspection.ended:
        rule, param = PUBLICATION[(inspection.framework, kind)]
        publish = Duty(rule, f"Publish the {kind} inspection's letter or report", INSPECTORATE,
                       kind)  # fmt: skip
        yield due.make(publish, due.wd(inspection.ended, param), inspection.published, inspection)


def _wsoa_obligations(due: _Due, cycle: _Cycle) -> Iterator[Obligation]:
    full = cycle.full
    clock = _report_clock(full, due.params.choice("wsoa.clock_start"))
    if full.outcome is not Outcome.WSOA or clock is None:
        return
    wsoa = cycle.plans.get(PlanKind.WSOA, _Plan())
    deadline = due.wd(clock, "wsoa.submission_wd")
    yield due.make(DUTIES["wsoa_submit"], deadline, _first(wsoa.submitted), full)
    for index, submitted in enumerate(wsoa.submitted):
        judged = wsoa.judged[index] if index < len(wsoa.judged) else None
        decided = judged[0] if judged else None
        yield due.make(DUTIES["wsoa_decide"], due.wd(submitted, "wsoa.decision_wd"), decided, full)
        if judged and not judged[1]:
            again = wsoa.submitted[index + 1] if index + 1 < len(wsoa.submitted) else None
            by = due.wd(judged[0], "wsoa.resubmission_wd")
            yield due.make(DUTIES["wsoa_resubmit"], by, again, full)
    fit = wsoa.fit_on
    revisits = cycle.follow(REVISIT)
    if fit:
        by = due.wd(fit, "wsoa.publication_wd")
        yield due.make(DUTIES["wsoa_publish"], by, _first(wsoa.published), full)
        ends = [cycle.released, cycle.superseded_on, *(r.published for r in revisits)]
        end = min((d for d in ends if d), default=None)
        interval = "support.interval_months"
        yield from due.chain(DUTIES["support"], fit, end, interval, cycle.support_visits, full)
    # RV-2 counts from acceptance; a history without it counts from submission,
    # else from the deadline (the 2021 guidance weighs time since it was required).
    accepted = fit or _first(wsoa.submitted) or deadline
    met = revisits[0].started if revisits else None
    ended = cycle.superseded_on or due.today > due.params.day("revisits.end")
    if met or not ended:  # never revisited when the programme ended: OF-WSOA-9 instead
        yield due.make(DUTIES["revisit"], due.months(accepted, "revisit.due_months"), met, full)
    for revisit in revisits:
        if revisit.published is None or not revisit.insufficient:
            continue
        by = due.months(revisit.published, "app.progress_review_months")
        app = cycle.plans.get(PlanKind.ACCELERATED_PROGRESS_PLAN, _Plan())
        app_met = _first([*app.submitted, *app.published], revisit.published)
        yield due.make(DUTIES["app"], by, app_met, revisit)
        review_met = _first(cycle.support_visits, revisit.published)
        yield due.make(DUTIES["progress_review"], by, review_met, revisit)


def _new_cycle_obligations(due: _Due, cycle: _Cycle) -> Iterator[Obligation]:
    full = cycle.full
    clock = _report_clock(full, due.params.choice("nf.clock_start"))
    if full.framework is not F23 or full.outcome is None or clock is None:
        return
    plans = cycle.plans
    strategic = plans.get(PlanKind.STRATEGIC_PLAN, _Plan())
    by = due.wd(clock, "nf.strategic_plan_wd")
    yield due.make(DUTIES["strategic_plan"], by, _first(strategic.published), full)
    if full.outcome is not Outcome.SYSTEMIC_FAILINGS:
        return
    pap = plans.get(PlanKind.PRIORITY_ACTION_PLAN, _Plan())
    by = due.wd(clock, "nf.pap_submit_wd")
    yield due.make(DUTIES["pap_submit"], by, _first(pap.submitted), full)
    by = due.wd(clock, "nf.pap_publish_wd")
    yield due.make(DUTIES["pap_publish"], by, _first(pap.published), full)
    # NF-MON-1: from the inspection before June 2025, from the report after.
    start = full.ended if full.version.monitoring_clock == "inspection" else clock
    monitoring = cycle.follow(MONITORING)
    met = monitoring[0].started if monitoring else None
    by = due.months(start or clock, "nf.monitoring_months")
    yield due.make(DUTIES["monitoring"], by, met, full)


def _next_full_obligations(due: _Due) -> Iterator[Obligation]:
    """NF-ACT-2 after each 2023 outcome; the first 2023 inspection (OF-WSOA-9 / NF-ACT-3)."""
    cycles = due.model.cycles
    for index, cycle in enumerate(cycles):
        following = cycles[index + 1] if index + 1 < len(cycles) else None
        full = cycle.full
        if full.framework is F23 and full.outcome is not None and full.ended:
            years = due.params.number(OUTCOMES[full.outcome].next_full_param)
            met = following.full.started if following else None
            by = add_months(full.ended, 12 * years)
            yield due.make(DUTIES["next_full"], by, met, full)
    if due.today < framework_start(F23):
        return
    first_new = next((c for c in cycles if c.full.framework is F23), None)
    met = first_new.full.started if first_new else None
    old = [c for c in cycles if c.full.framework is F16]
    last = old[-1] if old else None
    if (
        last
        and last.full.outcome is Outcome.WSOA
        and not any(r.started for r in last.follow(REVISIT))
    ):
        yield due.make(DUTIES["of_wsoa_9"], due.params.day("of_wsoa_9.deadline"), met, last.full)
    else:
        by = due.params.day("nf.cycle_end")
        yield due.make(DUTIES["first_new"], by, met, last.full if last else None)


def _engagement_obligations(due: _Due) -> Iterator[Obligation]:
    """NF-ENG-1: yearly from the framework's start and from each report, to the next inspection."""
    new = [i for i in due.model.inspections.values() if i.framework is F23 and not i.withdrawn]
    # Each chain belongs to the report it counts from: its record says what can be known.
    starts: dict[dt.date, _Inspection | None] = {framework_start(F23): None}
    starts.update({i.published: i for i in new if i.published})
    for start in sorted(s for s in starts if s <= due.today):
        end = _first(i.notified for i in new if i.notified > start)
        interval = "nf.engagement_months"
        yield from due.chain(
            DUTIES["engagement"], start, end, interval, due.model.engagements, starts[start]
        )


def _obligations(due: _Due) -> list[Obligation]:
    found: list[Obligation] = []
    for inspection in due.model.inspections.values():
        found += _inspection_obligations(due, inspection)
    for cycle in due.model.cycles:
        # A new full inspection supersedes what a cycle still owed (§6.3); DfE's
        # release closes what a 2016 cycle owed (its WSOA and plans were accepted).
        closed = cycle.superseded_on or (cycle.released if cycle.full.framework is F16 else None)
        for obligation in (*_wsoa_obligations(due, cycle), *_new_cycle_obligations(due, cycle)):
            if obligation.met_on or not closed:
                found.append(obligation)
    found += _next_full_obligations(due)
    found += _engagement_obligations(due)
    return sorted(found, key=lambda o: (o.due, o.rule, o.what))


# ---------------------------------------------------------------------------
# The answer


def chronology(history: Sequence[Event]) -> list[Event]:
    """The history in the order the rules read it, with the national COVID pause merged in
    unless the history records a national event of its own."""
    events = list(history)
    if not any(e.type in NATIONAL_EVENTS for e in events):
        events += COVID_PAUSE
    # National events first on a day: a pause or resumption governs that day's notifications.
    return sorted(events, key=lambda e: (e.date, e.type not in NATIONAL_EVENTS))


def _next_steps(
    model: _Model, today: dt.date, calendar: WorkingCalendar
) -> tuple[tuple[str, ...], tuple[Refusal, ...]]:
    allowed: list[str] = []
    refused: list[Refusal] = []
    latest = model.active or model.latest
    for event_type in EventType:
        if event_type in INSPECTION_SCOPED:
            refusal = _phase_gate(latest, event_type)
        else:
            refusal = _area_gate(model, event_type, today, calendar)
        if refusal is None:
            allowed.append(event_type.value)
        else:
            refused.append(refusal)
    return tuple(allowed), tuple(refused)


def state_label(state: str, obligations: Iterable[Obligation]) -> str:
    """The state in plain English; never a claim that rests on a step the record cannot hold."""
    unrecorded = UNRECORDED_LABELS.get(state)
    if unrecorded and any(o.rule == unrecorded[0] and o.not_recorded for o in obligations):
        return unrecorded[1]
    return STATES[state]


def evaluate(
    history: Sequence[Event],
    today: dt.date,
    *,
    params: Params | None = None,
    calendar: WorkingCalendar | None = None,
    published_until: dt.date | None = None,
) -> AreaStatus:
    """Where the area stands on ``today``, what is due from whom, and what may come next.

    The whole history is checked (HistoryError lists every forbidden event by
    line and rule); the answer counts only events up to ``today``. The
    national COVID pause is added when the history records no pause itself.
    ``published_until``: the date the published records behind the history reach
    (their latest source); a published step due after it is not recorded, not overdue.
    """
    params = params or DEFAULTS
    calendar = calendar or england()
    events = chronology(history)
    replay = _Replay(params, calendar)
    replay.run(events)
    if replay.problems:
        raise HistoryError(replay.problems)
    model = _Replay(params, calendar).run(e for e in events if e.date <= today)
    state = _state(model)
    allowed, refused = _next_steps(model, today, calendar)
    obligations = tuple(_obligations(_Due(model, params, calendar, today, published_until)))
    return AreaStatus(
        today=today,
        state=state,
        state_label=state_label(state, obligations),
        obligations=obligations,
        allowed=allowed,
        refused=refused,
    )


# ---------------------------------------------------------------------------
# What a follow-up inspection judges


@dataclass(frozen=True)
class FollowUp:
    """A revisit or monitoring inspection and the full inspection it follows up.

    ``judges`` are the weaknesses (2016) or areas for priority action (2023)
    of the full inspection's letter, in the letter's order, as the replay set
    them when the follow-up was notified; ``judged`` holds the progress
    judgements the history records so far.
    """

    inspection: str
    kind: InspectionKind
    framework: Framework
    full: str
    full_started: dt.date | None
    full_ended: dt.date | None
    full_published: dt.date | None
    judges: tuple[str, ...]
    judged: Mapping[str, bool]


def follow_up(
    history: Sequence[Event],
    inspection: str,
    *,
    params: Params | None = None,
    calendar: WorkingCalendar | None = None,
) -> FollowUp | None:
    """What the revisit or monitoring inspection ``inspection`` follows up; None for a full
    inspection or an id the history does not hold. The history is replayed as ``evaluate``
    replays it (events the rules refuse are skipped, not raised)."""
    model = _Replay(params or DEFAULTS, calendar or england()).run(chronology(history))
    for cycle in model.cycles:
        for found in cycle.follow_ups:
            if found.ref == inspection:
                full = cycle.full
                return FollowUp(
                    inspection=found.ref,
                    kind=found.kind,
                    framework=found.framework,
                    full=full.ref,
                    full_started=full.started,
                    full_ended=full.ended,
                    full_published=full.published,
                    judges=found.judges,
                    judged=MappingProxyType(dict(found.judged)),
                )
    return None


# ---------------------------------------------------------------------------
# What the area's latest full inspection asks of it now


@dataclass(frozen=True)
class Monitoring:
    """The latest full inspection and what follows from it: the weaknesses (2016) or areas
    for priority action (2023) its letter named, those still monitored (not judged
    sufficient at the latest follow-up, not released by DfE and NHS England), the single
    releases so far, and the plans the rules require of the area now."""

    full: str
    framework: Framework
    outcome: Outcome | None
    weaknesses: tuple[str, ...]
    monitored: tuple[str, ...]
    released_items: tuple[str, ...]
    released_on: dt.date | None
    plans_required: tuple[PlanKind, ...]

    def answered_by(self, kind: PlanKind) -> tuple[str, ...]:
        """The weaknesses a plan of ``kind`` answers: an accelerated progress plan those still
        monitored after the revisit (RV-12); a strategic plan none of the letter's, the
        partnership sets its priorities (NF-PLAN-1); the others all the letter named."""
        if kind is PlanKind.ACCELERATED_PROGRESS_PLAN:
            return self.monitored
        if kind is PlanKind.STRATEGIC_PLAN:
            return ()
        return self.weaknesses


def monitoring(
    history: Sequence[Event],
    *,
    params: Params | None = None,
    calendar: WorkingCalendar | None = None,
) -> Monitoring | None:
    """What the area's latest full inspection (letter published) asks of it; None before any.
    The history is replayed as ``evaluate`` replays it."""
    model = _Replay(params or DEFAULTS, calendar or england()).run(chronology(history))
    cycle = model.cycle
    if cycle is None:
        return None
    return Monitoring(
        full=cycle.full.ref,
        framework=cycle.full.framework,
        outcome=cycle.full.outcome,
        weaknesses=cycle.full.weaknesses,
        monitored=() if cycle.released else cycle.monitored,
        released_items=tuple(cycle.released_items),
        released_on=cycle.released,
        plans_required=tuple(k for k, (_, _, required) in PLAN_RULES.items() if required(cycle)),
    )
