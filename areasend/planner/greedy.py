"""The baseline: earliest deadline first in the earliest free week, repaired when stuck.

Locked activities go first, then the rest by due week (worse outcome first on a
tie); each takes the earliest week with a free team, the least-loaded team
among those, late if no week on time is free.

Earliest-deadline-first is myopic: activities placed earlier can use up every
week an activity with a narrow window could take (in the bench's tight-regional
scenario, the region's per-term cap and the teams' quarterly maximum in the last
terms), though a plan exists. Then a **repair** moves placed activities out of
the way: the stuck activity takes a week whose only obstacle is one placed,
unlocked activity, which moves to a free week of its own or, in turn, moves one
more (an ejection chain, at most ``DEPTH`` activities long, shortest chains first).

A plan is returned only when every activity has a legal place. Otherwise the
plan has no assignments and lists what could not be placed: status "infeasible"
when an activity has no legal (week, team) even alone (the window, term weeks,
notice, team mix, region or availability rule it out), "stuck" when the greedy
search and its repair gave up (the scenario may still be feasible: CP-SAT and
``explain`` decide). Never a partial plan that breaks "every activity is planned".
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from areasend.planner.problem import Activity, Assignment, Plan, Scenario, Team, options

#: The longest ejection chain the repair tries (activities moved for one stuck activity).
DEPTH = 3
#: Week-and-team tests the repairs may make in one run, in all (about a second per 500,000);
#: the tight-regional bench scenario needs about 150,000.
EFFORT = 1_000_000


@dataclass(frozen=True)
class Attempt:
    """What the greedy search placed, complete or not (``plan_cpsat`` hints from it)."""

    assignments: tuple[Assignment, ...]
    unplaced: tuple[str, ...]
    #: Unplaced activities with no legal (week, team) at all, even alone.
    impossible: tuple[str, ...]
    seconds: float

    def plan(self) -> Plan:
        if not self.unplaced:
            return Plan(self.assignments, status="planned", solve_seconds=self.seconds)
        return Plan(
            (),
            self.unplaced,
            status="infeasible" if self.impossible else "stuck",
            solve_seconds=self.seconds,
        )


def place_greedy(scenario: Scenario) -> Attempt:
    began = time.perf_counter()
    state = _State(scenario)
    locked = {lock.activity for lock in scenario.locks}
    order = sorted(
        scenario.activities,
        key=lambda a: (a.id not in locked, a.due_week, -a.priority, a.earliest_week, a.id),
    )
    unplaced: list[str] = []
    for activity in order:
        # Once a repair has failed there will be no plan: the rest are only placed where free.
        if not state.place_free(activity) and (unplaced or not state.repair(activity)):
            unplaced.append(activity.id)
    assignments = tuple(
        Assignment(a, w, t)
        for a, (w, t) in sorted(state.placed.items(), key=lambda kv: (kv[1][0], kv[0]))
    )
    return Attempt(
        assignments,
        tuple(unplaced),
        tuple(a for a in unplaced if not state.options(state.by_id[a])),
        time.perf_counter() - began,
    )


def plan_greedy(scenario: Scenario) -> Plan:
    """A complete plan, or no assignments with the unplaced activities and why (module doc)."""
    return place_greedy(scenario).plan()


@dataclass
class _State:
    scenario: Scenario
    by_id: dict[str, Activity] = field(init=False)
    teams: dict[str, Team] = field(init=False)
    locked: frozenset[str] = field(init=False)
    placed: dict[str, tuple[int, str]] = field(default_factory=dict)
    busy: dict[tuple[str, int], str] = field(default_factory=dict)
    per_quarter: defaultdict[tuple[str, tuple[int, int]], set[str]] = field(
        default_factory=lambda: defaultdict(set)
    )
    per_region_term: defaultdict[tuple[str, str], set[str]] = field(
        default_factory=lambda: defaultdict(set)
    )
    area_starts: defaultdict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    load: Counter[str] = field(default_factory=Counter)
    effort: int = EFFORT
    _options: dict[str, list[tuple[int, Team]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {a.id: a for a in self.scenario.activities}
        self.teams = {t.id: t for t in self.scenario.teams}
        self.locked = frozenset(lock.activity for lock in self.scenario.locks)

    def options(self, activity: Activity) -> list[tuple[int, Team]]:
        if activity.id not in self._options:
            self._options[activity.id] = options(self.scenario, activity)
        return self._options[activity.id]

    def blockers(self, activity: Activity, week: int, team: Team) -> list[set[str]]:
        """What stands in the way of ``activity`` at (``week``, ``team``): each set needs one
        of its activities moved (team weeks and area gaps: a set of one, for each clash)."""
        self.effort -= 1
        scenario = self.scenario
        found: list[set[str]] = [
            {self.busy[team.id, w]} for w in activity.occupies(week) if (team.id, w) in self.busy
        ]
        quarter = self.per_quarter[team.id, scenario.quarter(week)]
        if len(quarter) >= team.max_per_quarter:
            found += [set(quarter)] * (len(quarter) - team.max_per_quarter + 1)
        cap = scenario.max_per_region_per_term
        if cap is not None:
            region = self.per_region_term[activity.region, scenario.term(week)]
            if len(region) >= cap:
                found += [set(region)] * (len(region) - cap + 1)
        found += [
            {other}
            for other, start in self.area_starts[activity.area].items()
            if abs(week - start) < scenario.area_gap_weeks
        ]
        return found

    def fits(self, activity: Activity, week: int, team: Team) -> bool:
        """Nothing stands in the way (``blockers`` is empty), found faster."""
        self.effort -= 1
        scenario = self.scenario
        cap = scenario.max_per_region_per_term
        return not (
            any((team.id, w) in self.busy for w in activity.occupies(week))
            or len(self.per_quarter[team.id, scenario.quarter(week)]) >= team.max_per_quarter
            or (
                cap is not None
                and len(self.per_region_term[activity.region, scenario.term(week)]) >= cap
            )
            or any(
                abs(week - start) < scenario.area_gap_weeks
                for start in self.area_starts[activity.area].values()
            )
        )

    def place_free(self, activity: Activity) -> bool:
        """The earliest free week, the least-loaded free team in it."""
        for week, team in sorted(self.options(activity), key=lambda o: (o[0], self.load[o[1].id])):
            if self.fits(activity, week, team):
                self.put(activity, week, team.id)
                return True
        return False

    def repair(self, activity: Activity) -> bool:
        """Place ``activity`` by moving others out of the way, shortest ejection chain first."""
        if activity.id in self.locked:
            return False
        return any(
            self._eject(activity, depth, frozenset({activity.id})) for depth in range(1, DEPTH + 1)
        )

    def _eject(self, activity: Activity, depth: int, chain: frozenset[str]) -> bool:
        """Place ``activity`` where moving one placed activity frees the week, and re-place that
        one free (``depth`` 1) or by another ejection (deeper). Undone if it fails."""
        ranked = sorted(
            self.options(activity),
            key=lambda o: (activity.lateness(o[0]), o[0], self.load[o[1].id]),
        )
        for week, team in ranked:
            stuck = self.blockers(activity, week, team)
            movable = set.intersection(*stuck) - chain - self.locked if stuck else set()
            for other in sorted(movable):
                if self.effort <= 0:
                    return False
                was = self.placed[other]
                self.take(other)
                moved = self.by_id[other]
                if self.blockers(activity, week, team):  # one move was not enough
                    self.put(moved, *was)
                    continue
                self.put(activity, week, team.id)
                if self.place_free(moved) or (
                    depth > 1 and self._eject(moved, depth - 1, chain | {other})
                ):
                    return True
                self.take(activity.id)
                self.put(moved, *was)
        return False

    def put(self, activity: Activity, week: int, team: str) -> None:
        scenario = self.scenario
        self.placed[activity.id] = (week, team)
        self.busy.update(dict.fromkeys(((team, w) for w in activity.occupies(week)), activity.id))
        self.per_quarter[team, scenario.quarter(week)].add(activity.id)
        self.per_region_term[activity.region, scenario.term(week)].add(activity.id)
        self.area_starts[activity.area][activity.id] = week
        self.load[team] += 1

    def take(self, activity_id: str) -> None:
        scenario = self.scenario
        activity = self.by_id[activity_id]
        week, team = self.placed.pop(activity_id)
        for w in activity.occupies(week):
            del self.busy[team, w]
        self.per_quarter[team, scenario.quarter(week)].discard(activity_id)
        self.per_region_term[activity.region, scenario.term(week)].discard(activity_id)
        del self.area_starts[activity.area][activity_id]
        self.load[team] -= 1
