"""Each change to a plan or an area's support has its own page and address: every address by
name, the plan's task list following the plan, a closed step refused whatever is posted,
and a record of another plan named in the address not found."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from areasend.accounts.models import Person
from areasend.framework.events import PlanKind
from areasend.improvement import services as s
from areasend.improvement.models import Milestone, Plan, PlanAction
from tests.dates import typed
from tests.dumps import database_dump
from tests.improvement.conftest import Load

D = dt.date
People = dict[str, Person]


def _client(person: Person) -> Client:
    client = Client()
    client.force_login(person.user)
    return client


def _dump() -> str:
    return database_dump("areas", "improvement")


@pytest.fixture
def plan(people: People, load: Load) -> Plan:
    """Medway's WSOA with one action (and a milestone) under its first weakness."""
    medway = load("medway.jsonl", D(2018, 2, 8), None)
    officer = people["medway"].user
    plan = s.do_start_plan(officer, medway, PlanKind.WSOA)
    action = s.do_add_action(officer, plan.weaknesses.get(position=1), description="Audit plans",
                             owner="Medway Council", success_measures="Good plans",
                             started_on=D(2018, 3, 1))  # fmt: skip
    s.do_add_milestone(officer, action, what="Audit team in place", due=D(2018, 4, 1))
    return plan


def _statuses(client: Client, plan: Plan) -> dict[str, tuple[str, bool]]:
    """Each task of the plan page: its status, and whether it links to its page."""
    page = client.get(reverse("improvement:plan", args=[plan.pk])).content.decode()
    found = {}
    for step, body in re.findall(r'<li class="govuk-task-list__item[^"]*" id="task-(\w+)">(.*?)</li>',
                                 page, re.S):  # fmt: skip
        status = re.search(r'id="task-\w+-status">(?:<strong[^>]*>)?([^<]+)', body)
        assert status is not None
        found[step] = (status.group(1).strip(), "govuk-task-list__link" in body)
    return found


def test_every_plan_step_has_its_own_page_by_name(people: People, plan: Plan, load: Load) -> None:
    officer, planner = _client(people["medway"]), _client(people["planner"])
    action = PlanAction.objects.get(weakness__plan=plan)
    milestone = Milestone.objects.get(action=action)
    pages = {
        "plan": ([plan.pk], "Written statement of action"),
        "plan_write": ([plan.pk], "Weaknesses, actions and milestones"),
        "plan_add_action": ([plan.pk, action.weakness_id], "Add an action"),
        "plan_update_action": ([plan.pk, action.pk], "Update the action"),
        "plan_add_milestone": ([plan.pk, action.pk], "Add a milestone"),
        "plan_complete_milestone": ([plan.pk, milestone.pk], "Mark the milestone done"),
        "plan_submit": ([plan.pk], "Submit the plan to Ofsted and CQC"),
        "plan_publish": ([plan.pk], "Record the plan&#x27;s publication"),
        "plan_add_report": ([plan.pk], "Draw up a progress report"),
    }
    for name, (args, h1) in pages.items():
        url = reverse(f"improvement:{name}", args=args)
        response = officer.get(url)
        assert response.status_code == 200, name
        assert re.search(rf'<h1 class="govuk-heading-(?:l|xl)">{h1}', response.content.decode()), (
            name
        )
    judge = planner.get(reverse("improvement:plan_judge", args=[plan.pk])).content.decode()
    assert '<h1 class="govuk-heading-l">Is the plan fit for purpose?</h1>' in judge
    assert 'id="refusal">Only a submitted plan is judged.' in judge  # no form until submitted
    notts = load("nottinghamshire.jsonl", D(2023, 5, 16), None)
    strategic = s.do_start_plan(people["nottinghamshire"].user, notts, PlanKind.STRATEGIC_PLAN)
    priority = _client(people["nottinghamshire"]).get(
        reverse("improvement:plan_add_priority", args=[strategic.pk])
    )
    assert priority.status_code == 200 and b'name="text"' in priority.content


def test_every_support_step_has_its_own_page_by_name(people: People, load: Load) -> None:
    medway = load("medway.jsonl", D(2020, 2, 19), None)
    adviser = _client(people["dfe"])
    area = adviser.get(reverse("improvement:area", args=[medway.slug])).content.decode()
    for name, h1 in (
        ("support_visit", "Record a support visit or meeting"),
        ("release", "Release from monitoring"),
        ("notice", "Record an improvement notice"),
    ):
        url = reverse(f"improvement:{name}", args=[medway.slug])
        assert f'href="{url}"' in area, name
        page = adviser.get(url).content.decode()
        assert f'<h1 class="govuk-heading-l">{h1}</h1>' in page and "<form" in page, name
    notts = load("nottinghamshire.jsonl", D(2023, 5, 16), None)
    planner = _client(people["planner"])
    url = reverse("improvement:engagement", args=[notts.slug])
    assert (
        f'href="{url}"'
        in planner.get(reverse("improvement:area", args=[notts.slug])).content.decode()
    )
    assert planner.get(url).status_code == 200


def test_a_support_visit_is_recorded_on_its_page_with_one_confirmation(
    people: People, load: Load
) -> None:
    medway = load("medway.jsonl", D(2020, 2, 19), None)
    adviser = _client(people["dfe"])
    url = reverse("improvement:support_visit", args=[medway.slug])
    before = _dump()
    empty = adviser.post(url, {"kind": "visit"})
    assert empty.status_code == 400 and b"govuk-error-summary" in empty.content
    assert _dump() == before
    done = adviser.post(url, {**typed({"on": "2020-03-02"}), "kind": "visit",
                              "notes": "Co-production agreed"})  # fmt: skip
    assert done.status_code == 302 and done["Location"] == f"/improvement/areas/{medway.slug}/"
    page = adviser.get(done["Location"]).content.decode()
    assert page.count("govuk-notification-banner--success") == 1
    assert "Co-production agreed" in page


def test_the_task_list_follows_the_plan_from_writing_to_publication(
    people: People, plan: Plan
) -> None:
    officer_user, planner_user = people["medway"].user, people["planner"].user
    officer, planner = _client(people["medway"]), _client(people["planner"])
    wait, todo = "Cannot start yet", "Not started"
    assert _statuses(officer, plan) == {
        "action": ("In progress", True),  # one weakness of eight has its action
        "submit": (wait, False),
        "judge": (wait, False),
        "publish": (wait, False),
    }
    for weakness in plan.weaknesses.filter(actions__isnull=True):
        s.do_add_action(officer_user, weakness, description="Act", owner="Medway Council",
                        success_measures="Measured", started_on=D(2018, 3, 1))  # fmt: skip
    assert _statuses(officer, plan)["action"] == ("Completed", True)
    assert _statuses(officer, plan)["submit"] == (todo, True)
    s.do_submit_plan(officer_user, plan, on=D(2018, 5, 1))
    assert _statuses(officer, plan) == {
        "action": ("Completed", False),  # closed while Ofsted and CQC judge it
        "submit": ("Completed", False),
        "judge": (todo, False),  # the area does not judge its own plan
        "publish": (wait, False),
    }
    assert _statuses(planner, plan)["judge"] == (todo, True)
    s.do_judge_plan(planner_user, plan, on=D(2018, 5, 22), fit=False, reasons="No measures")
    assert _statuses(officer, plan)["submit"] == ("In progress", True)  # to submit again
    s.do_submit_plan(officer_user, plan, on=D(2018, 6, 1))
    s.do_judge_plan(planner_user, plan, on=D(2018, 6, 20), fit=True, reasons="Clear")
    assert _statuses(officer, plan)["publish"] == (todo, True)
    s.do_publish_plan(officer_user, plan, on=D(2018, 7, 1), url="https://www.medway.gov.uk/w")
    statuses = _statuses(officer, plan)
    assert [status for status, _ in statuses.values()] == ["Completed"] * 4
    assert statuses["action"][1] and not statuses["publish"][1]  # updates go on


def test_a_plan_ofsted_and_cqc_do_not_judge_lists_no_submission(people: People, load: Load) -> None:
    notts = load("nottinghamshire.jsonl", D(2023, 5, 16), None)
    strategic = s.do_start_plan(people["nottinghamshire"].user, notts, PlanKind.STRATEGIC_PLAN)
    statuses = _statuses(_client(people["nottinghamshire"]), strategic)
    assert statuses == {"action": ("Not started", True), "publish": ("Not started", True)}


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("plan_publish", {**typed({"on": "2018-05-01"}), "url": "https://www.medway.gov.uk/w"},
         "judge this plan fit for purpose before it is published"),
        ("plan_submit", typed({"on": "2018-05-01"}), "Every weakness needs at least one action"),
        ("plan_add_priority", {"text": "Our own priority"}, "it takes no others"),
    ],
)  # fmt: skip
def test_a_post_to_a_step_the_page_hides_is_refused_and_changes_nothing(
    people: People, plan: Plan, name: str, data: dict[str, str], reason: str
) -> None:
    officer = _client(people["medway"])
    url = reverse(f"improvement:{name}", args=[plan.pk])
    for page in ("plan", "plan_write"):
        assert (
            url not in officer.get(reverse(f"improvement:{page}", args=[plan.pk])).content.decode()
        )
    before = _dump()
    response = officer.post(url, data)
    assert response.status_code == 400
    assert (
        reason in response.content.decode()
        and 'action="" novalidate' not in response.content.decode()
    )
    assert _dump() == before


@pytest.mark.parametrize(
    ("name", "target", "data"),
    [
        ("plan_add_action", "weakness", {"description": "Act", "owner": "Council",
                                         "success_measures": "Better",
                                         **typed({"started_on": "2023-06-01"})}),
        ("plan_update_action", "action", {**typed({"on": "2023-06-01"}), "rag": "green",
                                          "note": "Going well", "version": "1"}),
        ("plan_add_milestone", "action", {"what": "Board", **typed({"due": "2023-09-01"})}),
        ("plan_complete_milestone", "milestone", typed({"on": "2023-06-01"})),
    ],
)  # fmt: skip
def test_a_target_from_another_plan_is_not_found(
    people: People, plan: Plan, load: Load, name: str, target: str, data: dict[str, str]
) -> None:
    notts = load("nottinghamshire.jsonl", D(2023, 5, 16), None)
    nottinghamshire = people["nottinghamshire"].user
    other = s.do_start_plan(nottinghamshire, notts, PlanKind.PRIORITY_ACTION_PLAN)
    action = s.do_add_action(nottinghamshire, other.weaknesses.get(position=1), description="Act",
                             owner="Council", success_measures="Better",
                             started_on=D(2023, 5, 20))  # fmt: skip
    foreign = {
        "weakness": action.weakness_id,
        "action": action.pk,
        "milestone": s.do_add_milestone(
            nottinghamshire, action, what="Board", due=D(2023, 8, 1)
        ).pk,
    }
    url = reverse(f"improvement:{name}", args=[plan.pk, foreign[target]])
    officer = _client(people["medway"])
    before = _dump()
    assert officer.get(url).status_code == 404
    assert officer.post(url, data).status_code == 404
    assert _dump() == before
