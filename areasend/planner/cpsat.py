"""The optimising planner: a time-indexed CP-SAT model, solved in four stages.

One Boolean per (activity, start week, team) that passes the single-activity
constraints (``model.options``); the shared constraints are linear sums over
them. The objective is lexicographic, solved as stages, each fixing the
previous optimum (or bound, when time ran out) and hinting its solution:

1. fewest late activities; 2. least total lateness (weeks);
3. worst outcomes earliest: least sum of priority x start week;
4. even load: least difference between the busiest and idlest team.
"""

from __future__ import annotations

import dataclasses
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from areasend.planner.greedy import place_greedy
from areasend.planner.problem import Activity, Assignment, Constraint, Plan, Scenario, options

Key = tuple[str, int, str]  # activity id, start week, team id


@dataclass
class Built:
    model: cp_model.CpModel
    x: dict[Key, cp_model.IntVar]
    by_activity: dict[str, list[Key]] = field(default_factory=dict)
    #: With ``assumable``: a literal per activity, true when it must be planned.
    take: dict[str, cp_model.IntVar] = field(default_factory=dict)


def build(
    scenario: Scenario,
    activities: Iterable[Activity] | None = None,
    relaxed: frozenset[Constraint] = frozenset(),
    *,
    assumable: bool = False,
    near: dict[str, int] | None = None,
    reach: int = 0,
) -> Built:
    """The model; with ``near`` (activity id -> a week), an activity may start only within
    ``reach`` weeks of that week or of its due week."""
    model = cp_model.CpModel()
    chosen = list(scenario.activities if activities is None else activities)
    built = Built(model, {})
    team_week: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
    quarter: dict[tuple[str, tuple[int, int]], list[cp_model.IntVar]] = defaultdict(list)
    region_term: dict[tuple[str, str], list[cp_model.IntVar]] = defaultdict(list)
    area_week: dict[str, dict[int, list[cp_model.IntVar]]] = defaultdict(lambda: defaultdict(list))
    caps = {t.id: t.max_per_quarter for t in scenario.teams}
    for activity in chosen:
        keys = []
        for week, team in options(scenario, activity, relaxed):
            if (
                near
                and activity.id in near
                and not (
                    abs(week - near[activity.id]) <= reach or abs(week - activity.due_week) <= reach
                )
            ):
                continue
            key = (activity.id, week, team.id)
            var = model.new_bool_var(f"x_{activity.id}_{week}_{team.id}")
            built.x[key] = var
            keys.append(key)
            for w in activity.occupies(week):
                team_week[team.id, w].append(var)
            quarter[team.id, scenario.quarter(week)].append(var)
            region_term[activity.region, scenario.term(week)].append(var)
            area_week[activity.area][week].append(var)
        built.by_activity[activity.id] = keys
        placed = sum(built.x[k] for k in keys)
        if assumable:
            take = model.new_bool_var(f"take_{activity.id}")
            built.take[activity.id] = take
            model.add(placed == 1).only_enforce_if(take)
        else:
            model.add(placed == 1)
    if Constraint.TEAM_WEEK not in relaxed:
        for on_site in team_week.values():
            model.add_at_most_one(on_site)
    if Constraint.QUARTER not in relaxed:
        for (team_id, _), starts in quarter.items():
            if len(starts) > caps[team_id]:
                model.add(sum(starts) <= caps[team_id])
    cap = scenario.max_per_region_per_term
    if cap is not None and Constraint.REGION_TERM not in relaxed:
        for starts in region_term.values():
            if len(starts) > cap:
                model.add(sum(starts) <= cap)
    gap = scenario.area_gap_weeks
    if Constraint.AREA_GAP not in relaxed and gap > 1:
        per_area = Counter(a.area for a in chosen)
        for area, weeks in area_week.items():
            if per_area[area] < 2:
                continue
            # Two starts less than ``gap`` apart both fall in some window of ``gap`` weeks.
            for first in range(min(weeks) - gap + 1, max(weeks) + 1):
                window = [v for w in range(first, first + gap) for v in weeks.get(w, [])]
                if len(window) > 1:
                    model.add_at_most_one(window)
    return built


def plan_cpsat(
    scenario: Scenario,
    *,
    time_limit: float = 20.0,
    workers: int = 2,
    reach: int | None = 26,
) -> Plan:
    """The best plan found within ``time_limit`` seconds (shared by the four stages).

    The greedy plan is the starting hint. With ``reach``, each activity may start only
    within ``reach`` weeks of its greedy week or of its due week: a neighbourhood that always
    holds the greedy plan (so CP-SAT is never later than it) and keeps the national model
    small. ``reach=None``, or a greedy search that could not place everything, searches every
    week. No solution in time: the greedy plan if there is one ("greedy (CP-SAT timed out)"),
    else no assignments ("unknown"); never a partial plan.
    """
    began = time.perf_counter()
    # What greedy placed, complete or not, is the hint. Only a complete greedy plan centres the
    # neighbourhood: around a partial one, "infeasible" would prove nothing about the scenario.
    greedy = place_greedy(scenario)
    near = (
        {x.activity: x.week for x in greedy.assignments}
        if reach is not None and not greedy.unplaced
        else None
    )
    built = build(scenario, near=near, reach=reach or 0)
    model, x = built.model, built.x
    by_id = {a.id: a for a in scenario.activities}
    _hint(built, [(x.activity, x.week, x.team) for x in greedy.assignments])
    late_count = sum(v for (a, w, _), v in x.items() if w > by_id[a].due_week)
    lateness = sum(by_id[a].lateness(w) * v for (a, w, _), v in x.items())
    if not greedy.unplaced:
        # Fewest late activities comes first, and fewer late can mean more weeks late in all:
        # never more than greedy's plan, which meets this bound.
        model.add(lateness <= sum(by_id[g.activity].lateness(g.week) for g in greedy.assignments))
    urgency = sum(by_id[a].priority * w * v for (a, w, _), v in x.items())
    loads = {t.id: model.new_int_var(0, len(x), f"load_{t.id}") for t in scenario.teams}
    for team_id, load in loads.items():
        model.add(load == sum(v for (_, _, t), v in x.items() if t == team_id))
    busiest = model.new_int_var(0, len(x), "busiest")
    idlest = model.new_int_var(0, len(x), "idlest")
    model.add_max_equality(busiest, list(loads.values()))
    model.add_min_equality(idlest, list(loads.values()))
    stages = [late_count, lateness, urgency, busiest - idlest]
    deadline = began + time_limit
    status_name = "infeasible"
    proven = True  # every stage solved to optimality
    solution: list[Key] = []
    for stage, objective in enumerate(stages):
        if stage == 1 and solution and not any(by_id[a].due_week < w for a, w, _ in solution):
            continue  # nothing late: no lateness to reduce
        # Half of what is left (all of it for the last stage): the first stages matter most,
        # and time a stage leaves unused passes on.
        left = deadline - time.perf_counter()
        solver = _solver(left if stage == len(stages) - 1 else left / 2, workers)
        model.minimize(objective)
        status = solver.solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            if stage == 0:
                status_name = "infeasible" if status == cp_model.INFEASIBLE else "unknown"
                break
            continue  # keep the previous stage's solution
        proven = proven and status == cp_model.OPTIMAL
        status_name = "optimal" if proven else "feasible"
        solution = [k for k, v in x.items() if solver.boolean_value(v)]
        model.add(objective <= round(solver.objective_value))
        model.clear_hints()  # type: ignore[no-untyped-call]
        _hint(built, solution)
    seconds = time.perf_counter() - began
    if status_name == "unknown":
        # No solution in time: the greedy plan is the best known, if greedy found one; if not,
        # there is no plan (never a partial one), and feasibility is unknown.
        fallback = greedy.plan()
        renamed = {"planned": "greedy (CP-SAT timed out)", "stuck": "unknown"}
        return dataclasses.replace(
            fallback, status=renamed.get(fallback.status, fallback.status), solve_seconds=seconds
        )
    assignments = tuple(
        Assignment(a, w, t) for a, w, t in sorted(solution, key=lambda k: (k[1], k[0]))
    )
    return Plan(assignments, status=status_name, solve_seconds=seconds)


def _solver(seconds: float, workers: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(seconds, 0.1)
    solver.parameters.num_workers = workers
    # Identical teams make the model highly symmetric; symmetry detection then stalls the
    # solver on a complete hint (seen on 96 teams), so it is off.
    solver.parameters.symmetry_level = 0
    return solver


def _hint(built: Built, keys: Iterable[Key]) -> None:
    chosen = set(keys)
    for key, var in built.x.items():
        built.model.add_hint(var, key in chosen)
