"""The replay: each event's finer checks, then applied to the model."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence

from areasend.framework.calendar import WorkingCalendar
from areasend.framework.evaluate.gates import area_gate, notify_refusals, phase_gate
from areasend.framework.evaluate.model import Cycle, Inspection, Model
from areasend.framework.evaluate.tables import (
    FULL,
    INSPECTION_SCOPED,
    PLAN_EVENTS,
    PLAN_RULES,
    RESUMES,
    REVISIT,
    VALID_OUTCOMES,
    E,
)
from areasend.framework.events import (
    NATIONAL_EVENTS,
    Event,
    EventType,
    Problem,
)
from areasend.framework.history import COVID_PAUSE
from areasend.framework.knowledge import record_of
from areasend.framework.params import Params
from areasend.framework.schedule import (
    fieldwork_refusals,
)
from areasend.framework.status import Refusal
from areasend.framework.versions import version_in_force

# ---------------------------------------------------------------------------
# Replay: finer checks, then apply


_Issue = tuple[str | None, str]  # field, message (the message names the rule)


def _issue(field_name: str | None, message: str) -> list[_Issue]:
    return [(field_name, message)]


def _refusal_issue(refusal: Refusal, field_name: str | None = None) -> _Issue:
    return field_name, f"{refusal.rule}: {refusal.reason}" if refusal.rule else refusal.reason


class Replay:
    def __init__(self, params: Params, calendar: WorkingCalendar) -> None:
        self.model = Model()
        self.params = params
        self.calendar = calendar
        self.problems: list[Problem] = []

    def run(self, events: Iterable[Event]) -> Model:
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
        refusal = area_gate(model, event.type, event.date, self.calendar)
        if refusal is not None:
            return [_refusal_issue(refusal)]
        if event.type is E.RELEASED_FROM_MONITORING and event.weakness is not None:
            return self._check_release(event.weakness)
        return self._check_plan(event) if event.type in PLAN_EVENTS else []

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
        refusals = notify_refusals(
            self.model, event.kind, event.framework, event.date, self.calendar, exact_day=True
        )
        cycle_rules = ("RV-1", "RV-12", "NF-MON-1", "OF-PRG-2")
        return [_refusal_issue(r, "kind" if r.rule in cycle_rules else "date") for r in refusals]

    def _check_inspection_event(self, event: Event) -> list[_Issue]:
        inspection = self.model.inspections.get(event.inspection or "")
        if inspection is None:
            why = f"unknown inspection '{event.inspection}': no inspection_notified names it before"
            return _issue("inspection", why)
        refusal = phase_gate(inspection, event.type)
        if refusal is not None:
            return [_refusal_issue(refusal)]
        check = _INSPECTION_CHECKS.get(event.type)
        return check(self, inspection, event) if check else []

    def _check_started(self, inspection: Inspection, event: Event) -> list[_Issue]:
        paused = self.model.paused_since(inspection.kind, event.date)
        if paused is not None:
            why = f"CV-1: {inspection.kind} inspections are suspended by the pause since {paused}"
            return _issue("date", why)
        refusals = fieldwork_refusals(
            inspection.kind, inspection.framework, inspection.notified, event.date,
            params=self.params, calendar=self.calendar, remote=bool(event.remote),
        )  # fmt: skip
        return [_refusal_issue(r, "remote" if r.rule == "RV-5" else "date") for r in refusals]

    def _check_ended(self, inspection: Inspection, event: Event) -> list[_Issue]:
        assert inspection.started is not None  # the phase gate saw fieldwork under way
        refusals = fieldwork_refusals(
            inspection.kind, inspection.framework, inspection.notified, inspection.started,
            event.date, params=self.params, calendar=self.calendar,
        )  # fmt: skip
        return [_refusal_issue(r, "date") for r in refusals if r.event == E.FIELDWORK_ENDED]

    def _check_decided(self, inspection: Inspection, event: Event) -> list[_Issue]:
        if event.granted is None:
            return _issue("granted", "RV-6: a deferral decision says whether it was granted")
        return []

    def _check_letter(self, inspection: Inspection, event: Event) -> list[_Issue]:
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

    def _check_judged(self, inspection: Inspection, event: Event) -> list[_Issue]:
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
        if event.inspection is not None and event.inspection != cycle.full.ref:
            # Dated after the next full inspection was notified, it would count in that one's cycle.
            why = (
                f"the plan answers '{event.inspection}', but on {event.date} the area's latest "
                f"full inspection is '{cycle.full.ref}'"
            )
            return _issue("inspection", why)
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
        inspection = Inspection(
            event.inspection, event.kind, event.framework, version, event.date,
            record=record_of(event.source),
        )  # fmt: skip
        self.model.inspections[inspection.ref] = inspection
        cycle = self.model.cycle
        if event.kind is FULL:
            if cycle is not None:
                cycle.superseded_on = event.date
            self.model.cycles.append(Cycle(inspection))
        else:
            assert cycle is not None
            inspection.judges = cycle.full.weaknesses
            cycle.follow_ups.append(inspection)

    def _withdraw(self, inspection: Inspection, day: dt.date) -> None:
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


_INSPECTION_CHECKS: Mapping[EventType, Callable[[Replay, Inspection, Event], list[_Issue]]] = {
    E.FIELDWORK_STARTED: Replay._check_started,
    E.FIELDWORK_ENDED: Replay._check_ended,
    E.DEFERRAL_DECIDED: Replay._check_decided,
    E.LETTER_DATED: Replay._check_letter,
    E.LETTER_PUBLISHED: Replay._check_letter,
    E.PROGRESS_JUDGED: Replay._check_judged,
}


def _set_started(i: Inspection, e: Event) -> None:
    i.started = e.date


def _set_ended(i: Inspection, e: Event) -> None:
    i.ended = e.date


def _set_deferral(i: Inspection, e: Event) -> None:
    i.deferral_pending = e.type is E.DEFERRAL_REQUESTED


def _set_letter(i: Inspection, e: Event) -> None:
    if e.type is E.LETTER_DATED:
        i.dated = e.date
    else:
        i.published = e.date
    i.outcome = e.outcome or i.outcome
    i.weaknesses = e.weaknesses or i.weaknesses


def _set_received(i: Inspection, e: Event) -> None:
    i.received = e.date


def _set_judged(i: Inspection, e: Event) -> None:
    assert e.weakness is not None and e.sufficient is not None
    i.judged[e.weakness] = e.sufficient


_APPLY_INSPECTION: Mapping[EventType, Callable[[Inspection, Event], None]] = {
    E.FIELDWORK_STARTED: _set_started,
    E.FIELDWORK_ENDED: _set_ended,
    E.DEFERRAL_REQUESTED: _set_deferral,
    E.DEFERRAL_DECIDED: _set_deferral,
    E.LETTER_DATED: _set_letter,
    E.LETTER_PUBLISHED: _set_letter,
    E.REPORT_RECEIVED: _set_received,
    E.PROGRESS_JUDGED: _set_judged,
}


def _apply_cycle(cycle: Cycle, event: Event) -> None:
    day = event.date
    if event.type in PLAN_EVENTS:
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


def chronology(history: Sequence[Event]) -> list[Event]:
    """The history in the order the rules read it, with the national COVID pause merged in
    unless the history records a national event of its own."""
    events = list(history)
    if not any(e.type in NATIONAL_EVENTS for e in events):
        events += COVID_PAUSE
    # National events first on a day: a pause or resumption governs that day's notifications.
    return sorted(events, key=lambda e: (e.date, e.type not in NATIONAL_EVENTS))
