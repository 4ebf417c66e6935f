"""Every plan an area's history required, letter by letter (from the same replay).

``monitoring`` answers for the latest full inspection only; this lists each cycle's plans,
so a plan can be recorded for an earlier letter as it happened.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from areasend.framework.calendar import WorkingCalendar, england
from areasend.framework.evaluate.model import Cycle, Plan
from areasend.framework.evaluate.obligations import (
    Due,
    _new_cycle_obligations,
    _wsoa_obligations,
)
from areasend.framework.evaluate.replay import Replay, chronology
from areasend.framework.evaluate.tables import DUTIES, PLAN_RULES, REVISIT
from areasend.framework.events import Event, Framework, PlanKind
from areasend.framework.params import DEFAULTS, Params
from areasend.framework.status import Obligation

#: The duties (``DUTIES`` keys) that are a plan's own steps.
PLAN_DUTIES: dict[PlanKind, tuple[str, ...]] = {
    PlanKind.WSOA: ("wsoa_submit", "wsoa_decide", "wsoa_resubmit", "wsoa_publish"),
    PlanKind.PRIORITY_ACTION_PLAN: ("pap_submit", "pap_publish"),
    PlanKind.STRATEGIC_PLAN: ("strategic_plan",),
    PlanKind.ACCELERATED_PROGRESS_PLAN: ("app",),
}


@dataclass(frozen=True)
class RequiredPlan:
    """A plan one letter required: the full inspection whose cycle it belongs to, the letter
    that required it (the revisit's, for an accelerated progress plan; the full inspection's
    for one an Improvement Notice asked for) and the day it was required, the weaknesses it
    answers, the framework's due dates for its steps, and the steps the history records."""

    inspection: str
    kind: PlanKind
    framework: Framework
    rule: str
    letter: str
    required_on: dt.date
    superseded_on: dt.date | None
    answers: tuple[str, ...]
    due: tuple[Obligation, ...]
    submitted: tuple[dt.date, ...]
    judged: tuple[tuple[dt.date, bool], ...]
    published: tuple[dt.date, ...]

    @property
    def recorded(self) -> bool:
        """Whether the history records any step of the plan."""
        return bool(self.submitted or self.judged or self.published)


def _required_on(cycle: Cycle, kind: PlanKind) -> tuple[str, dt.date] | None:
    """The letter that required the plan and its publication (None before it is published)."""
    if kind is not PlanKind.ACCELERATED_PROGRESS_PLAN:
        published = cycle.full.published
        return (cycle.full.ref, published) if published else None
    found = [(r.ref, r.published) for r in cycle.follow(REVISIT) if r.insufficient]
    if cycle.notice and cycle.notice[0]:
        found.append((cycle.full.ref, cycle.notice[0]))
    dated = [(ref, day) for ref, day in found if day is not None]
    return min(dated, key=lambda f: f[1]) if dated else None


def required_plans(
    history: Sequence[Event],
    today: dt.date,
    *,
    params: Params | None = None,
    calendar: WorkingCalendar | None = None,
) -> list[RequiredPlan]:
    """Every plan the area's letters required, oldest letter first. The history is replayed
    as ``evaluate`` replays it (events the rules refuse are skipped, not raised); due dates
    stand as of ``today``."""
    params, calendar = params or DEFAULTS, calendar or england()
    model = Replay(params, calendar).run(chronology(history))
    due = Due(model, params, calendar, today)
    found: list[RequiredPlan] = []
    for cycle in model.cycles:
        obligations = (*_wsoa_obligations(due, cycle), *_new_cycle_obligations(due, cycle))
        for kind, (rule, _, required) in PLAN_RULES.items():
            since = _required_on(cycle, kind) if required(cycle) else None
            if since is None:
                continue
            whats = {DUTIES[d].what for d in PLAN_DUTIES[kind]}
            plan = cycle.plans.get(kind, Plan())
            found.append(
                RequiredPlan(
                    inspection=cycle.full.ref,
                    kind=kind,
                    framework=cycle.full.framework,
                    rule=rule,
                    letter=since[0],
                    required_on=since[1],
                    superseded_on=cycle.superseded_on,
                    answers=_answers(cycle, kind),
                    due=tuple(o for o in obligations if o.what in whats),
                    submitted=tuple(plan.submitted),
                    judged=tuple(plan.judged),
                    published=tuple(plan.published),
                )
            )
    return found


def _answers(cycle: Cycle, kind: PlanKind) -> tuple[str, ...]:
    """What the plan answers: an accelerated progress plan the weaknesses the revisit found
    insufficient (RV-12; those still monitored, after a notice alone), a strategic plan none
    of the letter's (NF-PLAN-1), the others all the letter named."""
    if kind is PlanKind.ACCELERATED_PROGRESS_PLAN:
        revisits = [r for r in cycle.follow(REVISIT) if r.insufficient]
        if revisits:
            return tuple(w for w, ok in revisits[0].judged.items() if not ok)
        return cycle.monitored
    if kind is PlanKind.STRATEGIC_PLAN:
        return ()
    return cycle.full.weaknesses
