"""The judge: checks any plan against every hard constraint, sharing no code with the planners.

Each breach names the constraint, the activity, the team and the week, so a
planner's bug or a hand edit shows exactly where it went wrong.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass

from areasend.planner.problem import Activity, Assignment, Constraint, Plan, Scenario, Team


@dataclass(frozen=True)
class Breach:
    constraint: Constraint
    activity: str
    team: str | None
    week: int | None
    detail: str

    def __str__(self) -> str:
        where = f" (team {self.team}, week {self.week})" if self.team is not None else ""
        return f"{self.constraint.value}: {self.activity}{where}: {self.detail}"


def check(scenario: Scenario, plan: Plan) -> list[Breach]:
    activities = {a.id: a for a in scenario.activities}
    teams = {t.id: t for t in scenario.teams}
    breaches: list[Breach] = []
    placed: list[tuple[Assignment, Activity, Team]] = []
    counts = Counter(x.activity for x in plan.assignments)
    for activity in scenario.activities:
        if counts[activity.id] != 1:
            breaches.append(
                Breach(
                    Constraint.PLANNED,
                    activity.id,
                    None,
                    None,
                    f"planned {counts[activity.id]} times",
                )
            )
    for x in plan.assignments:
        known, team = activities.get(x.activity), teams.get(x.team)
        if known is None or team is None:
            what = "activity" if known is None else "team"
            breaches.append(
                Breach(Constraint.PLANNED, x.activity, x.team, x.week, f"no such {what}")
            )
            continue
        placed.append((x, known, team))
        breaches += _single(scenario, x, known, team)
    breaches += _team_weeks(placed)
    breaches += _quarters(scenario, placed)
    breaches += _area_gaps(scenario, placed)
    breaches += _region_terms(scenario, placed)
    breaches += _locks(scenario, plan)
    return breaches


def _single(scenario: Scenario, x: Assignment, a: Activity, team: Team) -> list[Breach]:
    found: list[tuple[Constraint, str]] = []
    if not a.earliest_week <= x.week <= a.latest_week:
        found.append((Constraint.WINDOW, f"weeks {a.earliest_week}-{a.latest_week}"))
    occupied = a.occupies(x.week)
    if not all(w in a.term_weeks for w in occupied) or occupied.stop > scenario.weeks:
        found.append((Constraint.TERM, "an on-site week is outside the area's term time"))
    if x.week - a.notice_weeks < scenario.published_week:
        found.append(
            (Constraint.NOTICE, f"{a.notice_weeks} weeks' notice before week {x.week} "
             f"falls before publication in week {scenario.published_week}")
        )  # fmt: skip
    if team.unavailable_weeks.intersection(occupied):
        found.append((Constraint.UNAVAILABLE, "the team is unavailable"))
    need = scenario.mix[a.kind]
    if team.ofsted < need.ofsted or team.cqc < need.cqc:
        found.append(
            (Constraint.MIX, f"{a.kind} needs {need.ofsted} Ofsted and {need.cqc} CQC inspectors, "
             f"the team has {team.ofsted} and {team.cqc}")
        )  # fmt: skip
    if team.region is not None and team.region != a.region:
        found.append((Constraint.TEAM_REGION, f"{team.region} team in {a.region}"))
    return [Breach(c, a.id, team.id, x.week, detail) for c, detail in found]


Placed = list[tuple[Assignment, Activity, Team]]


def _team_weeks(placed: Placed) -> list[Breach]:
    on_site: dict[tuple[str, int], list[str]] = defaultdict(list)
    for x, a, team in placed:
        for week in a.occupies(x.week):
            on_site[team.id, week].append(a.id)
    return [
        Breach(Constraint.TEAM_WEEK, other, team, week, f"also on site for {ids[0]}")
        for (team, week), ids in on_site.items()
        for other in ids[1:]
    ]


def _quarters(scenario: Scenario, placed: Placed) -> list[Breach]:
    by_quarter: dict[tuple[str, tuple[int, int]], list[Assignment]] = defaultdict(list)
    limits = {}
    for x, _, team in placed:
        by_quarter[team.id, scenario.quarter(x.week)].append(x)
        limits[team.id] = team.max_per_quarter
    return [
        Breach(Constraint.QUARTER, x.activity, team, x.week, f"{len(xs)} in {q[0]} Q{q[1]}")
        for (team, q), xs in by_quarter.items()
        if len(xs) > limits[team]
        for x in xs[limits[team] :]
    ]


def _area_gaps(scenario: Scenario, placed: Placed) -> list[Breach]:
    by_area: dict[str, list[Assignment]] = defaultdict(list)
    for x, a, _ in placed:
        by_area[a.area].append(x)
    return [
        Breach(Constraint.AREA_GAP, second.activity, second.team, second.week,
               f"{second.week - first.week} weeks after {first.activity}")
        for xs in by_area.values()
        for first, second in itertools.combinations(sorted(xs, key=lambda x: x.week), 2)
        if second.week - first.week < scenario.area_gap_weeks
    ]  # fmt: skip


def _region_terms(scenario: Scenario, placed: Placed) -> list[Breach]:
    cap = scenario.max_per_region_per_term
    if cap is None:
        return []
    by_term: dict[tuple[str, str], list[Assignment]] = defaultdict(list)
    for x, a, _ in placed:
        by_term[a.region, scenario.term(x.week)].append(x)
    return [
        Breach(Constraint.REGION_TERM, x.activity, x.team, x.week,
               f"{len(xs)} activities in {region} in {term}, at most {cap}")
        for (region, term), xs in by_term.items()
        if len(xs) > cap
        for x in xs[cap:]
    ]  # fmt: skip


def _locks(scenario: Scenario, plan: Plan) -> list[Breach]:
    got = {(x.activity, x.week, x.team) for x in plan.assignments}
    return [
        Breach(
            Constraint.LOCK, lock.activity, lock.team, lock.week, "locked here, planned elsewhere"
        )
        for lock in scenario.locks
        if (lock.activity, lock.week, lock.team) not in got
    ]
