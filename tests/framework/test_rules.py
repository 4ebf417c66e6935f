"""The rules of framework.md §1-4 as data: dates, parties, confidence and the §4.4 table."""

import datetime as dt

import pytest

from areasend.framework.events import Framework, Outcome
from areasend.framework.params import PARAMETERS
from areasend.framework.rules import OUTCOMES, RULES
from areasend.framework.status import Party
from areasend.framework.versions import VERSIONS

D = dt.date


def test_rule_ids_are_the_keys_and_every_rule_has_a_summary_and_sources():
    for rid, rule in RULES.items():
        assert rule.id == rid
        assert rule.summary and rule.sources, rid
        assert rule.confidence.replace("/", "").replace("CONFLICT", "").strip("HML") == ""


def test_rule_versions_name_real_framework_versions():
    keys = {v.key for v in VERSIONS}
    for rule in RULES.values():
        assert set(rule.versions) <= keys, rule.id


def test_of_law_1_reviews_check_duties_in_force_from_september_2014():
    assert RULES["OF-LAW-1"].applies_from == D(2014, 9, 1)


def test_of_law_2_regulations_in_force_9_november_2015():
    assert RULES["OF-LAW-2"].applies_from == D(2015, 11, 9)


def test_of_law_4_and_of_wsoa_3_oblige_the_area_with_the_70_wd_parameter():
    for rid in ("OF-LAW-4", "OF-WSOA-3"):
        assert RULES[rid].obliges is Party.LOCAL_AREA
        assert "wsoa.submission_wd" in RULES[rid].params
    assert PARAMETERS["wsoa.submission_wd"].default == 70


def test_of_prg_1_and_of_prg_4_bound_the_2016_programme():
    assert RULES["OF-PRG-1"].applies_from == D(2016, 5, 1)
    assert RULES["OF-PRG-4"].applies_to == D(2022, 12, 31)
    assert RULES["OF-PRG-2"].applies_from == D(2016, 5, 1)


def test_of_let_4_ofsted_reports_website_from_23_march_2017():
    assert RULES["OF-LET-4"].applies_from == D(2017, 3, 23)


def test_of_let_3_letters_have_their_own_date_stored_besides_publication():
    assert "publication" in RULES["OF-LET-3"].summary


def test_of_wsoa_2_and_nf_icb_1_health_partners_become_icbs_on_1_july_2022():
    assert RULES["NF-ICB-1"].applies_from == D(2022, 7, 1)
    assert "ICB" in RULES["OF-WSOA-2"].summary


def test_of_wsoa_9_runs_from_the_new_framework_to_the_end_of_2025():
    rule = RULES["OF-WSOA-9"]
    assert (rule.applies_from, rule.applies_to) == (D(2023, 1, 1), D(2025, 12, 31))
    assert PARAMETERS["of_wsoa_9.deadline"].default == rule.applies_to


def test_rv_1_revisits_ran_from_december_2018_to_december_2022():
    rule = RULES["RV-1"]
    assert (rule.applies_from, rule.applies_to) == (D(2018, 12, 1), D(2022, 12, 31))


def test_rv_5_remote_revisits_from_april_2021():
    assert RULES["RV-5"].applies_from == D(2021, 4, 1)
    assert RULES["RV-5"].versions == ("revisit-2021",)


def test_rv_13_names_the_accelerated_progress_plan_areas_of_27_may_2021():
    assert "27 May 2021" in RULES["RV-13"].summary


@pytest.mark.parametrize(
    ("rid", "start", "end"),
    [
        ("CV-1", D(2020, 3, 17), None),
        ("CV-2", D(2020, 10, 1), D(2021, 3, 31)),
        ("CV-3", D(2020, 10, 5), D(2021, 3, 31)),
        ("CV-4", D(2021, 4, 1), None),
    ],
)
def test_cv_1_to_cv_4_covid_dates(rid, start, end):
    assert (RULES[rid].applies_from, RULES[rid].applies_to) == (start, end)


def test_nf_ver_1_new_framework_from_1_january_2023():
    assert RULES["NF-VER-1"].applies_from == D(2023, 1, 1)
    assert RULES["NF-VER-1"].framework is Framework.F2023


def test_nf_not_2_and_nf_out_2_belong_to_their_versions():
    assert RULES["NF-NOT-2"].applies_from == D(2023, 12, 11)
    assert RULES["NF-OUT-2"].applies_from == D(2025, 6, 6)


def test_nf_act_3_cycle_ends_december_2027():
    assert RULES["NF-ACT-3"].applies_to == D(2027, 12, 31)
    assert PARAMETERS["nf.cycle_end"].default == D(2027, 12, 31)


def test_nf_them_1_thematic_visits_from_2023():
    assert RULES["NF-THEM-1"].applies_from == D(2023, 1, 1)


def test_nf_plan_3_support_and_challenge_falls_on_dfe_and_nhs_england():
    assert RULES["NF-PLAN-3"].obliges is Party.DFE_NHSE
    assert RULES["OF-WSOA-8"].obliges is Party.DFE_NHSE


def test_uncertain_flags_l_and_conflict_in_any_part():
    assert RULES["OF-WSOA-6"].uncertain
    assert RULES["NF-PLAN-2"].uncertain
    assert RULES["CV-1"].uncertain  # minor CONFLICT on the suspension date
    assert not RULES["OF-WSOA-3"].uncertain


def test_outcome_table_has_three_outcomes_with_next_inspection_years_5_3_3():
    assert [o.number for o in OUTCOMES.values()] == [1, 2, 3]
    years = {o: PARAMETERS[row.next_full_param].default for o, row in OUTCOMES.items()}
    assert years == {Outcome.POSITIVE: 5, Outcome.INCONSISTENT: 3, Outcome.SYSTEMIC_FAILINGS: 3}


def test_outcome_labels_keep_the_reports_wording():
    assert "typically lead to positive experiences" in OUTCOMES[Outcome.POSITIVE].label
    assert "inconsistent experiences" in OUTCOMES[Outcome.INCONSISTENT].label
    assert "widespread and/or systemic failings" in OUTCOMES[Outcome.SYSTEMIC_FAILINGS].label


def test_only_outcome_3_has_areas_for_priority_action_and_a_monitoring_inspection():
    assert [o for o, row in OUTCOMES.items() if row.priority_actions] == [Outcome.SYSTEMIC_FAILINGS]
    assert any("monitoring" in c for c in OUTCOMES[Outcome.SYSTEMIC_FAILINGS].consequences)
