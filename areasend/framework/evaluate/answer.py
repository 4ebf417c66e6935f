"""``evaluate(history, today)``: where an area stands, what is due, what may come next."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from areasend.framework.calendar import WorkingCalendar, england
from areasend.framework.evaluate.gates import area_gate, phase_gate
from areasend.framework.evaluate.model import Model, state_of
from areasend.framework.evaluate.obligations import Due, obligations_of
from areasend.framework.evaluate.replay import Replay, chronology
from areasend.framework.evaluate.tables import INSPECTION_SCOPED, STATES, UNRECORDED_LABELS
from areasend.framework.events import (
    Event,
    EventType,
    HistoryError,
)
from areasend.framework.params import DEFAULTS, Params
from areasend.framework.status import AreaStatus, Obligation, Refusal

# ---------------------------------------------------------------------------
# The answer


def _next_steps(
    model: Model, today: dt.date, calendar: WorkingCalendar
) -> tuple[tuple[str, ...], tuple[Refusal, ...]]:
    allowed: list[str] = []
    refused: list[Refusal] = []
    latest = model.active or model.latest
    for event_type in EventType:
        if event_type in INSPECTION_SCOPED:
            refusal = phase_gate(latest, event_type)
        else:
            refusal = area_gate(model, event_type, today, calendar)
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
    replay = Replay(params, calendar)
    replay.run(events)
    if replay.problems:
        raise HistoryError(replay.problems)
    model = Replay(params, calendar).run(e for e in events if e.date <= today)
    state = state_of(model)
    allowed, refused = _next_steps(model, today, calendar)
    obligations = tuple(obligations_of(Due(model, params, calendar, today, published_until)))
    return AreaStatus(
        today=today,
        state=state,
        state_label=state_label(state, obligations),
        obligations=obligations,
        allowed=allowed,
        refused=refused,
    )
