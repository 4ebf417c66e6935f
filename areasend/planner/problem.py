"""The planning problem and its answer, in weeks counted from the plan's first Monday.

Week 0 is the Monday ``Scenario.start``; every week number is an index into the
horizon ``0 .. Scenario.weeks - 1``. The planners and the checker read only
these types, so a scenario can be built from the framework (``activities.py``),
from a bench generator or by hand in a test.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType


class Kind(StrEnum):
    FULL = "full"
    MONITORING = "monitoring"
    REVISIT = "revisit"
    ENGAGEMENT = "engagement"


class Constraint(StrEnum):
    """Every hard constraint, as the checker reports and the explainer relaxes them."""

    PLANNED = "every activity is planned once"
    WINDOW = "inside the activity's window"
    TERM = "on site in term weeks only"
    NOTICE = "notice given after the plan is published"
    TEAM_WEEK = "one on-site activity per team per week"
    UNAVAILABLE = "not in a team's unavailable weeks"
    QUARTER = "at most the team's maximum per quarter"
    MIX = "a team with enough Ofsted and CQC inspectors"
    TEAM_REGION = "a regional team stays in its region"
    AREA_GAP = "no two activities in one area too close together"
    REGION_TERM = "regional balance per term"
    LOCK = "locked assignments kept"


@dataclass(frozen=True)
class Mix:
    """The fewest Ofsted and CQC inspectors a team needs for an activity kind."""

    ofsted: int
    cqc: int


#: Assumed team mix per kind (the framework names no numbers): a full inspection is led by
#: Ofsted HMIs with a CQC children's services inspector; revisits and monitoring are smaller.
DEFAULT_MIX: Mapping[Kind, Mix] = MappingProxyType(
    {
        Kind.FULL: Mix(ofsted=2, cqc=1),
        Kind.MONITORING: Mix(ofsted=1, cqc=1),
        Kind.REVISIT: Mix(ofsted=1, cqc=1),
        Kind.ENGAGEMENT: Mix(ofsted=1, cqc=0),
    }
)


@dataclass(frozen=True)
class Activity:
    """One visit to plan. ``start`` is the first on-site week.

    Hard window: ``earliest_week <= start <= latest_week``; starting after
    ``due_week`` is allowed but late (``due_week`` may be negative: already overdue).
    ``term_weeks`` are the weeks wholly in the area's term time; every on-site week
    must be one. ``notice_weeks``: the area is told this many weeks before it
    starts, never before the plan is published.
    """

    id: str
    area: str
    region: str
    kind: Kind
    earliest_week: int
    due_week: int
    latest_week: int
    priority: int
    on_site_weeks: int
    notice_weeks: int
    term_weeks: frozenset[int]
    rule: str = ""
    area_name: str = ""

    def occupies(self, start: int) -> range:
        return range(start, start + self.on_site_weeks)

    def lateness(self, start: int) -> int:
        return max(0, start - self.due_week)


@dataclass(frozen=True)
class Team:
    id: str
    ofsted: int
    cqc: int
    region: str | None = None  # None: works anywhere
    unavailable_weeks: frozenset[int] = frozenset()
    max_per_quarter: int = 13

    def has_mix(self, mix: Mix) -> bool:
        return self.ofsted >= mix.ofsted and self.cqc >= mix.cqc


@dataclass(frozen=True)
class Lock:
    """An assignment the planners must keep as it is (a confirmed visit)."""

    activity: str
    week: int
    team: str


@dataclass(frozen=True)
class Scenario:
    start: dt.date
    weeks: int
    activities: tuple[Activity, ...]
    teams: tuple[Team, ...]
    #: Weeks between the starts of two activities in the same area, at least.
    area_gap_weeks: int = 8
    #: Regional balance: no region gets more than this many activities in one term.
    max_per_region_per_term: int | None = None
    #: The week the plan is published; no area is told before it.
    published_week: int = 0
    mix: Mapping[Kind, Mix] = field(default_factory=lambda: DEFAULT_MIX)
    locks: tuple[Lock, ...] = ()

    def monday(self, week: int) -> dt.date:
        return self.start + dt.timedelta(weeks=week)

    def quarter(self, week: int) -> tuple[int, int]:
        """The calendar quarter (year, 1-4) the week's Monday falls in."""
        day = self.monday(week)
        return day.year, (day.month - 1) // 3 + 1

    def term(self, week: int) -> str:
        """The school term (academic year and season) the week's Monday falls in.

        Autumn is September to December, spring January to Easter (taken as
        March), summer April to August: holidays belong to no planned activity.
        """
        day = self.monday(week)
        year = day.year if day.month >= 9 else day.year - 1
        season = "autumn" if day.month >= 9 else "spring" if day.month <= 3 else "summer"
        return f"{year}/{(year + 1) % 100:02d} {season}"


@dataclass(frozen=True)
class Assignment:
    activity: str
    week: int
    team: str


@dataclass(frozen=True)
class Plan:
    assignments: tuple[Assignment, ...]
    #: Activities the planner could not place (greedy only; CP-SAT explains instead). A plan
    #: that lists any has no assignments: a planner never returns a partial plan.
    unplaced: tuple[str, ...] = ()
    status: str = "planned"
    solve_seconds: float = 0.0


@dataclass(frozen=True)
class PlanSummary:
    total_lateness: int
    max_lateness: int
    late: int
    load_spread: int


def summarise(scenario: Scenario, plan: Plan) -> PlanSummary:
    by_id = {a.id: a for a in scenario.activities}
    late = [by_id[x.activity].lateness(x.week) for x in plan.assignments]
    loads = dict.fromkeys((t.id for t in scenario.teams), 0)
    for x in plan.assignments:
        loads[x.team] += 1
    return PlanSummary(
        total_lateness=sum(late),
        max_lateness=max(late, default=0),
        late=sum(1 for weeks in late if weeks > 0),
        load_spread=max(loads.values(), default=0) - min(loads.values(), default=0),
    )


def options(
    scenario: Scenario, activity: Activity, relaxed: frozenset[Constraint] = frozenset()
) -> list[tuple[int, Team]]:
    """Every (start week, team) that breaks none of the constraints on one activity alone.

    ``relaxed`` drops constraints, which is how the explainer finds the ones that conflict.
    """
    lock = next((k for k in scenario.locks if k.activity == activity.id), None)
    if lock is not None and Constraint.LOCK not in relaxed:
        return [(lock.week, t) for t in scenario.teams if t.id == lock.team]
    if Constraint.WINDOW in relaxed:
        weeks = range(scenario.weeks)
    else:
        weeks = range(
            max(activity.earliest_week, 0), min(activity.latest_week, scenario.weeks - 1) + 1
        )
    need = scenario.mix[activity.kind]
    found = []
    for week in weeks:
        occupied = activity.occupies(week)
        if occupied.stop > scenario.weeks:
            continue
        if Constraint.TERM not in relaxed and not activity.term_weeks.issuperset(occupied):
            continue
        if (
            Constraint.NOTICE not in relaxed
            and week - activity.notice_weeks < scenario.published_week
        ):
            continue
        for team in scenario.teams:
            if Constraint.MIX not in relaxed and not team.has_mix(need):
                continue
            if Constraint.TEAM_REGION not in relaxed and team.region not in (None, activity.region):
                continue
            if Constraint.UNAVAILABLE not in relaxed and team.unavailable_weeks.intersection(
                occupied
            ):
                continue
            found.append((week, team))
    return found
