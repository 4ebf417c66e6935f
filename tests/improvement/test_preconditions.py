"""Each precondition once: what the plan and area pages hide, the services refuse, with a
plain reason and nothing stored (issue 16's walk found each of these accepted)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from areasend.accounts.models import Person
from areasend.casework.errors import CaseworkError
from areasend.framework.events import PlanKind
from areasend.improvement import services as s
from areasend.improvement.models import Plan, Rag
from tests.dates import typed
from tests.dumps import database_dump
from tests.improvement.conftest import Load

D = dt.date
People = dict[str, Person]
EHCP = "the quality of education, health and care plans"


def _dump() -> str:
    return database_dump("areas", "accounts", "improvement")


def _client(person: Person) -> Client:
    client = Client()
    client.force_login(person.user)
    return client


@pytest.fixture
def submitted(people: People, load: Load) -> Plan:
    """Medway's WSOA, an action under every weakness, with Ofsted and CQC for judgement."""
    medway = load("medway.jsonl", D(2018, 2, 8), None)
    officer = people["medway"].user
    plan = s.do_start_plan(officer, medway, PlanKind.WSOA)
    for weakness in plan.weaknesses.all():
        s.do_add_action(officer, weakness, description="Act", owner="Medway Council",
                        success_measures="Measured", started_on=D(2018, 3, 1))  # fmt: skip
    return s.do_submit_plan(officer, plan, on=D(2018, 5, 1))


def test_a_milestone_posted_to_a_submitted_plan_is_refused_as_the_page_hides_it(
    people: People, submitted: Plan
) -> None:
    officer = people["medway"]
    action = submitted.weaknesses.first().actions.first()  # type: ignore[union-attr]
    assert action is not None
    assert "milestone" not in s.steps_open(officer.user, submitted)
    page = _client(officer).get(reverse("improvement:plan_write", args=[submitted.pk]))
    url = reverse("improvement:plan_add_milestone", args=[submitted.pk, action.pk])
    assert url not in page.content.decode()
    assert "with Ofsted and CQC for judgement" in page.content.decode()
    before = _dump()
    with pytest.raises(CaseworkError, match="with Ofsted and CQC for judgement"):
        s.do_add_milestone(officer.user, action, what="Board set up", due=D(2018, 6, 1))
    response = _client(officer).post(url, {"what": "Board set up", **typed({"due": "2018-06-01"})})
    assert response.status_code == 400
    assert "with Ofsted and CQC for judgement" in response.content.decode()
    assert _dump() == before


def test_no_content_step_is_open_on_a_submitted_plan_and_each_service_refuses(
    people: People, submitted: Plan
) -> None:
    officer = people["medway"].user
    assert s.steps_open(officer, submitted) & s.CONTENT_STEPS == frozenset()
    action = submitted.weaknesses.first().actions.first()  # type: ignore[union-attr]
    assert action is not None
    before = _dump()
    with pytest.raises(CaseworkError, match="for judgement"):
        s.do_update_action(officer, action, on=D(2018, 5, 2), rag=Rag.AMBER, note="Meets",
                           version=action.version)  # fmt: skip
    assert _dump() == before


def test_a_plan_ofsted_and_cqc_do_not_judge_cannot_be_submitted(people: People, load: Load) -> None:
    notts = load("nottinghamshire.jsonl", D(2023, 5, 16), None)
    officer = people["nottinghamshire"].user
    strategic = s.do_start_plan(officer, notts, PlanKind.STRATEGIC_PLAN)
    priority = s.do_add_priority(officer, strategic, text="Timely EHC needs assessments")
    s.do_add_action(officer, priority, description="Act", owner="Nottinghamshire County Council",
                    success_measures="Measured", started_on=D(2023, 5, 20))  # fmt: skip
    assert "submit" not in s.steps_open(officer, strategic)
    assert "publish" in s.steps_open(officer, strategic)
    before = _dump()
    with pytest.raises(CaseworkError, match="do not judge a send strategic plan"):
        s.do_submit_plan(officer, strategic, on=D(2023, 7, 5))
    assert _dump() == before
    strategic.refresh_from_db()
    assert strategic.status == Plan.Status.DRAFT


def test_a_release_is_refused_when_nothing_is_monitored_and_the_page_offers_none(
    people: People, load: Load
) -> None:
    medway = load("medway.jsonl", D(2020, 2, 19), None)
    adviser = people["dfe"]
    s.do_release(adviser.user, medway, on=D(2021, 10, 5), weakness=None)
    assert s.release_refusal(medway) is not None
    page = _client(adviser).get(f"/improvement/areas/{medway.slug}/").content.decode()
    assert reverse("improvement:release", args=[medway.slug]) not in page
    assert "so nothing is released" in page  # the list of steps says why
    before = _dump()
    with pytest.raises(CaseworkError, match="Nothing in Medway is under DfE and NHS England"):
        s.do_release(adviser.user, medway, on=D(2021, 11, 1), weakness=None)
    assert _dump() == before


def test_a_weakness_is_not_released_before_the_revisit_that_judged_it(
    people: People, load: Load
) -> None:
    medway = load("medway.jsonl", D(2020, 2, 19), None)
    adviser = people["dfe"].user
    before = _dump()
    with pytest.raises(CaseworkError, match="on or after the latest follow-up's") as caught:
        s.do_release(adviser, medway, on=D(2020, 1, 10), weakness=EHCP)
    assert caught.value.field == "on" and "19 February 2020" in str(caught.value)
    assert _dump() == before
    s.do_release(adviser, medway, on=D(2020, 2, 19), weakness=EHCP)  # the same day is fine


@pytest.mark.parametrize("due", [D(1, 1, 1), D(9999, 12, 31)])
def test_a_milestone_due_in_year_1_or_9999_is_refused(
    people: People, load: Load, due: dt.date
) -> None:
    medway = load("medway.jsonl", D(2018, 2, 8), None)
    officer = people["medway"].user
    plan = s.do_start_plan(officer, medway, PlanKind.WSOA)
    action = s.do_add_action(
        officer, plan.weaknesses.get(position=1), description="Act", owner="Medway Council",
        success_measures="Measured", started_on=D(2018, 3, 1),
    )  # fmt: skip
    before = _dump()
    with pytest.raises(CaseworkError, match="check the year") as caught:
        s.do_add_milestone(officer, action, what="Board set up", due=due)
    assert caught.value.field == "due" and str(due.year) in str(caught.value)
    assert _dump() == before
