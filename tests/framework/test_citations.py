"""A rule's ID finds everything that cites it: parameters, duties, table entries."""

from __future__ import annotations

from areasend.framework.citations import Citation, cited, entries_citing
from areasend.framework.evaluate import DUTIES, JUDGED_PLANS
from areasend.framework.params import PARAMETERS
from areasend.framework.schedule import COURSE_RULE


def test_every_judged_plan_and_course_entry_is_found_from_its_rule() -> None:
    for kind, rule in JUDGED_PLANS.items():
        assert Citation("evaluate.JUDGED_PLANS", kind.value, rule) in entries_citing(rule)
    for (framework, course), rule in COURSE_RULE.items():
        tables = {(c.table, c.key) for c in entries_citing(rule)}
        assert ("schedule.COURSE_RULE", f"({framework.value}, {course.value})") in tables


def test_nf_plan_2_has_its_parameters_duties_and_both_plan_tables() -> None:
    found = cited("NF-PLAN-2")
    assert {p.name for p in found.parameters} == {
        n for n, p in PARAMETERS.items() if "NF-PLAN-2" in p.rule_ids
    }
    assert [k for k, _ in found.duties] == [k for k, d in DUTIES.items() if d.rule == "NF-PLAN-2"]
    assert {c.table for c in found.entries} >= {"evaluate.JUDGED_PLANS", "evaluate.PLAN_RULES"}


def test_an_id_is_matched_whole_not_as_the_start_of_another() -> None:
    # The accelerated progress plan's entry cites RV-12, not RV-1.
    app = ("evaluate.PLAN_RULES", "accelerated_progress_plan")
    assert app in {(c.table, c.key) for c in entries_citing("RV-12")}
    assert app not in {(c.table, c.key) for c in entries_citing("RV-1")}
