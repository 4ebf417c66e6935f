"""The events of a local area's inspection history (framework.md §9)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class EventType(StrEnum):
    INSPECTION_NOTIFIED = "inspection_notified"
    FIELDWORK_STARTED = "fieldwork_started"
    FIELDWORK_ENDED = "fieldwork_ended"
    DEFERRAL_REQUESTED = "deferral_requested"
    DEFERRAL_DECIDED = "deferral_decided"
    LETTER_DATED = "letter_dated"
    LETTER_PUBLISHED = "letter_published"
    REPORT_RECEIVED = "report_received"
    PROGRESS_JUDGED = "progress_judged"
    PLAN_SUBMITTED = "plan_submitted"
    PLAN_JUDGED = "plan_judged"
    PLAN_PUBLISHED = "plan_published"
    SUPPORT_VISIT = "support_visit"
    IMPROVEMENT_NOTICE_ISSUED = "improvement_notice_issued"
    IMPROVEMENT_NOTICE_LIFTED = "improvement_notice_lifted"
    RELEASED_FROM_MONITORING = "released_from_monitoring"
    ENGAGEMENT_MEETING = "engagement_meeting"
    THEMATIC_VISIT = "thematic_visit"
    PROGRAMME_PAUSED = "programme_paused"
    PROGRAMME_RESUMED = "programme_resumed"


class InspectionKind(StrEnum):
    FULL = "full"
    REVISIT = "revisit"
    MONITORING = "monitoring"


class Framework(StrEnum):
    F2016 = "2016"
    F2023 = "2023"


class Outcome(StrEnum):
    WSOA = "wsoa"
    NO_WSOA = "no_wsoa"
    POSITIVE = "positive"
    INCONSISTENT = "inconsistent"
    SYSTEMIC_FAILINGS = "systemic_failings"


class PlanKind(StrEnum):
    WSOA = "wsoa"
    PRIORITY_ACTION_PLAN = "priority_action_plan"
    STRATEGIC_PLAN = "strategic_plan"
    ACCELERATED_PROGRESS_PLAN = "accelerated_progress_plan"


#: Events that concern the whole national programme, not one area.
NATIONAL_EVENTS = frozenset({EventType.PROGRAMME_PAUSED, EventType.PROGRAMME_RESUMED})


@dataclass(frozen=True)
class Event:
    """One dated fact of a history.

    ``line`` is the 1-based line of the JSON Lines source it came from (0 when
    the event was built in code, such as the national COVID pause), so every
    problem found later can still name the line.
    """

    date: dt.date
    type: EventType
    area: str | None = None
    inspection: str | None = None
    line: int = 0
    kind: InspectionKind | None = None
    framework: Framework | None = None
    remote: bool | None = None
    granted: bool | None = None
    reason: str | None = None
    outcome: Outcome | None = None
    weaknesses: tuple[str, ...] = ()
    weakness: str | None = None
    sufficient: bool | None = None
    plan: PlanKind | None = None
    fit: bool | None = None
    by: str | None = None
    theme: str | None = None
    source: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Problem:
    """What is wrong with a history, where, and what was expected."""

    line: int
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "history"
        if self.field:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


class HistoryError(ValueError):
    """A history that cannot be read or that the rules forbid."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(str(p) for p in self.problems))
