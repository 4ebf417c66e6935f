"""What a revisit or monitoring inspection follows up (from the same replay)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from areasend.framework.calendar import WorkingCalendar, england
from areasend.framework.evaluate.replay import Replay, chronology
from areasend.framework.events import (
    Event,
    Framework,
    InspectionKind,
)
from areasend.framework.params import DEFAULTS, Params

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
    model = Replay(params or DEFAULTS, calendar or england()).run(chronology(history))
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
