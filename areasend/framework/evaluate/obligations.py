"""Obligations derived from the replayed model by small builders, each naming its rule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from areasend.framework.calendar import WorkingCalendar, add_months
from areasend.framework.evaluate.model import Cycle, Inspection, Model, Plan
from areasend.framework.evaluate.tables import (
    DUTIES,
    F16,
    F23,
    INSPECTORATE,
    MONITORING,
    PUBLICATION,
    REVISIT,
    Duty,
)
from areasend.framework.events import (
    InspectionKind,
    Outcome,
    PlanKind,
)
from areasend.framework.knowledge import Known, Record, Standing, standing
from areasend.framework.params import Params
from areasend.framework.rules import OUTCOMES
from areasend.framework.schedule import (
    earliest_fieldwork,
)
from areasend.framework.status import Obligation
from areasend.framework.versions import framework_start

# ---------------------------------------------------------------------------
# Obligations


def _first(days: Iterable[dt.date], after: dt.date | None = None) -> dt.date | None:
    return min((d for d in days if after is None or d >= after), default=None)


@dataclass
class Due:
    """Builds obligations as of ``today``, stopping the clocks the pause stops (ADR 0003)."""

    model: Model
    params: Params
    calendar: WorkingCalendar
    today: dt.date
    published_until: dt.date | None = None

    def wd(self, day: dt.date, param: str) -> dt.date:
        return self.calendar.add_working_days(day, self.params.number(param))

    def months(self, day: dt.date, param: str) -> dt.date:
        return add_months(day, self.params.number(param))

    def make(
        self, duty: Duty, due: dt.date, met: dt.date | None, inspection: Inspection | None
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
        inspection: Inspection | None,
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


def _report_clock(inspection: Inspection, choice: str) -> dt.date | None:
    """When the area 'received' the report: report_received, else by the parameter (Q2)."""
    if inspection.received:
        return inspection.received
    if choice == "letter_dated":
        return inspection.dated or inspection.published
    return inspection.published


def _inspection_obligations(due: Due, inspection: Inspection) -> Iterator[Obligation]:
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


def _wsoa_obligations(due: Due, cycle: Cycle) -> Iterator[Obligation]:
    full = cycle.full
    clock = _report_clock(full, due.params.choice("wsoa.clock_start"))
    if full.outcome is not Outcome.WSOA or clock is None:
        return
    wsoa = cycle.plans.get(PlanKind.WSOA, Plan())
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
        app = cycle.plans.get(PlanKind.ACCELERATED_PROGRESS_PLAN, Plan())
        app_met = _first([*app.submitted, *app.published], revisit.published)
        yield due.make(DUTIES["app"], by, app_met, revisit)
        review_met = _first(cycle.support_visits, revisit.published)
        yield due.make(DUTIES["progress_review"], by, review_met, revisit)


def _new_cycle_obligations(due: Due, cycle: Cycle) -> Iterator[Obligation]:
    full = cycle.full
    clock = _report_clock(full, due.params.choice("nf.clock_start"))
    if full.framework is not F23 or full.outcome is None or clock is None:
        return
    plans = cycle.plans
    strategic = plans.get(PlanKind.STRATEGIC_PLAN, Plan())
    by = due.wd(clock, "nf.strategic_plan_wd")
    yield due.make(DUTIES["strategic_plan"], by, _first(strategic.published), full)
    if full.outcome is not Outcome.SYSTEMIC_FAILINGS:
        return
    pap = plans.get(PlanKind.PRIORITY_ACTION_PLAN, Plan())
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


def _next_full_obligations(due: Due) -> Iterator[Obligation]:
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


def _engagement_obligations(due: Due) -> Iterator[Obligation]:
    """NF-ENG-1: yearly from the framework's start and from each report, to the next inspection."""
    new = [i for i in due.model.inspections.values() if i.framework is F23 and not i.withdrawn]
    # Each chain belongs to the report it counts from: its record says what can be known.
    starts: dict[dt.date, Inspection | None] = {framework_start(F23): None}
    starts.update({i.published: i for i in new if i.published})
    for start in sorted(s for s in starts if s <= due.today):
        end = _first(i.notified for i in new if i.notified > start)
        interval = "nf.engagement_months"
        yield from due.chain(
            DUTIES["engagement"], start, end, interval, due.model.engagements, starts[start]
        )


def obligations_of(due: Due) -> list[Obligation]:
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
