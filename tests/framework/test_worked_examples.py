"""framework.md §8: every *computed* date of the worked examples, reproduced by the engine.

Each example is a §9 history in areasend/areas/data/histories/, read with the
project's parser; dates the sources give only as a month carry a ``note``.
"""

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from areasend.framework.calendar import england
from areasend.framework.evaluate import evaluate
from areasend.framework.events import Event, Framework, InspectionKind
from areasend.framework.history import parse_history
from areasend.framework.params import DEFAULTS
from areasend.framework.schedule import notification_for_fieldwork
from areasend.framework.status import AreaStatus, Obligation

D = dt.date
HISTORIES = Path(__file__).resolve().parents[2] / "areasend" / "areas" / "data" / "histories"
FULL, REVISIT = InspectionKind.FULL, InspectionKind.REVISIT
KW: dict[str, Any] = {"params": DEFAULTS, "calendar": england()}
AREAS = {
    "medway": "E06000035",
    "kent": "E10000016",
    "essex": "E10000012",
    "rotherham": "E08000018",
    "southend": "E06000033",
    "nottinghamshire": "E10000024",
}


def history(name: str) -> list[Event]:
    return parse_history((HISTORIES / f"{name}.jsonl").read_text(encoding="utf-8"))


def status(name: str, today: dt.date) -> AreaStatus:
    return evaluate(history(name), today)


def find(
    answer: AreaStatus, rule: str, inspection: str | None = None, who: str | None = None
) -> Obligation:
    found = [
        o
        for o in answer.obligations
        if o.rule == rule
        and (inspection is None or o.inspection == inspection)
        and (who is None or o.who.name == who)
    ]
    assert len(found) == 1, (rule, found)
    return found[0]


@pytest.mark.parametrize("name", sorted(AREAS))
def test_each_example_parses_names_its_area_and_evaluates_today(name):
    events = history(name)
    assert {e.area for e in events if e.area} == {AREAS[name]}
    answer = evaluate(events, D(2026, 11, 22))
    assert answer.obligations and answer.state


@pytest.mark.parametrize(
    ("start", "notified"),
    [
        (D(2017, 12, 4), D(2017, 11, 27)),  # Medway
        (D(2019, 1, 28), D(2019, 1, 21)),  # Kent
        (D(2019, 9, 30), D(2019, 9, 23)),  # Essex
        (D(2021, 7, 5), D(2021, 6, 28)),  # Rotherham
    ],
)
def test_of_not_1_computed_notification_of_each_full_inspection(start, notified):
    assert notification_for_fieldwork(FULL, Framework.F2016, start, **KW) == notified


def test_rv_3_kent_revisit_notified_12_september_2022_skipping_the_state_funeral():
    assert notification_for_fieldwork(REVISIT, Framework.F2016, D(2022, 9, 27), **KW) == D(
        2022, 9, 12
    )
    answer = status("kent", D(2022, 9, 20))
    assert answer.state == "revisit_notified"
    assert find(answer, "RV-3").due == D(2022, 9, 27)


# -- Medway (§8.1) -----------------------------------------------------------------


def test_medway_wsoa_due_22_may_2018():
    answer = status("medway", D(2018, 3, 1))
    assert answer.state == "wsoa_due"
    assert find(answer, "OF-WSOA-3").due == D(2018, 5, 22)
    assert find(answer, "OF-NOT-1").met_on == D(2017, 12, 4)


def test_medway_revisit_10_wd_notice_and_33_wd_report_target_30_january_2020():
    answer = status("medway", D(2020, 3, 1))
    assert answer.state == "app_monitoring"
    revisit_notice = find(answer, "RV-3")
    assert (revisit_notice.due, revisit_notice.met_on) == (D(2019, 12, 9), D(2019, 12, 9))
    report = find(answer, "RV-10")
    assert (report.due, report.met_on) == (D(2020, 1, 30), D(2020, 2, 19))  # 47 WD: late
    assert find(answer, "OF-LET-5").met_on == D(2018, 2, 8)


def test_medway_released_in_october_2021_then_outcome_2_in_2024():
    assert status("medway", D(2021, 11, 1)).state == "released"
    answer = status("medway", D(2026, 11, 22))
    assert answer.state == "inconsistent"
    assert find(answer, "NF-ACT-3").met_on == D(2024, 2, 1)
    assert find(answer, "NF-ACT-2").due == D(2027, 2, 9)


# -- Kent (§8.2) -----------------------------------------------------------------


def test_kent_wsoa_due_11_july_2019():
    assert find(status("kent", D(2019, 4, 1)), "OF-WSOA-3").due == D(2019, 7, 11)


def test_kent_no_progress_then_improvement_notice_then_lifted():
    assert status("kent", D(2022, 12, 1)).state == "app_monitoring"
    assert status("kent", D(2023, 6, 1)).state == "improvement_notice"
    answer = status("kent", D(2026, 11, 22))
    assert answer.state == "app_monitoring"
    assert find(answer, "RV-12", who="LOCAL_AREA").met_on == D(2023, 8, 15)
    assert find(answer, "NF-ACT-3").due == D(2027, 12, 31)


# -- Essex (§8.3) ----------------------------------------------------------------


def test_essex_wsoa_deadline_2_april_2020_met_27_march_2020_inside_the_pause():
    answer = status("essex", D(2020, 6, 1))
    wsoa = find(answer, "OF-WSOA-3")
    assert (wsoa.due, wsoa.met_on, wsoa.overdue) == (D(2020, 4, 2), D(2020, 3, 27), False)
    assert answer.state == "wsoa_monitoring"


def test_essex_nominal_revisit_16_october_2021_18_months_after_fit_for_purpose():
    answer = status("essex", D(2021, 11, 1))
    revisit = find(answer, "RV-2")
    assert (revisit.due, revisit.overdue) == (D(2021, 10, 16), True)
    assert find(status("essex", D(2022, 8, 1)), "RV-2").met_on == D(2022, 5, 17)


def test_essex_revisit_report_target_7_july_2022_and_all_sufficient():
    answer = status("essex", D(2022, 8, 1))
    assert find(answer, "RV-10").due == D(2022, 7, 7)
    assert answer.state == "released"  # RV-11


# -- Rotherham (§8.4) ------------------------------------------------------------


def test_rotherham_positive_outcome_in_2024_means_next_full_inspection_in_about_5_years():
    answer = status("rotherham", D(2024, 12, 1))
    assert answer.state == "positive"
    # On site 30 Sep - 4 Oct 2024, as the published report gives.
    assert find(answer, "NF-ACT-2").due == D(2029, 10, 4)
    assert find(answer, "OF-WSOA-9").met_on == D(2024, 9, 30)


def test_rotherham_wsoa_accepted_january_2022():
    answer = status("rotherham", D(2022, 3, 1))
    assert answer.state == "wsoa_monitoring"
    assert find(answer, "OF-WSOA-3").met_on == D(2022, 1, 14)


# -- Southend-on-Sea (§8.4) ------------------------------------------------------


def test_southend_revisit_leaves_joint_commissioning_insufficient_so_an_app_and_review_follow():
    answer = status("southend", D(2021, 7, 1))
    assert answer.state == "app_monitoring"
    assert find(answer, "RV-12", who="LOCAL_AREA").due == D(2021, 12, 22)
    assert find(answer, "RV-12", who="DFE_NHSE").due == D(2021, 12, 22)


def test_southend_outcome_2_in_2023():
    answer = status("southend", D(2023, 7, 1))
    assert answer.state == "inconsistent"
    assert find(answer, "NF-ACT-2").due == D(2026, 3, 10)


# -- Nottinghamshire (§8.4) ------------------------------------------------------


def test_nottinghamshire_pap_submit_5_july_and_publish_23_august_2023():
    answer = status("nottinghamshire", D(2023, 6, 1))
    assert answer.state == "pap_due"
    submit, publish = sorted(
        (o for o in answer.obligations if o.rule == "NF-PLAN-2"), key=lambda o: o.due
    )
    assert (submit.due, publish.due) == (D(2023, 7, 5), D(2023, 8, 23))


def test_nottinghamshire_monitoring_due_about_18_months_and_next_full_about_3_years():
    answer = status("nottinghamshire", D(2026, 11, 22))
    assert answer.state == "systemic_failings"
    monitoring = find(answer, "NF-MON-1", inspection="notts-2023")
    assert (monitoring.due, monitoring.met_on) == (D(2024, 8, 3), D(2025, 7, 14))
    assert find(answer, "NF-ACT-2").due == D(2026, 2, 3)
