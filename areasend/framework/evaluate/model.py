"""The model the history is replayed into: inspections, plans, cycles; and the state it is in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from areasend.framework.evaluate.tables import (
    F16,
    MONITORING,
    PHASE_STATES,
    REVISIT,
)
from areasend.framework.events import (
    Framework,
    InspectionKind,
    Outcome,
    PlanKind,
)
from areasend.framework.knowledge import Record
from areasend.framework.versions import FrameworkVersion

# ---------------------------------------------------------------------------
# The model


@dataclass
class Inspection:
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
class Plan:
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
class Cycle:
    """A full inspection and what follows it, until the next full inspection."""

    full: Inspection
    follow_ups: list[Inspection] = field(default_factory=list)
    plans: dict[PlanKind, Plan] = field(default_factory=dict)
    support_visits: list[dt.date] = field(default_factory=list)
    released: dt.date | None = None
    #: Weaknesses DfE and NHS England released one at a time (OF-WSOA-8).
    released_items: list[str] = field(default_factory=list)
    notice: list[dt.date | None] = field(default_factory=list)  # [issued, lifted]
    superseded_on: dt.date | None = None

    def plan(self, kind: PlanKind) -> Plan:
        return self.plans.setdefault(kind, Plan())

    def follow(self, kind: InspectionKind) -> list[Inspection]:
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
class Model:
    inspections: dict[str, Inspection] = field(default_factory=dict)
    cycles: list[Cycle] = field(default_factory=list)
    engagements: list[dt.date] = field(default_factory=list)
    #: Pause windows [start, end or None] per kind of inspection.
    pauses: dict[InspectionKind, list[list[dt.date | None]]] = field(
        default_factory=lambda: {k: [] for k in InspectionKind}
    )
    area: str | None = None

    @property
    def cycle(self) -> Cycle | None:
        return self.cycles[-1] if self.cycles else None

    @property
    def active(self) -> Inspection | None:
        """The inspection under way (notified, not withdrawn, letter not yet published)."""
        under_way = [
            i for i in self.inspections.values() if i.phase not in ("withdrawn", "reported")
        ]
        return under_way[-1] if under_way else None

    @property
    def latest(self) -> Inspection | None:
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


def _old_cycle_state(cycle: Cycle) -> str:
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


def _new_cycle_state(cycle: Cycle) -> str:
    outcome = cycle.full.outcome
    if outcome in (Outcome.POSITIVE, Outcome.INCONSISTENT):
        return outcome.value
    if any(m.published for m in cycle.follow(MONITORING)):
        return "systemic_failings"
    pap = cycle.plans.get(PlanKind.PRIORITY_ACTION_PLAN)
    if pap is None or not (pap.submitted or pap.published) or pap.last_unfit:
        return "pap_due"
    return "pap_under_review" if pap.pending else "monitoring_inspection_due"


def state_of(model: Model) -> str:
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
