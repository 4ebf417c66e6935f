"""Both planners against the independent checker, and the checker against hand-made breaches."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from areasend.planner.checker import check
from areasend.planner.cpsat import plan_cpsat
from areasend.planner.explain import explain
from areasend.planner.greedy import plan_greedy
from areasend.planner.problem import (
    Activity,
    Assignment,
    Constraint,
    Kind,
    Lock,
    Plan,
    Scenario,
    Team,
    summarise,
)

START = dt.date(2027, 1, 4)  # a Monday
TERM = frozenset(range(0, 52)) - {6, 12, 13, 20, 29, 30, 31, 32, 33, 34, 42}


def activity(n: int, due: int, *, area: str = "", priority: int = 2, **kw: object) -> Activity:
    fields: dict[str, object] = {
        "id": f"a{n}",
        "area": area or f"area{n}",
        "region": "London" if n % 2 else "South West",
        "kind": Kind.FULL,
        "earliest_week": 0,
        "due_week": due,
        "latest_week": 51,
        "priority": priority,
        "on_site_weeks": 1,
        "notice_weeks": 1,
        "term_weeks": TERM,
    }
    fields.update(kw)
    return Activity(**fields)  # type: ignore[arg-type]


def scenario(activities: list[Activity], teams: int = 2, **kw: object) -> Scenario:
    crew = tuple(Team(f"t{k}", ofsted=2, cqc=1) for k in range(teams))
    return Scenario(START, 52, tuple(activities), crew, **kw)  # type: ignore[arg-type]


SMALL = scenario([activity(n, due=3 + 2 * n, priority=1 + n % 4) for n in range(10)])
# One team. a0 is due first, so earliest-deadline-first gives it week 1, the only early
# term week a1's area has; a1 then waits for week 20. CP-SAT swaps them: nobody is late.
TIGHT = scenario(
    [
        activity(0, due=5),
        activity(1, due=6, term_weeks=frozenset({1, 20})),
        activity(2, due=9),
        activity(3, due=9, priority=4),
    ],
    teams=1,
)
FAST = 3.0


@pytest.mark.parametrize("case", [SMALL, TIGHT], ids=["small", "tight"])
@pytest.mark.parametrize("planner", ["greedy", "cpsat"])
def test_checker_accepts_every_plan_a_planner_returns(case: Scenario, planner: str) -> None:
    plan = plan_greedy(case) if planner == "greedy" else plan_cpsat(case, time_limit=FAST)
    assert plan.assignments
    assert check(case, plan) == []


def test_cpsat_lateness_no_worse_than_greedy_on_small() -> None:
    greedy, cpsat = plan_greedy(SMALL), plan_cpsat(SMALL, time_limit=FAST)
    assert summarise(SMALL, cpsat).total_lateness <= summarise(SMALL, greedy).total_lateness


def test_cpsat_strictly_less_late_than_greedy_on_tight() -> None:
    greedy, cpsat = plan_greedy(TIGHT), plan_cpsat(TIGHT, time_limit=FAST)
    assert check(TIGHT, greedy) == []
    assert summarise(TIGHT, cpsat).total_lateness < summarise(TIGHT, greedy).total_lateness


def test_greedy_moves_a_placed_activity_to_make_room_rather_than_leave_one_out() -> None:
    # Earliest deadline first gives a0 week 1, the only week a1 may start in; the repair
    # moves a0 to week 2 (one week late) and a1 takes week 1.
    case = scenario(
        [activity(0, due=1), activity(1, due=2, earliest_week=1, latest_week=1)], teams=1
    )
    plan = plan_greedy(case)
    assert (plan.status, plan.unplaced) == ("planned", ())
    assert check(case, plan) == []
    assert set(plan.assignments) == {Assignment("a1", 1, "t0"), Assignment("a0", 2, "t0")}


def test_greedy_repair_moves_along_a_chain() -> None:
    # One team; a0 and a1 fill weeks 1 and 2; a2 may start only in week 1. Moving a0 to
    # week 2 needs a1 moved on to week 3.
    case = scenario(
        [
            activity(0, due=1, latest_week=2),
            activity(1, due=2),
            activity(2, due=3, earliest_week=1, latest_week=1),
        ],
        teams=1,
    )
    plan = plan_greedy(case)
    assert check(case, plan) == []
    assert {x.activity: x.week for x in plan.assignments} == {"a2": 1, "a0": 2, "a1": 3}


def test_greedy_returns_no_partial_plan_when_stuck() -> None:
    # a1 and a2 share an area and must both start in weeks 2-3, but 8 weeks apart.
    case = scenario(
        [
            activity(1, due=3, area="X", latest_week=3, earliest_week=2),
            activity(2, due=3, area="X", latest_week=3, earliest_week=2),
            activity(3, due=20),
        ],
        teams=3,
    )
    plan = plan_greedy(case)
    assert (plan.status, plan.assignments, plan.unplaced) == ("stuck", (), ("a2",))


def test_greedy_says_infeasible_when_an_activity_has_no_legal_week_at_all() -> None:
    case = scenario([activity(1, due=3), activity(2, due=3, term_weeks=frozenset())])
    plan = plan_greedy(case)
    assert (plan.status, plan.assignments, plan.unplaced) == ("infeasible", (), ("a2",))
    assert plan_cpsat(case, time_limit=FAST).status == "infeasible"
    why = explain(case, time_limit=FAST)
    assert why is not None and why.activities == ("a2",)
    assert Constraint.TERM in why.constraints


def test_cpsat_never_trades_fewer_late_activities_for_more_lateness_than_greedy() -> None:
    # One team. Greedy: a0 week 1, a1 week 2, a2 week 3: two late by a week each. Only one
    # late activity means a1 in week 10 (9 weeks late): fewer late, but later than greedy.
    case = scenario(
        [
            activity(0, due=1, latest_week=2),
            activity(1, due=1, term_weeks=frozenset({1, 2, 10})),
            activity(2, due=2),
        ],
        teams=1,
    )
    greedy, cpsat = plan_greedy(case), plan_cpsat(case, time_limit=FAST)
    assert summarise(case, greedy).total_lateness == 2
    assert check(case, cpsat) == []
    assert summarise(case, cpsat).total_lateness <= 2


def test_cpsat_plans_worst_outcome_first_when_lateness_ties() -> None:
    case = scenario([activity(1, due=10, priority=1), activity(2, due=10, priority=4)], teams=1)
    weeks = {x.activity: x.week for x in plan_cpsat(case, time_limit=FAST).assignments}
    assert weeks["a2"] < weeks["a1"]


def test_cpsat_keeps_locks_and_plans_around_them() -> None:
    case = dataclasses.replace(SMALL, locks=(Lock("a0", 9, "t1"),))
    plan = plan_cpsat(case, time_limit=FAST)
    assert Assignment("a0", 9, "t1") in plan.assignments
    assert check(case, plan) == []


def test_infeasible_scenario_explanation_names_the_conflicting_activities() -> None:
    # a1 and a2 share an area and must both start in weeks 2-3, but 8 weeks apart.
    crowded = [
        activity(1, due=3, area="X", latest_week=3, earliest_week=2),
        activity(2, due=3, area="X", latest_week=3, earliest_week=2),
    ]
    case = scenario(crowded + [activity(n, due=20) for n in range(3, 8)], teams=3)
    assert plan_cpsat(case, time_limit=FAST).status == "infeasible"
    assert plan_greedy(case).assignments == ()  # never a partial plan
    why = explain(case, time_limit=FAST)
    assert why is not None
    assert set(why.activities) == {"a1", "a2"}
    assert Constraint.AREA_GAP in why.constraints
    assert "a1, a2" in str(why)


def test_feasible_scenario_has_no_explanation() -> None:
    assert explain(SMALL, time_limit=FAST) is None


# One hand-made breach per constraint: start from a good plan, break one thing.
GOOD = scenario(
    [activity(1, due=5), activity(2, due=5, area="area1"), activity(3, due=5)],
    teams=2,
    area_gap_weeks=4,
    max_per_region_per_term=2,
    locks=(Lock("a3", 5, "t1"),),
)
GOOD = dataclasses.replace(
    GOOD,
    teams=(
        Team("t0", 2, 1, unavailable_weeks=frozenset({15})),
        Team("t1", 2, 1, max_per_quarter=2),
        Team("small", 1, 0),
        Team("west", 2, 1, region="South West"),
    ),
)
GOOD_PLAN = (Assignment("a1", 1, "t0"), Assignment("a2", 5, "t0"), Assignment("a3", 5, "t1"))


def breaking(*changes: tuple[int, Assignment | None]) -> Plan:
    plan: list[Assignment | None] = list(GOOD_PLAN)
    for index, replacement in changes:
        plan[index] = replacement
    return Plan(tuple(x for x in plan if x is not None))


def test_good_plan_passes() -> None:
    assert check(GOOD, Plan(GOOD_PLAN)) == []


@pytest.mark.parametrize(
    ("constraint", "plan"),
    [
        (Constraint.PLANNED, breaking((0, None))),
        (Constraint.WINDOW, Plan(GOOD_PLAN)),
        (Constraint.TERM, breaking((0, Assignment("a1", 12, "t0")))),
        (Constraint.NOTICE, breaking((0, Assignment("a1", 0, "t0")))),
        (Constraint.TEAM_WEEK, breaking((1, Assignment("a2", 5, "t1")))),
        (Constraint.UNAVAILABLE, breaking((0, Assignment("a1", 15, "t0")))),
        (Constraint.MIX, breaking((0, Assignment("a1", 1, "small")))),
        (Constraint.TEAM_REGION, breaking((0, Assignment("a1", 1, "west")))),
        (Constraint.AREA_GAP, breaking((0, Assignment("a1", 3, "t1")))),
        (Constraint.LOCK, breaking((2, Assignment("a3", 7, "t1")))),
    ],
    ids=lambda value: value.name if isinstance(value, Constraint) else "",
)
def test_checker_rejects_a_breach_of(constraint: Constraint, plan: Plan) -> None:
    if constraint is Constraint.WINDOW:
        case = dataclasses.replace(
            GOOD,
            activities=(
                dataclasses.replace(GOOD.activities[0], earliest_week=2),
                *GOOD.activities[1:],
            ),
        )
    else:
        case = GOOD
    found = check(case, plan)
    assert [b.constraint for b in found] == [constraint], [str(b) for b in found]


def test_checker_rejects_more_than_the_team_quarterly_maximum() -> None:
    plan = Plan(
        (
            Assignment("a1", 1, "t1"),
            Assignment("a2", 5, "t0"),
            Assignment("a3", 5, "t1"),
        )
    )
    case = dataclasses.replace(
        GOOD,
        teams=(
            *GOOD.teams[:1],
            dataclasses.replace(GOOD.teams[1], max_per_quarter=1),
            *GOOD.teams[2:],
        ),
    )
    assert [b.constraint for b in check(case, plan)] == [Constraint.QUARTER]


def test_checker_rejects_unbalanced_regions_in_a_term() -> None:
    case = dataclasses.replace(GOOD, max_per_region_per_term=1)
    found = check(case, Plan(GOOD_PLAN))
    assert [b.constraint for b in found] == [Constraint.REGION_TERM]
    assert found[0].activity in {"a1", "a3"}
