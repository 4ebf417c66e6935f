"""What the area's latest full inspection asks of it now (from the same replay)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from areasend.framework.calendar import WorkingCalendar, england
from areasend.framework.evaluate.replay import Replay, chronology
from areasend.framework.evaluate.tables import PLAN_RULES
from areasend.framework.events import (
    Event,
    Framework,
    Outcome,
    PlanKind,
)
from areasend.framework.params import DEFAULTS, Params

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
    model = Replay(params or DEFAULTS, calendar or england()).run(chronology(history))
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
