"""Programme planner bench: CP-SAT against greedy, both judged by the checker.

    .venv/bin/python bench/planner.py [--seconds 50] [--only NAME ...]

Scenarios (assumptions in docs/planner.md):

- national: the 153 current areas (areasend/areas/data/local_areas.csv) as they stood on
  4 Sep 2023, from the official 2016-22 table and the 2023 management information: each
  area's open inspectorate obligations built as the framework states them, turned into
  activities by ``activities_from_status``; 5-year horizon, 10 national teams.
- small: the first 20 of those areas (alphabetically), 3 teams.
- tight: national with 2 teams of at most 5 a quarter; tight-regional: 3 teams of at most
  3 a quarter and at most 4 activities per region per term.
- tight-1/2, tight-regional-1/3: the same at a half and a third of the size (every 2nd or
  3rd area, 1 team), which the tests run (``small_tight_scenarios``).
- stress: national x10 (1,530 areas, 96 regional teams), the same 5-year horizon.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import datetime as dt
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from areasend.framework.calendar import add_months  # noqa: E402
from areasend.framework.events import Outcome  # noqa: E402
from areasend.framework.status import AreaStatus, Obligation, Party  # noqa: E402
from areasend.planner.activities import AreaInput, activities_from_status  # noqa: E402
from areasend.planner.checker import check  # noqa: E402
from areasend.planner.cpsat import plan_cpsat  # noqa: E402
from areasend.planner.explain import explain  # noqa: E402
from areasend.planner.greedy import plan_greedy  # noqa: E402
from areasend.planner.problem import Activity, Scenario, Team, summarise  # noqa: E402

SHARED = Path(os.environ.get("AREASEND_SHARED", REPO.parent / "shared")) / "data" / "ofsted"
START = dt.date(2023, 9, 4)  # the Monday the 2023/24 school year began
CYCLE_END = dt.date(2027, 12, 31)  # NF-ACT-3 (nf.cycle_end)
WSOA_9 = dt.date(2025, 12, 31)  # OF-WSOA-9 (of_wsoa_9.deadline)
MI_OUTCOME = {
    "Typically positive experiences and outcomes": Outcome.POSITIVE,
    "Inconsistent experiences and outcomes": Outcome.INCONSISTENT,
    "Widespread and/or systemic failings": Outcome.SYSTEMIC_FAILINGS,
}
NEXT_FULL_YEARS = {Outcome.POSITIVE: 5, Outcome.INCONSISTENT: 3, Outcome.SYSTEMIC_FAILINGS: 3}


def _uk_date(text: str) -> dt.date:
    day, month, year = text.split("/")
    return dt.date(int(year), int(month), int(day))


def _norm(name: str) -> str:
    return name.lower().replace("&", "and").replace(",", "").replace(" ", "")


def _obligation(rule: str, due: dt.date) -> Obligation:
    return Obligation(rule, rule, Party.INSPECTORATE, due, None, due < START)


def national_inputs() -> list[AreaInput]:
    with (REPO / "areasend/areas/data/local_areas.csv").open(encoding="utf-8") as f:
        areas = [row for row in csv.DictReader(f) if not row["valid_to"]]
    with (SHARED / "area_send_inspections_2016_to_2022.csv").open(encoding="utf-8") as f:
        old = {row["Local authority code"]: row for row in csv.DictReader(f)}
    with (SHARED / "area_send_mi_2023_framework_winter_2022_23.csv").open(encoding="utf-8") as f:
        new = {_norm(row["Local.area.partnership"]): row for row in csv.DictReader(f)}
    inputs = []
    for area in areas:
        names = [area["name"], *area["alternative_names"].split(";")]
        mi = next((new[_norm(n)] for n in names if _norm(n) in new), None)
        past = old.get(area["gss_code"]) or next(
            (old[c] for c in area["former_gss_codes"].split(";") if c in old), None
        )
        obligations: list[Obligation] = []
        if mi is not None:
            outcome: Outcome | None = MI_OUTCOME[mi["Inspection.outcome"]]
            assert outcome is not None
            ended = _uk_date(mi["Inspection.start.date"]) + dt.timedelta(weeks=3)
            obligations.append(
                _obligation("NF-ACT-2", add_months(ended, 12 * NEXT_FULL_YEARS[outcome]))
            )
            if outcome is Outcome.SYSTEMIC_FAILINGS:  # NF-MON-1: 18 months from the report
                published = _uk_date(mi["Inspection.publication.date"])
                obligations.append(_obligation("NF-MON-1", add_months(published, 18)))
        elif (
            past is not None
            and past["Inspection outcome: written statement of action required?"] == "Yes"
        ):
            outcome = Outcome.WSOA
            revisited = bool(past["Revisit start date"])
            obligations.append(
                _obligation(
                    "NF-ACT-3" if revisited else "OF-WSOA-9", CYCLE_END if revisited else WSOA_9
                )
            )
        else:
            outcome = Outcome.NO_WSOA if past is not None else None
            obligations.append(_obligation("NF-ACT-3", CYCLE_END))
        status = AreaStatus(START, "", "", tuple(obligations), (), ())
        inputs.append(AreaInput(area["gss_code"], area["name"], area["region"], status, outcome))
    return inputs


def teams(n: int, *, per_quarter: int = 4, regions: list[str] | None = None) -> tuple[Team, ...]:
    if regions:
        return tuple(
            Team(f"{r[:10]}-{k}", 2, 1, region=r, max_per_quarter=per_quarter)
            for r in regions
            for k in range(n)
        )
    return tuple(Team(f"team-{k}", 2, 1, max_per_quarter=per_quarter) for k in range(n))


def small_tight_scenarios(inputs: list[AreaInput]) -> dict[str, Scenario]:
    """The tight scenarios at a fraction of the national size, fast enough for the tests
    (tests/planner/test_bench_scenarios.py): every 2nd area with 1 team of at most 5 a
    quarter (half of "tight"); every 3rd area with 1 team of at most 3 a quarter and at most
    1 activity per region per term (a third of "tight-regional")."""
    weeks = 260

    def every(step: int) -> tuple[Activity, ...]:
        return activities_from_status(inputs[::step], START, weeks)

    return {
        "tight-1/2": Scenario(START, weeks, every(2), teams(1, per_quarter=5), area_gap_weeks=8),
        "tight-regional-1/3": Scenario(
            START,
            weeks,
            every(3),
            teams(1, per_quarter=3),
            area_gap_weeks=8,
            max_per_region_per_term=1,
        ),
    }


def scenarios() -> dict[str, Scenario]:
    inputs = national_inputs()
    weeks = 260
    national = activities_from_status(inputs, START, weeks)
    regions = sorted({a.region for a in inputs})
    small = activities_from_status(inputs[:20], START, weeks)
    stress_inputs = [
        dataclasses.replace(a, gss_code=f"{a.gss_code}x{copy}")
        for copy in range(10)
        for a in inputs
    ]
    stress = activities_from_status(stress_inputs, START, weeks)
    base = Scenario(START, weeks, national, teams(10), area_gap_weeks=8, max_per_region_per_term=8)
    return {
        "small": dataclasses.replace(base, activities=small, teams=teams(3)),
        "national": base,
        "tight": dataclasses.replace(
            base, teams=teams(2, per_quarter=5), max_per_region_per_term=None
        ),
        "tight-regional": dataclasses.replace(
            base, teams=teams(3, per_quarter=3), max_per_region_per_term=4
        ),
        **small_tight_scenarios(inputs),
        "stress-10x": Scenario(START, weeks, stress, teams(12, regions=regions), area_gap_weeks=8),
    }


#: CP-SAT's neighbourhood (weeks from the greedy or due week): the default 26, narrower for
#: the stress scenario, whose full-reach model does not presolve within the time limit.
REACH = {"stress-10x": 4}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--seconds", type=float, default=50.0, help="CP-SAT time limit per scenario"
    )
    parser.add_argument("--only", nargs="*", help="scenario names")
    args = parser.parse_args()
    print(
        f"{'scenario':<18} {'acts':>5} {'teams':>5} {'planner':<7} {'status':<11} {'secs':>6} "
        f"{'late':>4} {'total':>6} {'max':>4} {'spread':>6}  checker"
    )
    for name, scenario in scenarios().items():
        if args.only and name not in args.only:
            continue
        for planner in ("greedy", "cpsat"):
            began = time.perf_counter()
            plan = (
                plan_greedy(scenario)
                if planner == "greedy"
                else plan_cpsat(scenario, time_limit=args.seconds, reach=REACH.get(name, 26))
            )
            seconds = time.perf_counter() - began
            s = summarise(scenario, plan)
            breaches = check(scenario, plan)
            verdict = (
                "ok"
                if not breaches
                else f"{len(breaches)} breaches ({breaches[0].constraint.name}...)"
            )
            if not plan.assignments and scenario.activities:  # no plan, so nothing to check
                verdict = f"no plan ({len(plan.unplaced) or 'none'} unplaced)"
            print(f"{name:<18} {len(scenario.activities):>5} {len(scenario.teams):>5} {planner:<7} "
                  f"{plan.status:<11} {seconds:>6.1f} {s.late:>4} {s.total_lateness:>6} "
                  f"{s.max_lateness:>4} {s.load_spread:>6}  {verdict}", flush=True)  # fmt: skip
            if not plan.assignments and scenario.activities:
                print(f"{'':<18} why: {explain(scenario, time_limit=args.seconds) or 'unknown'}")


if __name__ == "__main__":
    main()
