"""Why a scenario has no plan: a small set of activities and the constraints they break together.

1. Each activity may be planned or not under an assumption literal; CP-SAT's
   ``sufficient_assumptions_for_infeasibility`` gives a core of activities that
   cannot all be planned.
2. A deletion filter shrinks the core: drop an activity, and keep it dropped if
   the rest is still infeasible. What remains is minimal: every activity in it matters.
3. Each constraint is relaxed in turn on that core; those whose relaxation makes
   the core plannable are the constraints in conflict.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from areasend.planner.cpsat import build
from areasend.planner.problem import Activity, Constraint, Scenario

RELAXABLE = tuple(c for c in Constraint if c is not Constraint.PLANNED)


@dataclass(frozen=True)
class Explanation:
    activities: tuple[str, ...]
    constraints: tuple[Constraint, ...]

    def __str__(self) -> str:
        rules = "; ".join(c.value for c in self.constraints) or "(no single constraint)"
        return (
            f"These {len(self.activities)} activities cannot all be planned: "
            f"{', '.join(self.activities)}. Constraints in conflict: {rules}."
        )


def explain(scenario: Scenario, *, time_limit: float = 10.0) -> Explanation | None:
    """None when the scenario is feasible after all."""
    core = _core(scenario, time_limit)
    if core is None:
        return None
    for activity in list(core):
        rest = [a for a in core if a is not activity]
        if rest and not _feasible(scenario, rest, frozenset(), time_limit):
            core = rest
    conflicting = tuple(
        c for c in RELAXABLE if _feasible(scenario, core, frozenset({c}), time_limit)
    )
    return Explanation(tuple(a.id for a in core), conflicting)


def _solver(time_limit: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = 1  # assumption cores need the sequential search
    return solver


def _core(scenario: Scenario, time_limit: float) -> list[Activity] | None:
    built = build(scenario, assumable=True)
    literals = list(built.take.values())
    built.model.add_assumptions(literals)
    solver = _solver(time_limit)
    if solver.solve(built.model) != cp_model.INFEASIBLE:
        return None
    blamed = {built.take[a.id].index for a in scenario.activities}
    found = set(solver.sufficient_assumptions_for_infeasibility()) & blamed
    core = [a for a in scenario.activities if built.take[a.id].index in found]
    return core or list(scenario.activities)


def _feasible(
    scenario: Scenario, activities: list[Activity], relaxed: frozenset[Constraint], limit: float
) -> bool:
    status = _solver(limit).solve(build(scenario, activities, relaxed).model)
    return status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
