"""Improvement pages: who sees what, forms that call the services, refusals on the page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from areasend.accounts.models import Person
from areasend.casework import clock
from areasend.framework.events import PlanKind
from areasend.improvement import services as s
from areasend.improvement.models import Plan
from tests.dates import typed
from tests.dumps import database_dump
from tests.improvement.conftest import Load

D = dt.date
People = dict[str, Person]


def _client(person: Person) -> Client:
    client = Client()
    client.force_login(person.user)
    return client


@pytest.fixture
def plan(people: People, load: Load) -> Plan:
    medway = load("medway.jsonl", D(2018, 2, 8), None)
    return s.do_start_plan(people["medway"].user, medway, PlanKind.WSOA)


def test_the_area_officer_adds_an_action_through_the_page(people: People, plan: Plan) -> None:
    officer = _client(people["medway"])
    weakness = plan.weaknesses.get(position=8)
    response = officer.post(
        reverse("improvement:plan_add_action", args=[plan.pk, weakness.pk]),
        {
            "description": "Audit every new EHC plan",
            "owner": "Medway Council",
            "success_measures": "90% of audited plans good",
            **typed({"started_on": "2018-03-01"}),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("improvement:plan_write", args=[plan.pk])
    page = officer.get(response["Location"]).content.decode()
    assert "Audit every new EHC plan" in page and "90% of audited plans good" in page
    assert page.count("govuk-notification-banner--success") == 1 and "Action added." in page
    assert list(weakness.actions.values_list("owner", flat=True)) == ["Medway Council"]


def test_a_refused_step_shows_its_reason_and_changes_nothing(people: People, plan: Plan) -> None:
    officer = _client(people["medway"])
    url = reverse("improvement:plan_submit", args=[plan.pk])
    before = database_dump("areas", "improvement")
    response = officer.post(url, typed({"on": "2018-05-01"}))
    assert response.status_code == 400
    assert "Every weakness needs at least one action first" in response.content.decode()
    assert database_dump("areas", "improvement") == before
    for weakness in plan.weaknesses.all():
        s.do_add_action(people["medway"].user, weakness, description="Act", owner="Council",
                        success_measures="Better", started_on=D(2018, 3, 1))  # fmt: skip
    before = database_dump("areas", "improvement")
    future = officer.post(url, typed({"on": "2099-01-01"}))
    page = future.content.decode()
    assert future.status_code == 400 and "cannot be in the future" in page
    assert 'class="govuk-error-summary"' in page and 'href="#id_on_day"' in page
    assert database_dump("areas", "improvement") == before


@pytest.mark.parametrize(
    ("who", "name", "status"),
    [
        ("sheffield", "plan", 404),  # another area's officer: nothing to see
        ("dfe", "plan", 200),
        ("dfe", "plan_submit", 403),  # an adviser sees the plan but does not write it
        ("medway", "plan_judge", 403),  # the area does not judge its own plan
        ("planner", "plan_judge", 400),  # allowed, but the plan is not submitted yet
    ],
)
def test_each_role_gets_what_the_table_says(
    people: People, plan: Plan, who: str, name: str, status: int
) -> None:
    client = _client(people[who])
    url = reverse(f"improvement:{name}", args=[plan.pk])
    response = client.get(url) if name == "plan" else client.post(url, {})
    assert response.status_code == status


def test_pages_read_in_a_fixed_number_of_queries(
    people: People, plan: Plan, django_assert_max_num_queries: Any
) -> None:
    officer = _client(people["medway"])
    for weakness in plan.weaknesses.all():
        s.do_add_action(people["medway"].user, weakness, description="Act", owner="Council",
                        success_measures="Better", started_on=D(2018, 3, 1))  # fmt: skip
    with django_assert_max_num_queries(60):
        assert officer.get(f"/improvement/plans/{plan.pk}/").status_code == 200
    with django_assert_max_num_queries(40):
        assert officer.get(f"/improvement/plans/{plan.pk}/write/").status_code == 200
    with django_assert_max_num_queries(25):
        assert officer.get("/improvement/areas/medway/").status_code == 200
    report = s.do_create_report(people["medway"].user, plan, as_of=D(2018, 6, 1), audience="Board")
    with django_assert_max_num_queries(40):
        assert officer.get(f"/improvement/reports/{report.pk}/").status_code == 200
    pdf = officer.get(f"/improvement/reports/{report.pk}.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_public_timeline_tells_medways_story_in_order(load: Load, client: Client) -> None:
    load("medway.jsonl", D(2021, 10, 5), None)
    page = client.get("/areas/medway/timeline/").content.decode()
    steps = [
        "4 December 2017",
        "8 February 2018",
        "25 November 2019",
        "19 February 2020",
        "Progress not sufficient: joint strategic leadership",
        "released one weakness from monitoring: the quality of education, health and care plans",
        "5 October 2021",
    ]
    positions = [page.find(step) for step in steps]
    assert -1 not in positions, dict(zip(steps, positions, strict=True))
    assert positions == sorted(positions)
    assert "Inspections paused nationally" in page  # the COVID pause falls inside the story
    assert "Released from formal government monitoring" in page  # where it stands now


def test_the_area_page_lists_every_letter_that_required_a_plan(people: People, load: Load) -> None:
    load("southend.jsonl", D(2026, 1, 1), None)
    officer = _client(people["southend"])
    page = officer.get("/improvement/areas/southend-on-sea/").content.decode()
    for inspection, kind in (
        ("southend-2018", "wsoa"),
        ("southend-2018", "accelerated_progress_plan"),
        ("southend-2023", "strategic_plan"),
    ):
        assert f"/improvement/areas/southend-on-sea/plans/{inspection}/{kind}/" in page
    assert "southend-revisit-2021" in page  # the letter that asked for the APP


def test_record_the_plan_shows_what_the_letter_asks_then_starts_it(
    people: People, load: Load
) -> None:
    load("southend.jsonl", D(2026, 1, 1), None)
    officer = _client(people["southend"])
    url = "/improvement/areas/southend-on-sea/plans/southend-2018/wsoa/"
    page = officer.get(url).content.decode()
    assert "Southend-on-Sea council, NHS Southend CCG" in page
    assert "25 March 2019" in page  # OF-WSOA-3: 70 working days after 12 December 2018
    response = officer.post(url)
    assert response.status_code == 302
    plan = Plan.objects.get(inspection="southend-2018", kind="wsoa")
    assert response["Location"] == f"/improvement/plans/{plan.pk}/"
    assert "NHS Southend CCG, jointly" in officer.get(response["Location"]).content.decode()
    again = officer.post(url)
    assert again.status_code == 400 and b"already started" in again.content


def test_record_the_plan_for_a_letter_that_asked_for_none_says_so(
    people: People, load: Load
) -> None:
    load("southend.jsonl", D(2026, 1, 1), None)
    officer = _client(people["southend"])
    before = database_dump("areas", "improvement")
    url = "/improvement/areas/southend-on-sea/plans/southend-2023/wsoa/"
    assert b"did not require a written statement" in officer.get(url).content
    assert officer.post(url).status_code == 400
    assert officer.post(url.replace("wsoa", "no-such-plan")).status_code == 400
    assert database_dump("areas", "improvement") == before


@pytest.mark.parametrize("page", ["", "release/"])
def test_the_area_page_and_its_release_step_read_the_log_once(
    load: Load, people: dict[str, Person], page: str
) -> None:
    medway = load("medway.jsonl", clock.today(), None)
    client = Client()
    client.force_login(people["dfe"].user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/improvement/areas/{medway.slug}/{page}")
    assert response.status_code == 200
    reads = [q for q in captured.captured_queries if 'FROM "areas_historyevent"' in q["sql"]]
    assert len(reads) == 1, [q["sql"][:120] for q in reads]
