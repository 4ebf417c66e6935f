"""Plans, support and challenge, releases and governance reports, through the services,
on Medway's real history (framework.md §8.1) and Nottinghamshire's (§8.4)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from areasend.accounts.models import Person
from areasend.areas.event_log import area_status
from areasend.areas.models import HistoryEvent
from areasend.casework.errors import CaseworkError
from areasend.framework.events import PlanKind
from areasend.improvement import services as s
from areasend.improvement.models import GovernanceReport, Plan, Rag, SupportVisit
from areasend.improvement.reports import plan_state, render_pdf, report_state
from tests.dumps import database_dump
from tests.improvement.conftest import Load

D = dt.date
People = dict[str, Person]


def _dump() -> str:
    return database_dump("areas", "accounts", "improvement")


def _wsoa_with_actions(people: People, load: Load) -> Plan:
    medway = load("medway.jsonl", D(2018, 2, 8), None)
    officer = people["medway"].user
    plan = s.do_start_plan(officer, medway, PlanKind.WSOA)
    for weakness in plan.weaknesses.all():
        s.do_add_action(
            officer, weakness, description=f"Act on: {weakness.text}", owner="Medway Council",
            success_measures="Parents say it has improved", started_on=D(2018, 3, 1),
        )  # fmt: skip
    return plan


def test_a_wsoa_answers_the_eight_weaknesses_of_medways_letter(people: People, load: Load) -> None:
    plan = _wsoa_with_actions(people, load)
    texts = [w.text for w in plan.weaknesses.all()]
    assert len(texts) == 8 and texts[-1] == "the quality of education, health and care plans"
    assert plan.inspection == "medway-2017" and plan.status == Plan.Status.DRAFT


def test_only_the_plan_the_framework_requires_can_be_started(people: People, load: Load) -> None:
    medway = load("medway.jsonl", D(2018, 2, 8), None)
    before = _dump()
    with pytest.raises(CaseworkError, match="NF-PLAN-2"):
        s.do_start_plan(people["medway"].user, medway, PlanKind.PRIORITY_ACTION_PLAN)
    with pytest.raises(PermissionDenied):
        s.do_start_plan(people["sheffield"].user, medway, PlanKind.WSOA)
    assert _dump() == before


def test_submission_needs_an_action_under_every_weakness(people: People, load: Load) -> None:
    medway = load("medway.jsonl", D(2018, 2, 8), None)
    plan = s.do_start_plan(people["medway"].user, medway, PlanKind.WSOA)
    before = _dump()
    with pytest.raises(CaseworkError, match="at least one action") as refused:
        s.do_submit_plan(people["medway"].user, plan, on=D(2018, 5, 1))
    assert "co-production at all levels" in str(refused.value)
    assert _dump() == before


def test_wsoa_not_fit_then_resubmitted_fit_and_published(people: People, load: Load) -> None:
    plan = _wsoa_with_actions(people, load)
    officer, planner = people["medway"].user, people["planner"].user
    s.do_submit_plan(officer, plan, on=D(2018, 5, 1))
    assert area_status(plan.area, D(2018, 5, 2)).state == "wsoa_under_review"
    before = _dump()
    with pytest.raises(CaseworkError, match="OF-WSOA-5"):
        s.do_publish_plan(officer, plan, on=D(2018, 5, 2), url="https://example.org/wsoa")
    with pytest.raises(PermissionDenied):
        s.do_judge_plan(officer, plan, on=D(2018, 5, 20), fit=True, reasons="We like it")
    assert _dump() == before
    s.do_judge_plan(planner, plan, on=D(2018, 5, 20), fit=False, reasons="No success measures")
    assert plan.status == Plan.Status.NOT_FIT
    assert area_status(plan.area, D(2018, 5, 21)).state == "wsoa_resubmission_due"
    s.do_submit_plan(officer, plan, on=D(2018, 6, 15))
    s.do_judge_plan(planner, plan, on=D(2018, 7, 2), fit=True, reasons="Clear and measurable")
    s.do_publish_plan(officer, plan, on=D(2018, 7, 10), url="https://example.org/wsoa")
    status = area_status(plan.area, D(2018, 8, 1))
    assert status.state == "wsoa_monitoring"
    published = [o for o in status.obligations if o.rule == "OF-WSOA-7"]
    assert published and published[0].met_on == D(2018, 7, 10)
    kinds = list(
        HistoryEvent.objects.filter(area=plan.area, event__startswith="plan_").values_list(
            "event", "fields__fit"
        )
    )
    assert kinds == [("plan_submitted", None), ("plan_judged", False), ("plan_submitted", None),
                     ("plan_judged", True), ("plan_published", None)]  # fmt: skip


def test_a_second_update_from_a_stale_form_is_refused_naming_who_saved(
    people: People, load: Load
) -> None:
    plan = _wsoa_with_actions(people, load)
    action = plan.weaknesses.first().actions.first()  # type: ignore[union-attr]
    assert action is not None
    opened = action.version
    officer = people["medway"].user
    s.do_update_action(officer, action, on=D(2018, 9, 1), rag=Rag.GREEN, note="Board set up",
                       version=opened)  # fmt: skip
    before = _dump()
    with pytest.raises(CaseworkError, match="Owen Castell updated this action") as refused:
        s.do_update_action(officer, action, on=D(2018, 9, 2), rag=Rag.RED, note="Stalled",
                           version=opened)  # fmt: skip
    assert "Board set up" in str(refused.value)
    assert _dump() == before
    action.refresh_from_db()
    assert action.rag == Rag.GREEN


def test_support_visits_and_single_releases_after_medways_revisit(
    people: People, load: Load
) -> None:
    medway = load("medway.jsonl", D(2020, 2, 19), None)
    adviser, officer = people["dfe"].user, people["medway"].user
    assert area_status(medway, D(2020, 3, 1)).state == "app_monitoring"
    app = s.do_start_plan(officer, medway, PlanKind.ACCELERATED_PROGRESS_PLAN)
    assert len(app.weaknesses.all()) == 3  # the three the revisit found insufficient
    visit = s.do_record_support_visit(
        adviser, medway, on=D(2021, 2, 15), kind=SupportVisit.Kind.VISIT,
        notes="EHC plans now meet the standard",
    )  # fmt: skip
    assert HistoryEvent.objects.filter(area=medway, event="support_visit").count() == 1
    ehcp = "the quality of education, health and care plans"
    s.do_release(adviser, medway, on=D(2021, 2, 15), weakness=ehcp)
    assert area_status(medway, D(2021, 3, 1)).state == "app_monitoring"
    before = _dump()
    with pytest.raises(CaseworkError, match="not under monitoring"):
        s.do_release(adviser, medway, on=D(2021, 3, 1), weakness=ehcp)
    with pytest.raises(PermissionDenied):
        s.do_release(officer, medway, on=D(2021, 3, 1), weakness=None)
    assert _dump() == before
    s.do_release(adviser, medway, on=D(2021, 10, 5), weakness=None)
    assert area_status(medway, D(2021, 11, 1)).state == "released"
    assert visit.recorded_by == people["dfe"]


def test_a_governance_report_shows_the_position_on_its_date_and_what_changed(
    people: People, load: Load
) -> None:
    plan = _wsoa_with_actions(people, load)
    officer = people["medway"].user
    action = plan.weaknesses.first().actions.first()  # type: ignore[union-attr]
    assert action is not None
    s.do_add_milestone(officer, action, what="Board terms of reference", due=D(2018, 6, 1))
    s.do_update_action(officer, action, on=D(2018, 9, 1), rag=Rag.AMBER, note="Board meets",
                       version=action.version)  # fmt: skip
    s.do_update_action(officer, action, on=D(2020, 3, 1), rag=Rag.GREEN, note="Board works",
                       version=action.version)  # fmt: skip
    first = s.do_create_report(officer, plan, as_of=D(2019, 1, 31), audience="SEND board")
    second = s.do_create_report(officer, plan, as_of=D(2020, 4, 14), audience="Cabinet")
    early, late = report_state(first), report_state(second)
    row = early.weaknesses[0].actions[0]
    assert (row.rag, row.last_update and row.last_update.note) == (Rag.AMBER, "Board meets")
    assert [m.what for m in row.milestones_overdue] == ["Board terms of reference"]
    later = late.weaknesses[0].actions[0]
    assert later.rag == Rag.GREEN and [u.note for u in later.changes] == ["Board works"]
    assert late.since == D(2019, 1, 31)
    # Medway's revisit is in the 2020 report's history, not in the 2019 one.
    assert plan_state(plan, D(2019, 1, 31)).weaknesses[0].progress == ()
    pdf = render_pdf(second, late)
    assert pdf.startswith(b"%PDF") and len(pdf) > 2000
    assert GovernanceReport.objects.filter(plan=plan).count() == 2


def test_an_action_agreed_after_the_report_date_is_not_in_it(people: People, load: Load) -> None:
    plan = _wsoa_with_actions(people, load)
    weakness = plan.weaknesses.first()
    assert weakness is not None
    s.do_add_action(
        people["medway"].user, weakness, description="Later action", owner="NHS Medway CCG",
        success_measures="Waiting times fall", started_on=D(2019, 6, 1),
    )  # fmt: skip
    assert len(plan_state(plan, D(2019, 1, 1)).weaknesses[0].actions) == 1
    assert len(plan_state(plan, D(2019, 7, 1)).weaknesses[0].actions) == 2


def test_nottinghamshire_priority_action_plan_to_monitoring_inspection(
    people: People, load: Load
) -> None:
    notts = load("nottinghamshire.jsonl", D(2023, 5, 16), None)
    officer, lead = people["nottinghamshire"].user, people["lead"].user
    pap = s.do_start_plan(officer, notts, PlanKind.PRIORITY_ACTION_PLAN)
    assert len(pap.weaknesses.all()) == 2
    for weakness in pap.weaknesses.all():
        s.do_add_action(officer, weakness, description="Act", owner="Nottinghamshire County Council",
                        success_measures="Measured", started_on=D(2023, 5, 20))  # fmt: skip
    s.do_submit_plan(officer, pap, on=D(2023, 7, 5))
    s.do_judge_plan(lead, pap, on=D(2023, 7, 20), fit=True, reasons="Approved")
    s.do_publish_plan(officer, pap, on=D(2023, 8, 23), url="https://example.org/pap")
    status = area_status(notts, D(2023, 9, 1))
    assert status.state == "monitoring_inspection_due"
    submit = next(o for o in status.obligations if o.what.startswith("Submit the priority"))
    assert submit.met_on == D(2023, 7, 5) and not submit.overdue
    # The strategic plan takes the partnership's own priorities.
    strategic = s.do_start_plan(officer, notts, PlanKind.STRATEGIC_PLAN)
    s.do_add_priority(officer, strategic, text="Timely EHC needs assessments")
    with pytest.raises(CaseworkError, match="takes no others"):
        s.do_add_priority(officer, pap, text="Something else")
    s.do_record_engagement(lead, notts, on=D(2024, 5, 1))
    assert HistoryEvent.objects.filter(area=notts, event="engagement_meeting").count() == 1
