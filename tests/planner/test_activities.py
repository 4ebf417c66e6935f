"""Obligations from the framework become activities with windows, term weeks and priorities."""

from __future__ import annotations

import datetime as dt

from areasend.framework.calendar import england
from areasend.framework.events import Outcome
from areasend.framework.status import AreaStatus, Obligation, Party
from areasend.planner.activities import AreaInput, activities_from_status, term_weeks
from areasend.planner.problem import Kind

START = dt.date(2026, 11, 2)  # a Monday


def area(
    *obligations: Obligation, outcome: Outcome | None = Outcome.SYSTEMIC_FAILINGS
) -> AreaInput:
    status = AreaStatus(START, "", "", obligations, (), ())
    return AreaInput("E10000024", "Nottinghamshire", "East Midlands", status, outcome)


def due(rule: str, day: dt.date, who: Party = Party.INSPECTORATE) -> Obligation:
    return Obligation(rule, rule, who, day, None, False)


def test_monitoring_inspection_window_opens_13_weeks_before_due_with_top_priority() -> None:
    (found,) = activities_from_status([area(due("NF-MON-1", dt.date(2027, 5, 3)))], START, 52)
    assert (found.kind, found.due_week, found.earliest_week) == (Kind.MONITORING, 26, 13)
    assert (found.priority, found.notice_weeks, found.latest_week) == (4, 2, 51)
    assert found.id == "E10000024-monitoring-2027-05-03"


def test_first_new_framework_inspection_may_come_any_time_before_its_due_date() -> None:
    (found,) = activities_from_status(
        [area(due("NF-ACT-3", dt.date(2027, 10, 1)), outcome=None)], START, 52
    )
    assert (found.kind, found.earliest_week, found.priority) == (Kind.FULL, 0, 2)


def test_only_inspectorate_visits_due_inside_the_horizon_become_activities() -> None:
    obligations = (
        due("NF-ACT-2", dt.date(2028, 1, 3)),  # after the horizon
        due("NF-PLAN-2", dt.date(2027, 1, 4), Party.LOCAL_AREA),  # not a visit
        due("NF-ENG-1", dt.date(2027, 1, 4)),  # engagement only when asked
    )
    assert activities_from_status([area(*obligations)], START, 52) == ()
    (meeting,) = activities_from_status([area(*obligations)], START, 52, engagement=True)
    assert meeting.kind is Kind.ENGAGEMENT


def test_term_weeks_leave_out_half_term_and_christmas() -> None:
    weeks = term_weeks(START, 10, None, england())
    assert 0 in weeks  # 2 Nov 2026: autumn term
    assert 7 not in weeks and 8 not in weeks  # 21 and 28 Dec 2026: Christmas holiday
