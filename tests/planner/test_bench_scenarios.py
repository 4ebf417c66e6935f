"""Both planners on the bench's tight scenarios, at a half and a third of the national size.

The scenarios come from bench/planner.py (``small_tight_scenarios``), built from the official
tables in the shared evidence folder; without it these tests are skipped. Before greedy
repaired its stuck placements, it left an activity unplaced in "tight-regional-1/3" (as in
the bench's full "tight-regional"), a plan the checker rejects.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from areasend.planner.checker import check
from areasend.planner.cpsat import plan_cpsat
from areasend.planner.greedy import plan_greedy
from areasend.planner.problem import Scenario, summarise

BENCH = Path(__file__).resolve().parents[2] / "bench" / "planner.py"
SECONDS = 5.0


@cache
def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_planner", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_planner", module)
    spec.loader.exec_module(module)
    return module


@cache
def _scenarios(shared: Path) -> dict[str, Scenario]:
    bench = _bench()
    # setattr: mypy lets nobody assign to a ModuleType attribute.
    setattr(bench, "SHARED", shared / "data" / "ofsted")  # noqa: B010
    found: dict[str, Scenario] = bench.small_tight_scenarios(bench.national_inputs())
    return found


@pytest.mark.parametrize(
    ("name", "strictly_better"), [("tight-1/2", False), ("tight-regional-1/3", True)]
)
def test_both_planners_pass_the_checker_and_cpsat_is_no_later(
    shared_dir: Path, name: str, strictly_better: bool
) -> None:
    scenario = _scenarios(shared_dir)[name]
    greedy = plan_greedy(scenario)
    cpsat = plan_cpsat(scenario, time_limit=SECONDS)

    assert [str(b) for b in check(scenario, greedy)] == []
    assert [str(b) for b in check(scenario, cpsat)] == []
    assert (greedy.status, greedy.unplaced) == ("planned", ())
    assert cpsat.status in ("optimal", "feasible")
    late_greedy = summarise(scenario, greedy).total_lateness
    late_cpsat = summarise(scenario, cpsat).total_lateness
    assert late_greedy > 0  # tight: greedy cannot keep everything on time
    assert late_cpsat <= late_greedy
    if strictly_better:
        assert late_cpsat < late_greedy
