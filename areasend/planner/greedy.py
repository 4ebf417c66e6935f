"""The baseline: earliest deadline first, each activity in its earliest free week.

Locked activities go first, then the rest by due week (worse outcome first on
a tie); each takes the earliest week with a free team, the least-loaded team
among those. What finds no place is left unplaced, not forced.
"""

from __future__ import annotations

import time
from collections import Counter

from areasend.planner.model import Assignment, Plan, Scenario, options


def plan_greedy(scenario: Scenario) -> Plan:
    began = time.perf_counter()
    locked = {lock.activity for lock in scenario.locks}
    order = sorted(
        scenario.activities,
        key=lambda a: (a.id not in locked, a.due_week, -a.priority, a.earliest_week, a.id),
    )
    busy: set[tuple[str, int]] = set()
    per_quarter: Counter[tuple[str, tuple[int, int]]] = Counter()
    per_region_term: Counter[tuple[str, str]] = Counter()
    area_starts: dict[str, list[int]] = {}
    load: Counter[str] = Counter()
    cap = scenario.max_per_region_per_term
    assignments: list[Assignment] = []
    unplaced: list[str] = []
    for activity in order:
        choice = None
        for week, team in sorted(options(scenario, activity), key=lambda o: (o[0], load[o[1].id])):
            if (
                any((team.id, w) in busy for w in activity.occupies(week))
                or per_quarter[team.id, scenario.quarter(week)] >= team.max_per_quarter
                or (
                    cap is not None and per_region_term[activity.region, scenario.term(week)] >= cap
                )
                or any(
                    abs(week - s) < scenario.area_gap_weeks
                    for s in area_starts.get(activity.area, [])
                )
            ):
                continue
            choice = (week, team)
            break
        if choice is None:
            unplaced.append(activity.id)
            continue
        week, team = choice
        busy.update((team.id, w) for w in activity.occupies(week))
        per_quarter[team.id, scenario.quarter(week)] += 1
        per_region_term[activity.region, scenario.term(week)] += 1
        area_starts.setdefault(activity.area, []).append(week)
        load[team.id] += 1
        assignments.append(Assignment(activity.id, week, team.id))
    return Plan(
        tuple(assignments),
        tuple(unplaced),
        status="planned" if not unplaced else "incomplete",
        solve_seconds=time.perf_counter() - began,
    )
