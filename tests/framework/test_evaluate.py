"""evaluate(): states, obligations with rule IDs, allowed/refused next events, forbidden histories."""

import datetime as dt
from typing import Any

import pytest

from areasend.framework.evaluate import ALLOWS, STATES, evaluate, monitoring
from areasend.framework.events import (
    Event,
    EventType,
    Framework,
    HistoryError,
    InspectionKind,
    Outcome,
    PlanKind,
    Problem,
)
from areasend.framework.params import Params
from areasend.framework.status import AreaStatus, Obligation, Refusal

D = dt.date
E = EventType
FULL, REVISIT, MONITORING = InspectionKind.FULL, InspectionKind.REVISIT, InspectionKind.MONITORING
AREA = "E10000016"
WEAK = ("leadership", "joint commissioning", "EHC plans")


def ev(day: dt.date, type_: EventType, inspection: str | None = None, **fields: Any) -> Event:
    return Event(date=day, type=type_, area=AREA, inspection=inspection, **fields)


def numbered(*events: Event) -> list[Event]:
    """The events with the 1-based lines they would have in a JSON Lines file."""
    return [Event(**{**e.__dict__, "line": n}) for n, e in enumerate(events, start=1)]


def notified(
    day: dt.date,
    ref: str = "k",
    kind: InspectionKind = FULL,
    framework: Framework = Framework.F2016,
) -> Event:
    return ev(day, E.INSPECTION_NOTIFIED, ref, kind=kind, framework=framework)


def published(
    day: dt.date, ref: str = "k", outcome: Outcome | None = None, weaknesses: tuple[str, ...] = ()
) -> Event:
    return ev(day, E.LETTER_PUBLISHED, ref, outcome=outcome, weaknesses=weaknesses)


def judged(day: dt.date, ref: str, weakness: str, sufficient: bool) -> Event:
    return ev(day, E.PROGRESS_JUDGED, ref, weakness=weakness, sufficient=sufficient)


def plan(
    day: dt.date, type_: EventType, kind: PlanKind = PlanKind.WSOA, fit: bool | None = None
) -> Event:
    return ev(day, type_, plan=kind, fit=fit)


# Kent 2019 (framework.md §8.2) with three weaknesses for brevity.
KENT = [
    notified(D(2019, 1, 21)),
    ev(D(2019, 1, 28), E.FIELDWORK_STARTED, "k"),
    ev(D(2019, 2, 1), E.FIELDWORK_ENDED, "k"),
    published(D(2019, 3, 29), outcome=Outcome.WSOA, weaknesses=WEAK),
]
ACCEPTED = [
    *KENT,
    plan(D(2019, 7, 1), E.PLAN_SUBMITTED),
    plan(D(2019, 7, 15), E.PLAN_JUDGED, fit=True),
]
NOTTS = [
    notified(D(2023, 1, 16), "n", framework=Framework.F2023),
    ev(D(2023, 1, 30), E.FIELDWORK_STARTED, "n"),
    ev(D(2023, 2, 3), E.FIELDWORK_ENDED, "n"),
    published(D(2023, 5, 16), "n", Outcome.SYSTEMIC_FAILINGS, ("EHC plans", "health waits")),
]


def obligations(status: AreaStatus, rule: str) -> list[Obligation]:
    return [o for o in status.obligations if o.rule == rule]


def due(status: AreaStatus, rule: str) -> dt.date:
    (found,) = obligations(status, rule)
    return found.due


LATER = D(2026, 1, 1)


def problem(history: list[Event], today: dt.date = LATER) -> Problem:
    with pytest.raises(HistoryError) as caught:
        evaluate(numbered(*history), today)
    return caught.value.problems[0]


# -- states -------------------------------------------------------------------


def test_every_state_has_a_label_and_a_row_in_the_transition_table():
    assert set(STATES) == set(ALLOWS)
    assert all(label[0].isupper() for label in STATES.values())


@pytest.mark.parametrize(
    ("events", "today", "state"),
    [
        ([], D(2019, 1, 1), "not_inspected"),
        (KENT[:1], D(2019, 1, 22), "notified"),
        (KENT[:2], D(2019, 1, 29), "fieldwork"),
        (KENT[:3], D(2019, 2, 2), "awaiting_letter"),
        (KENT, D(2019, 4, 1), "wsoa_due"),
        (ACCEPTED[:5], D(2019, 7, 2), "wsoa_under_review"),
        (ACCEPTED, D(2019, 8, 1), "wsoa_monitoring"),
        ([*KENT[:3], published(D(2019, 3, 29), outcome=Outcome.NO_WSOA)], D(2019, 4, 1),
         "no_further_action"),
        (NOTTS, D(2023, 6, 1), "pap_due"),
    ],
)  # fmt: skip
def test_the_state_follows_the_history(events, today, state):
    status = evaluate(numbered(*events), today)
    assert status.state == state
    assert status.state_label == STATES[state]


def test_events_after_today_do_not_count_but_are_still_checked():
    assert evaluate(numbered(*KENT), D(2019, 1, 25)).state == "notified"
    bad = [*KENT, ev(D(2019, 4, 2), E.FIELDWORK_STARTED, "nobody")]
    with pytest.raises(HistoryError):
        evaluate(numbered(*bad), D(2019, 1, 25))


# -- allowed and refused ------------------------------------------------------


def _refused(status: AreaStatus) -> dict[str, Refusal]:
    return {r.event: r for r in status.refused}


def test_allowed_and_refused_cover_every_event_type_once_with_a_rule():
    for events, today in [([], D(2019, 1, 1)), (KENT, D(2019, 4, 1)), (NOTTS, D(2023, 6, 1))]:
        status = evaluate(numbered(*events), today)
        assert set(status.allowed) | set(_refused(status)) == {t.value for t in E}
        assert not set(status.allowed) & set(_refused(status))
        assert all(r.rule and r.reason for r in status.refused)


def test_when_notified_fieldwork_or_deferral_may_follow_but_no_letter():
    status = evaluate(numbered(*KENT[:1]), D(2019, 1, 22))
    assert {"fieldwork_started", "deferral_requested"} <= set(status.allowed)
    refused = _refused(status)
    assert refused["letter_published"].rule == "OF-LET-1"
    assert refused["inspection_notified"].rule == "OF-ONS-1"
    assert refused["deferral_decided"].rule == "RV-6"


def test_when_a_wsoa_is_due_the_plan_may_be_submitted_but_not_judged():
    status = evaluate(numbered(*KENT), D(2019, 4, 1))
    assert {"plan_submitted", "inspection_notified", "support_visit"} <= set(status.allowed)
    assert _refused(status)["plan_judged"].rule == "OF-WSOA-5"
    assert _refused(status)["engagement_meeting"].rule == "NF-ENG-1"
    assert _refused(status)["improvement_notice_issued"].rule == "RV-12"


def test_not_inspected_in_2019_may_be_notified_but_has_no_plans():
    status = evaluate([], D(2019, 1, 1))
    assert "inspection_notified" in status.allowed
    assert _refused(status)["plan_submitted"].rule == "OF-WSOA-1"
    assert _refused(status)["fieldwork_started"].rule == "OF-NOT-1"
    assert status.obligations == ()


def test_no_further_action_in_2019_refuses_every_kind_of_inspection_with_its_rules():
    history = [*KENT[:3], published(D(2019, 3, 29), outcome=Outcome.NO_WSOA)]
    refusal = _refused(evaluate(numbered(*history), D(2019, 6, 1)))["inspection_notified"]
    assert refusal.rule == "OF-PRG-2"
    assert "RV-1" in refusal.reason and "NF-VER-1" in refusal.reason


def test_after_outcome_3_a_monitoring_inspection_and_a_notice_may_follow():
    status = evaluate(numbered(*NOTTS), D(2023, 6, 1))
    assert {"inspection_notified", "improvement_notice_issued", "plan_submitted"} <= set(
        status.allowed
    )
    assert "engagement_meeting" in status.allowed  # NF-ENG-1, 2023 framework in force


# -- obligations: 2016 framework -----------------------------------------------


def test_of_not_1_and_of_let_5_fieldwork_and_letter_targets():
    status = evaluate(numbered(*KENT), D(2019, 4, 1))
    (fieldwork,) = obligations(status, "OF-NOT-1")
    assert (fieldwork.due, fieldwork.met_on) == (D(2019, 1, 28), D(2019, 1, 28))
    (letter,) = obligations(status, "OF-LET-5")
    assert letter.due == D(2019, 3, 20)  # 33 WD after Fri 1 Feb 2019
    assert letter.met_on == D(2019, 3, 29) and not letter.overdue


def test_of_let_5_unpublished_letter_is_overdue_after_33_wd():
    status = evaluate(numbered(*KENT[:3]), D(2019, 3, 21))
    (letter,) = obligations(status, "OF-LET-5")
    assert letter.overdue and letter.met_on is None


def test_of_wsoa_3_wsoa_due_70_working_days_after_publication():
    status = evaluate(numbered(*KENT), D(2019, 4, 1))
    (wsoa,) = obligations(status, "OF-WSOA-3")
    assert (wsoa.due, wsoa.who.name, wsoa.inspection) == (D(2019, 7, 11), "LOCAL_AREA", "k")
    assert not wsoa.overdue
    (late,) = obligations(evaluate(numbered(*KENT), D(2019, 7, 12)), "OF-WSOA-3")
    assert late.overdue


def test_of_law_4_clock_starts_at_report_received_when_recorded():
    history = [*KENT[:3], ev(D(2019, 3, 25), E.REPORT_RECEIVED, "k"), KENT[3]]
    status = evaluate(numbered(*history), D(2019, 4, 1))
    assert due(status, "OF-WSOA-3") == D(2019, 7, 5)  # 70 WD after 25 Mar 2019


def test_of_let_3_clock_may_start_at_the_letters_date_by_parameter():
    history = [
        *KENT[:3],
        ev(D(2019, 3, 1), E.LETTER_DATED, "k", outcome=Outcome.WSOA, weaknesses=WEAK),
        published(D(2019, 3, 29)),
    ]
    params = Params({"wsoa.clock_start": "letter_dated"})
    status = evaluate(numbered(*history), D(2019, 4, 1), params=params)
    assert due(status, "OF-WSOA-3") == D(2019, 6, 13)


def test_of_wsoa_5_of_wsoa_6_not_fit_means_resubmission_then_a_new_decision():
    history = [
        *KENT,
        plan(D(2019, 7, 1), E.PLAN_SUBMITTED),
        plan(D(2019, 7, 15), E.PLAN_JUDGED, fit=False),
    ]
    status = evaluate(numbered(*history), D(2019, 7, 16))
    assert status.state == "wsoa_resubmission_due"
    assert due(status, "OF-WSOA-5") == D(2019, 7, 29)  # 20 WD (L default)
    assert due(status, "OF-WSOA-6") == D(2019, 8, 12)
    history += [plan(D(2019, 8, 1), E.PLAN_SUBMITTED), plan(D(2019, 8, 9), E.PLAN_JUDGED, fit=True)]
    status = evaluate(numbered(*history), D(2019, 8, 12))
    assert status.state == "wsoa_monitoring"
    assert [o.met_on for o in obligations(status, "OF-WSOA-5")] == [D(2019, 7, 15), D(2019, 8, 9)]
    assert obligations(status, "OF-WSOA-6")[0].met_on == D(2019, 8, 1)


def test_of_wsoa_7_and_of_wsoa_8_publish_then_quarterly_support_meetings():
    history = [*ACCEPTED, ev(D(2019, 10, 10), E.SUPPORT_VISIT, by="dfe_nhse")]
    status = evaluate(numbered(*history), D(2019, 11, 1))
    assert due(status, "OF-WSOA-7") == D(2019, 7, 29)
    meetings = obligations(status, "OF-WSOA-8")
    assert [(m.due, m.met_on) for m in meetings] == [
        (D(2019, 10, 15), D(2019, 10, 10)),
        (D(2020, 1, 10), None),
    ]


def test_rv_2_revisit_due_18_months_after_acceptance_moves_past_the_covid_pause():
    status = evaluate(numbered(*ACCEPTED), D(2020, 1, 1))
    assert due(status, "RV-2") == D(2021, 1, 15)  # nominal: 15 Jul 2019 + 18 months
    # Inside the revisit pause (17 Mar 2020 - 1 Apr 2021): the clock stopped for 380 days.
    status = evaluate(numbered(*ACCEPTED), D(2021, 6, 1))
    assert due(status, "RV-2") == D(2021, 1, 15) + dt.timedelta(days=380)
    assert not obligations(status, "RV-2")[0].overdue


def test_cv_1_while_the_pause_lasts_an_inspectorate_obligation_is_not_overdue():
    status = evaluate(numbered(*ACCEPTED), D(2021, 2, 1))
    (revisit,) = obligations(status, "RV-2")
    assert revisit.due >= D(2021, 2, 1) and not revisit.overdue


def test_cv_1_area_duties_keep_running_in_the_pause_unless_configured():
    history = [*KENT[:3], published(D(2020, 1, 6), outcome=Outcome.WSOA, weaknesses=WEAK)]
    status = evaluate(numbered(*history), D(2020, 5, 1))
    assert due(status, "OF-WSOA-3") == D(2020, 4, 15)  # inside the pause, not moved
    stopped = evaluate(
        numbered(*history), D(2020, 5, 1), params=Params({"covid.stopped_clocks": "all"})
    )
    assert due(stopped, "OF-WSOA-3") > D(2020, 5, 1)
    running = evaluate(
        numbered(*ACCEPTED), D(2021, 6, 1), params=Params({"covid.stopped_clocks": "none"})
    )
    assert due(running, "RV-2") == D(2021, 1, 15)


def test_cv_1_no_inspection_may_be_notified_in_the_pause():
    status = evaluate(numbered(*ACCEPTED), D(2020, 6, 1))
    refusal = _refused(status)["inspection_notified"]
    assert refusal.rule == "CV-1" and "2020-03-17" in refusal.reason
    found = problem([*ACCEPTED, notified(D(2020, 6, 1), "r", REVISIT)])
    assert found.line == 7 and "CV-1" in found.message


def test_cv_4_revisits_resume_in_april_2021_full_inspections_in_june():
    assert "inspection_notified" in evaluate(numbered(*ACCEPTED), D(2021, 4, 6)).allowed
    assert "inspection_notified" not in evaluate([], D(2021, 5, 3)).allowed
    assert "inspection_notified" in evaluate([], D(2021, 6, 7)).allowed
    found = problem([notified(D(2021, 5, 3))])
    assert "CV-1" in found.message


def test_a_history_that_records_its_own_pause_is_not_given_the_default_one():
    national = Event(D(2020, 3, 17), E.PROGRAMME_PAUSED)
    resumed = Event(D(2020, 9, 1), E.PROGRAMME_RESUMED)
    status = evaluate([national, resumed], D(2020, 9, 7))
    assert "inspection_notified" in status.allowed


def test_rv_3_rv_10_revisit_notice_and_33_wd_report_target():
    history = [
        *ACCEPTED,
        notified(D(2022, 9, 12), "r", REVISIT),
        ev(D(2022, 9, 27), E.FIELDWORK_STARTED, "r"),
        ev(D(2022, 9, 29), E.FIELDWORK_ENDED, "r"),
    ]
    status = evaluate(numbered(*history), D(2022, 10, 1))
    assert status.state == "awaiting_revisit_letter"
    assert due(status, "RV-3") == D(2022, 9, 27)
    assert due(status, "RV-10") == D(2022, 11, 15)


def _revisited(*findings: bool) -> list[Event]:
    return [
        *ACCEPTED,
        notified(D(2022, 9, 12), "r", REVISIT),
        ev(D(2022, 9, 27), E.FIELDWORK_STARTED, "r"),
        ev(D(2022, 9, 29), E.FIELDWORK_ENDED, "r"),
        published(D(2022, 11, 9), "r"),
        *(judged(D(2022, 11, 9), "r", w, ok) for w, ok in zip(WEAK, findings, strict=True)),
    ]


def test_rv_11_all_weaknesses_sufficient_releases_the_area():
    status = evaluate(numbered(*_revisited(True, True, True)), D(2022, 12, 1))
    assert status.state == "released"
    assert not obligations(status, "RV-12")


def test_rv_12_any_weakness_insufficient_needs_an_app_and_a_review_within_6_months():
    status = evaluate(numbered(*_revisited(True, False, True)), D(2022, 12, 1))
    assert status.state == "app_monitoring"
    reviews = obligations(status, "RV-12")
    assert {o.due for o in reviews} == {D(2023, 5, 9)}
    assert {o.who.name for o in reviews} == {"LOCAL_AREA", "DFE_NHSE"}
    assert "plan_submitted" in status.allowed


def test_of_wsoa_8_dfe_releases_weaknesses_one_at_a_time_then_the_area():
    # Medway: one weakness released in February 2021, the rest on 5 October 2021.
    history = [*_revisited(True, False, False), ev(D(2023, 2, 1), E.RELEASED_FROM_MONITORING,
                                                   weakness="joint commissioning")]  # fmt: skip
    assert evaluate(numbered(*history), D(2023, 3, 1)).state == "app_monitoring"
    history.append(ev(D(2023, 10, 5), E.RELEASED_FROM_MONITORING, weakness="EHC plans"))
    status = evaluate(numbered(*history), D(2023, 11, 1))
    assert status.state == "released"
    assert not [o for o in obligations(status, "RV-12") if o.met_on is None and o.overdue]


def test_rv_12_an_accelerated_progress_plan_answers_the_weaknesses_still_monitored():
    now = monitoring(numbered(*_revisited(True, False, False)))
    assert now is not None and now.full == "k"
    assert now.answered_by(PlanKind.ACCELERATED_PROGRESS_PLAN) == ("joint commissioning",
                                                                    "EHC plans")  # fmt: skip
    assert now.answered_by(PlanKind.WSOA) == WEAK
    assert now.answered_by(PlanKind.STRATEGIC_PLAN) == ()
    assert PlanKind.ACCELERATED_PROGRESS_PLAN in now.plans_required


@pytest.mark.parametrize("weakness", ["leadership", "not in the letter"])
def test_of_wsoa_8_only_a_weakness_still_monitored_can_be_released(weakness: str) -> None:
    # "leadership" was judged sufficient at the revisit: it is no longer monitored.
    history = [*_revisited(True, False, False),
               ev(D(2023, 2, 1), E.RELEASED_FROM_MONITORING, weakness=weakness)]  # fmt: skip
    with pytest.raises(HistoryError) as refused:
        evaluate(numbered(*history), D(2023, 3, 1))
    problem = refused.value.problems[0]
    assert problem.field == "weakness" and "OF-WSOA-8" in problem.message
    assert "joint commissioning; EHC plans" in problem.message


def test_rv_12_nf_plan_4_improvement_notice_issued_and_lifted():
    history = [
        *_revisited(False, False, False),
        ev(D(2023, 3, 15), E.IMPROVEMENT_NOTICE_ISSUED),
        plan(D(2023, 8, 15), E.PLAN_PUBLISHED, PlanKind.ACCELERATED_PROGRESS_PLAN),
    ]
    status = evaluate(numbered(*history), D(2023, 9, 1))
    assert status.state == "improvement_notice"
    assert "improvement_notice_lifted" in status.allowed
    app = [o for o in obligations(status, "RV-12") if o.who.name == "LOCAL_AREA"]
    assert app[0].met_on == D(2023, 8, 15)
    history.append(ev(D(2024, 8, 6), E.IMPROVEMENT_NOTICE_LIFTED))
    assert evaluate(numbered(*history), D(2024, 9, 1)).state == "app_monitoring"


def test_of_wsoa_9_unrevisited_wsoa_areas_are_inspected_under_the_new_framework_by_2025():
    status = evaluate(numbered(*ACCEPTED), D(2023, 2, 1))
    assert due(status, "OF-WSOA-9") == D(2025, 12, 31)
    assert not obligations(status, "RV-2")  # the revisit programme has ended (OF-PRG-4)
    found = problem([*ACCEPTED, notified(D(2023, 1, 9), "r", REVISIT)])
    assert found.line == 7 and "OF-PRG-4" in found.message


def test_nf_act_3_other_areas_get_their_first_new_framework_inspection_by_the_end_of_2027():
    status = evaluate(numbered(*_revisited(True, True, True)), D(2023, 2, 1))
    assert due(status, "NF-ACT-3") == D(2027, 12, 31)
    assert not obligations(status, "OF-WSOA-9")


def test_a_new_full_inspection_supersedes_what_the_old_cycle_still_owed():
    history = [*KENT, notified(D(2023, 3, 6), "new", framework=Framework.F2023)]
    status = evaluate(numbered(*history), D(2023, 3, 7))
    assert not obligations(status, "OF-WSOA-3")  # unmet, superseded
    assert obligations(status, "OF-LET-5")  # met, kept as history
    assert status.state == "notified"


# -- obligations: 2023 framework -----------------------------------------------


def test_nf_plan_1_nf_plan_2_strategic_plan_30_wd_pap_35_and_70_wd_from_the_report():
    status = evaluate(numbered(*NOTTS), D(2023, 6, 1))
    assert due(status, "NF-PLAN-1") == D(2023, 6, 28)
    assert [o.due for o in obligations(status, "NF-PLAN-2")] == [D(2023, 7, 5), D(2023, 8, 23)]


def test_nf_pub_1_report_target_defaults_to_68_wd():
    status = evaluate(numbered(*NOTTS[:3]), D(2023, 3, 1))
    assert due(status, "NF-PUB-1") == D(2023, 5, 16)
    assert due(evaluate(numbered(*NOTTS[:3]), D(2023, 3, 1), params=Params(
        {"nf.publication_target_wd": 33})), "NF-PUB-1") == D(2023, 3, 22)  # fmt: skip


def test_pap_submitted_judged_then_a_monitoring_inspection_is_due():
    history = [
        *NOTTS,
        plan(D(2023, 7, 3), E.PLAN_SUBMITTED, PlanKind.PRIORITY_ACTION_PLAN),
    ]
    assert evaluate(numbered(*history), D(2023, 7, 4)).state == "pap_under_review"
    history.append(plan(D(2023, 7, 20), E.PLAN_JUDGED, PlanKind.PRIORITY_ACTION_PLAN, fit=True))
    status = evaluate(numbered(*history), D(2023, 8, 1))
    assert status.state == "monitoring_inspection_due"
    assert obligations(status, "NF-PLAN-2")[0].met_on == D(2023, 7, 3)


def test_nf_mon_1_monitoring_18_months_from_the_inspection_until_june_2025_then_from_receipt():
    status = evaluate(numbered(*NOTTS), D(2023, 6, 1))
    assert due(status, "NF-MON-1") == D(2024, 8, 3)  # 2023 version: from the inspection
    later = [
        notified(D(2025, 9, 1), "l", framework=Framework.F2023),
        ev(D(2025, 9, 11), E.FIELDWORK_STARTED, "l"),
        ev(D(2025, 9, 19), E.FIELDWORK_ENDED, "l"),
        ev(D(2025, 11, 10), E.REPORT_RECEIVED, "l"),
        published(D(2025, 11, 12), "l", Outcome.SYSTEMIC_FAILINGS, ("EHC plans",)),
    ]
    assert due(evaluate(numbered(*later), D(2025, 12, 1)), "NF-MON-1") == D(2027, 5, 10)


def test_nf_act_1_monitoring_inspection_follows_only_outcome_3_and_reports_per_priority():
    history = [
        *NOTTS,
        notified(D(2025, 6, 30), "m", MONITORING, Framework.F2023),
        ev(D(2025, 7, 14), E.FIELDWORK_STARTED, "m"),
        ev(D(2025, 7, 16), E.FIELDWORK_ENDED, "m"),
        published(D(2025, 9, 16), "m"),
        judged(D(2025, 9, 16), "m", "EHC plans", True),
    ]
    status = evaluate(numbered(*history), D(2025, 10, 1))
    assert status.state == "systemic_failings"
    assert obligations(status, "NF-MON-1")[0].met_on == D(2025, 7, 14)
    assert "progress_judged" in status.allowed  # one priority still to record


@pytest.mark.parametrize(
    ("outcome", "years", "state"),
    [(Outcome.POSITIVE, 5, "positive"), (Outcome.INCONSISTENT, 3, "inconsistent"),
     (Outcome.SYSTEMIC_FAILINGS, 3, "pap_due")],
)  # fmt: skip
def test_nf_act_2_next_full_inspection_by_outcome(outcome, years, state):
    weaknesses = ("x",) if outcome is Outcome.SYSTEMIC_FAILINGS else ()
    history = [*NOTTS[:3], published(D(2023, 5, 16), "n", outcome, weaknesses)]
    status = evaluate(numbered(*history), D(2023, 6, 1))
    assert status.state == state
    assert due(status, "NF-ACT-2") == D(2023 + years, 2, 3)


def test_nf_eng_1_engagement_meetings_are_annual():
    history = [*NOTTS, ev(D(2024, 5, 1), E.ENGAGEMENT_MEETING)]
    status = evaluate(numbered(*history), D(2024, 6, 1))
    assert [(o.due, o.met_on) for o in obligations(status, "NF-ENG-1")] == [
        (D(2024, 5, 16), D(2024, 5, 1)),
        (D(2025, 5, 1), None),
    ]


def test_nf_them_1_nf_plan_3_thematic_and_support_visits_after_a_2023_outcome():
    history = [*NOTTS, ev(D(2023, 9, 1), E.THEMATIC_VISIT, theme="alternative provision"),
               ev(D(2024, 1, 15), E.SUPPORT_VISIT, by="dfe_nhse")]  # fmt: skip
    assert evaluate(numbered(*history), D(2024, 2, 1)).state == "pap_due"
    found = problem([ev(D(2022, 6, 1), E.THEMATIC_VISIT)])
    assert "NF-THEM-1" in found.message


# -- deferral ------------------------------------------------------------------


def test_rv_6_a_granted_deferral_withdraws_the_inspection():
    history = [
        *ACCEPTED,
        notified(D(2022, 9, 12), "r", REVISIT),
        ev(D(2022, 9, 13), E.DEFERRAL_REQUESTED, "r"),
        ev(D(2022, 9, 14), E.DEFERRAL_DECIDED, "r", granted=True),
    ]
    status = evaluate(numbered(*history), D(2022, 9, 15))
    assert status.state == "wsoa_monitoring"
    assert not obligations(status, "RV-3")
    refused = problem([*history, ev(D(2022, 9, 27), E.FIELDWORK_STARTED, "r")])
    assert refused.line == 10 and "withdrawn" in refused.message


# -- forbidden histories -------------------------------------------------------


@pytest.mark.parametrize(
    ("history", "line", "field", "rule"),
    [
        ([*KENT[:1], ev(D(2019, 1, 28), E.FIELDWORK_STARTED, "other")], 2, "inspection", "unknown"),
        ([*KENT[:1], ev(D(2019, 1, 25), E.FIELDWORK_STARTED, "k")], 2, "date", "OF-NOT-1"),
        # Replayed by date, an end before the start comes while fieldwork has not started.
        ([*KENT[:2], ev(D(2019, 1, 27), E.FIELDWORK_ENDED, "k")], 3, None, "OF-ONS-1"),
        ([*KENT[:1], ev(D(2019, 2, 1), E.FIELDWORK_ENDED, "k")], 2, None, "OF-ONS-1"),
        ([*KENT[:3], published(D(2019, 3, 29), outcome=Outcome.NO_WSOA),
          notified(D(2019, 9, 2), "r", REVISIT)], 5, "kind", "RV-1"),
        ([*KENT, published(D(2019, 4, 2), outcome=Outcome.NO_WSOA)], 5, None, "OF-Q-2"),
        ([*KENT[:3], published(D(2019, 3, 29), outcome=Outcome.POSITIVE)], 4, "outcome", "OF-Q-2"),
        ([*NOTTS[:3], published(D(2023, 5, 16), "n", Outcome.WSOA)], 4, "outcome", "NF-OUT-1"),
        ([*KENT[:3], published(D(2019, 3, 29))], 4, "outcome", "OF-Q-2"),
        ([*KENT[:3], ev(D(2019, 3, 1), E.LETTER_DATED, "k", weaknesses=WEAK),
          published(D(2019, 3, 29), outcome=Outcome.WSOA, weaknesses=WEAK[:1])], 5,
         "weaknesses", "OF-LET-1"),
        ([*KENT, judged(D(2019, 4, 2), "k", "leadership", True)], 5, None, "RV-9"),
        ([*_revisited(True, True, True)[:10], judged(D(2022, 11, 9), "r", "waiting lists", True)],
         11, "weakness", "RV-9"),
        ([*KENT, plan(D(2019, 5, 1), E.PLAN_JUDGED, fit=True)], 5, None, "OF-WSOA-5"),
        ([*KENT, plan(D(2019, 5, 1), E.PLAN_SUBMITTED, PlanKind.PRIORITY_ACTION_PLAN)], 5, "plan",
         "NF-PLAN-2"),
        ([*NOTTS[:3], published(D(2023, 5, 16), "n", Outcome.POSITIVE),
          notified(D(2024, 6, 3), "m", MONITORING, Framework.F2023)], 5, "kind", "NF-MON-1"),
        ([notified(D(2022, 5, 9))], 1, "date", "OF-PRG-4"),
        ([notified(D(2022, 12, 5), framework=Framework.F2023)], 1, "date", "NF-VER-1"),
        ([notified(D(2019, 1, 22))], 1, "date", "OF-NOT-1"),
        ([*KENT, notified(D(2019, 9, 2), "again")], 5, "kind", "OF-PRG-2"),
        ([*_revisited(True, False, True), notified(D(2022, 11, 14), "r2", REVISIT)], 14, "kind",
         "RV-12"),
        ([*KENT, ev(D(2019, 5, 1), E.IMPROVEMENT_NOTICE_ISSUED)], 5, None, "RV-12"),
        ([*KENT, ev(D(2019, 5, 1), E.RELEASED_FROM_MONITORING),
          ev(D(2019, 6, 1), E.RELEASED_FROM_MONITORING)], 6, None, "OF-WSOA-8"),
        ([*KENT[:2], ev(D(2019, 1, 30), E.FIELDWORK_STARTED, "k")], 3, None, "OF-NOT-1"),
    ],
)  # fmt: skip
def test_a_forbidden_event_is_refused_naming_its_line_field_and_rule(history, line, field, rule):
    found = problem(history)
    assert (found.line, found.field) == (line, field)
    assert rule in found.message


def test_every_problem_of_a_history_is_reported_together():
    history = [
        *KENT[:1],
        ev(D(2019, 1, 28), E.FIELDWORK_STARTED, "x"),
        notified(D(2019, 3, 5), "y"),
    ]
    with pytest.raises(HistoryError) as caught:
        evaluate(numbered(*history), D(2019, 4, 1))
    assert [p.line for p in caught.value.problems] == [2, 3]


def test_a_history_holds_one_area():
    other = Event(D(2019, 1, 28), E.FIELDWORK_STARTED, area="E06000035", inspection="k")
    found = problem([*KENT[:1], other])
    assert (found.line, found.field) == (2, "area")


def test_rv_5_a_remote_revisit_before_april_2021_is_refused():
    history = [
        *ACCEPTED,
        notified(D(2019, 11, 25), "r", REVISIT),
        ev(D(2019, 12, 9), E.FIELDWORK_STARTED, "r", remote=True),
    ]
    found = problem(history)
    assert (found.line, found.field) == (8, "remote") and "RV-5" in found.message


def test_the_answer_serialises_to_the_section_9_json():
    answer = evaluate(numbered(*KENT), D(2019, 4, 1)).to_json()
    assert answer["state"] == "wsoa_due"
    wsoa = next(o for o in answer["obligations"] if o["rule"] == "OF-WSOA-3")
    assert wsoa == {"rule": "OF-WSOA-3", "what": wsoa["what"], "who": "local area partnership",
                    "due": "2019-07-11", "met_on": None, "overdue": False, "standing": "due",
                    "late_days": None, "public": True, "inspection": "k"}  # fmt: skip


def test_nf_mon_2_monitoring_reports_progress_per_priority_without_an_outcome():
    monitoring = [
        *NOTTS,
        notified(D(2025, 6, 30), "m", MONITORING, Framework.F2023),
        ev(D(2025, 7, 14), E.FIELDWORK_STARTED, "m"),
        ev(D(2025, 7, 16), E.FIELDWORK_ENDED, "m"),
    ]
    found = problem([*monitoring, published(D(2025, 9, 16), "m", Outcome.POSITIVE)])
    assert (found.line, found.field) == (8, "outcome") and "NF-MON-2" in found.message
    found = problem([*monitoring, judged(D(2025, 9, 16), "m", "waiting lists", True)])
    assert (found.line, found.field) == (8, "weakness") and "NF-MON-2" in found.message


def test_a_whole_life_2016_full_revisit_2023_full_monitoring_and_the_next_full_inspection():
    history = [
        *_revisited(True, False, True),
        notified(D(2023, 1, 16), "n", framework=Framework.F2023),
        *NOTTS[1:],
        notified(D(2025, 6, 30), "m", MONITORING, Framework.F2023),
        ev(D(2025, 7, 14), E.FIELDWORK_STARTED, "m"),
        ev(D(2025, 7, 16), E.FIELDWORK_ENDED, "m"),
        published(D(2025, 9, 16), "m"),
        notified(D(2026, 1, 12), "next", framework=Framework.F2023),
        ev(D(2026, 1, 22), E.FIELDWORK_STARTED, "next"),
    ]
    status = evaluate(numbered(*history), D(2026, 1, 23))
    assert status.state == "fieldwork"
    next_full = obligations(status, "NF-ACT-2")[0]
    assert (next_full.due, next_full.met_on) == (D(2026, 2, 3), D(2026, 1, 22))
    assert obligations(status, "NF-ACT-3")[0].met_on == D(2023, 1, 30)
    assert not obligations(status, "NF-PLAN-2")  # unmet, superseded by the new inspection
    assert not obligations(status, "RV-12")  # the 2016 cycle's unmet plan, superseded in 2023
