"""The task list: each step's status and whether a person may take it through a 2023 full
inspection's life, and each step the task list closes refused by its service."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from django.test import Client

from areasend.accounts.models import Person
from areasend.areas.models import LocalArea
from areasend.framework.events import Framework, InspectionKind, Outcome
from areasend.inspections import services as s
from areasend.inspections.models import Inspection
from tests.dates import typed
from tests.dumps import database_dump
from tests.inspections.tasks import rows, task_list

D = dt.date
People = dict[str, Person]


def _dump() -> str:
    return database_dump("areas", "accounts", "inspections", "letters")


def _client(person: Person) -> Client:
    client = Client()
    client.force_login(person.user)
    return client


def _steps(person: Person, inspection: Inspection) -> dict[str, tuple[str, bool, str]]:
    """Title: (status, may, reason) for every step the person sees."""
    return {
        x.title: (x.status, x.may, x.reason) for x in s.task_list(person.user, inspection).steps
    }


@pytest.fixture
def sheffield_2023(people: People) -> Inspection:
    """Sheffield, a 2023 full inspection notified Monday 6 March 2023 by its lead inspector."""
    return s.do_create_inspection(
        people["lead"].user, area=LocalArea.objects.get(slug="sheffield"),
        kind=InspectionKind.FULL, framework=Framework.F2023, notified_on=D(2023, 3, 6),
    )  # fmt: skip


def test_the_steps_open_one_after_another_through_a_full_inspection(
    sheffield_2023: Inspection, people: People
) -> None:
    lead, inspection = people["lead"], sheffield_2023
    steps = _steps(lead, inspection)
    assert list(steps) == [
        "Webinar and survey details", "The area's Local Offer page",
        "Tell families (notice-week duties)", "Inspection team", "Start fieldwork",
        "End fieldwork", "Survey responses and webinar", "Meetings", "Provider visits",
        "Case sample", "Findings", "Outcome", "Draft and review the letter", "Publish the letter",
    ]  # fmt: skip
    assert steps["Webinar and survey details"] == ("Not started", True, "")
    assert steps["Inspection team"] == ("Completed", True, "")  # the lead who notified leads it
    assert steps["Start fieldwork"] == ("Not started", True, "")
    assert steps["End fieldwork"] == (
        "Cannot start yet", False, "Record the first day of fieldwork before its last.",
    )  # fmt: skip
    assert steps["Tell families (notice-week duties)"] == (
        "Not started", False, "The area's nominated officer records this.",
    )  # fmt: skip
    assert steps["Findings"] == ("Not started", True, "")
    assert steps["Outcome"][:2] == ("Cannot start yet", False)
    assert "after fieldwork ends" in steps["Outcome"][2]
    assert steps["Draft and review the letter"] == (
        "Cannot start yet", False, "Decide the outcome before drafting the letter.",
    )  # fmt: skip
    assert steps["Publish the letter"][:2] == ("Cannot start yet", False)

    user = lead.user
    assert inspection.proposed_fieldwork_start and inspection.proposed_onsite_end
    s.do_start_fieldwork(user, inspection, on=inspection.proposed_fieldwork_start)
    steps = _steps(lead, inspection)
    assert steps["Start fieldwork"][:2] == ("Completed", False)
    assert steps["End fieldwork"] == ("Not started", True, "")
    s.do_add_meeting(user, inspection, held_on=inspection.proposed_fieldwork_start,
                     with_whom="Parent carer forum")  # fmt: skip
    assert _steps(lead, inspection)["Meetings"] == ("In progress", True, "")
    s.do_end_fieldwork(user, inspection, on=inspection.proposed_onsite_end)
    s.do_add_finding(user, inspection, question="better", kind="strength", text="Good")
    steps = _steps(lead, inspection)
    assert steps["End fieldwork"][:2] == ("Completed", False)
    assert steps["Meetings"] == ("Completed", True, "")
    assert steps["Webinar and survey details"][:2] == ("Cannot start yet", False)
    assert steps["Findings"] == ("In progress", True, "")
    assert steps["Outcome"] == ("Not started", True, "")

    decided = inspection.proposed_onsite_end + dt.timedelta(days=3)
    s.do_decide_outcome(user, inspection, outcome=Outcome.POSITIVE, decided_on=decided)
    steps = _steps(lead, inspection)
    assert steps["Findings"] == (
        "Completed", False, "The outcome is decided: findings can no longer change.",
    )  # fmt: skip
    assert steps["Outcome"][:2] == ("Completed", False)
    assert "an inspection has one outcome" in steps["Outcome"][2]
    assert steps["Draft and review the letter"] == ("Not started", True, "")
    letter = s.do_draft_letter(user, inspection)
    steps = _steps(lead, inspection)
    assert steps["Draft and review the letter"] == ("In progress", True, "")
    assert steps["Publish the letter"] == (
        "Cannot start yet", False, "Draft the letter and mark it reviewed before publishing it.",
    )  # fmt: skip
    s.do_revise_letter(user, letter, body=letter.body, version=letter.version, reviewed=True)
    steps = _steps(lead, inspection)
    assert steps["Draft and review the letter"] == ("Completed", True, "")
    assert steps["Publish the letter"] == ("Not started", True, "")
    s.do_publish_letter(user, inspection, dated=decided, published_on=decided)
    steps = _steps(lead, inspection)
    assert steps["Publish the letter"] == ("Completed", False, "The letter is already published.")
    assert steps["Inspection team"] == (
        "Completed", False, "The letter is published: the team no longer changes.",
    )  # fmt: skip
    assert steps["Meetings"] == (
        "Completed",
        False,
        "The letter is published: this no longer changes.",
    )
    assert not any(may for _, may, _ in steps.values())


def test_the_area_and_the_public_see_no_step_under_embargo(
    sheffield_2023: Inspection, people: People
) -> None:
    officer = _steps(people["sheffield"], sheffield_2023)
    assert officer["Tell families (notice-week duties)"] == ("Not started", True, "")
    assert officer["Ask to defer the inspection"] == ("Not started", True, "")
    assert officer["Start fieldwork"] == (
        "Not started", False, "The lead inspector or a planner does this.",
    )  # fmt: skip
    assert not {"Findings", "Outcome", "Draft and review the letter"} & set(officer)


def test_the_page_shows_the_summary_the_task_list_and_the_rules_for_professionals(
    sheffield_2023: Inspection, people: People
) -> None:
    tasks = s.task_list(people["lead"].user, sheffield_2023)
    assert tasks.obligations and all(
        o.inspection in (sheffield_2023.reference, None) for o in tasks.obligations
    )
    page = _client(people["lead"]).get(f"/inspections/{sheffield_2023.reference}/").content.decode()
    assert "Monday 6 March 2023" in page and "2023 framework" in page
    start = rows(page)["Start fieldwork"]
    assert start.href == f"/inspections/{sheffield_2023.reference}/fieldwork/?step=start"
    assert rows(page)["End fieldwork"].href is None
    before, details = unescape(page).split('<details class="govuk-details" id="professionals">')
    for obligation in tasks.obligations:
        assert obligation.what in details and obligation.rule in details
        assert f">{obligation.rule}<" not in before  # rule IDs only for professionals


# -- what the task list closes, the service refuses -------------------------------------------


def _published(inspection: Inspection, people: People) -> Inspection:
    lead = people["lead"].user
    s.do_start_fieldwork(lead, inspection, on=D(2021, 7, 5))
    s.do_end_fieldwork(lead, inspection, on=D(2021, 7, 9))
    s.do_add_finding(lead, inspection, question="outcomes", kind="strength", text="Good")
    s.do_decide_outcome(lead, inspection, outcome=Outcome.NO_WSOA, decided_on=D(2021, 7, 12))
    letter = s.do_draft_letter(lead, inspection)
    s.do_revise_letter(lead, letter, body=letter.body, version=letter.version, reviewed=True)
    return s.do_publish_letter(lead, inspection, dated=D(2021, 7, 12), published_on=D(2021, 10, 19))


def _started(inspection: Inspection, people: People) -> Inspection:
    return s.do_start_fieldwork(people["lead"].user, inspection, on=D(2021, 7, 5))


def _ended(inspection: Inspection, people: People) -> Inspection:
    _started(inspection, people)
    return s.do_end_fieldwork(people["lead"].user, inspection, on=D(2021, 7, 9))


def _as_notified(inspection: Inspection, people: People) -> Inspection:
    return inspection


CLOSED = [
    # (how far the inspection has gone, who, task title, URL, what they post, refusal)
    (_published, "lead", "Inspection team", "team/",
     {"team-person": "", "team-role": "team"}, "the team no longer changes"),
    (_started, "lead", "Start fieldwork", "fieldwork/?step=start",
     {"fieldwork-step": "start", **typed({"fieldwork-on": "2021-07-06"})},
     "Fieldwork started on 5 July 2021"),
    (_as_notified, "lead", "End fieldwork", "fieldwork/?step=end",
     {"fieldwork-step": "end", **typed({"fieldwork-on": "2021-07-06"})},
     "Record the first day of fieldwork before its last"),
    (_ended, "lead", "Webinar and survey details", "notice/",
     {"notice-webinar_join_url": "https://example.org/w", "notice-survey_url": ""},
     "this inspection is fieldwork ended, letter to publish"),
    (_started, "lead", "Outcome", "outcome/",
     {"outcome-outcome": "no_wsoa", **typed({"outcome-decided_on": "2021-07-12"})},
     "The outcome is decided after fieldwork ends"),
    (_as_notified, "lead", "Draft and review the letter", "letter/edit/", {"action": "draft"},
     "Decide the outcome before drafting the letter"),
]  # fmt: skip


@pytest.mark.parametrize(("stage", "who", "title", "url", "data", "refusal"), CLOSED)
def test_a_step_the_task_list_closes_is_refused_when_posted_and_changes_nothing(
    notified: Inspection, people: People, stage, who: str, title: str, url: str,
    data: dict[str, str], refusal: str,
) -> None:  # fmt: skip
    inspection = stage(notified, people)
    client = _client(people[who])
    task = task_list(client, inspection.reference)[title]
    assert task.href is None and refusal in task.hint
    before = _dump()
    if data.get("team-person") == "":
        data = {**data, "team-person": str(people["inspector"].pk)}
    response = client.post(f"/inspections/{inspection.reference}/{url}", data)
    assert response.status_code == 400
    assert refusal in response.content.decode()
    assert _dump() == before


def test_a_second_deferral_and_a_decision_with_none_asked_are_refused(
    medway_revisit: Inspection, people: People
) -> None:
    ref = medway_revisit.reference
    officer, planner = _client(people["medway"]), _client(people["planner"])
    before = _dump()
    decision = {"decision-granted": "no", "decision-reason": "No.",
                **typed({"decision-decided_on": "2019-11-28"})}  # fmt: skip
    response = planner.post(f"/inspections/{ref}/deferral/decision/", decision)
    assert response.status_code == 400
    assert "No deferral request is waiting for a decision" in response.content.decode()
    assert "Decide the deferral request" not in task_list(planner, ref)
    assert _dump() == before
    asked = {"deferral-reason": "Staff away.", **typed({"deferral-requested_on": "2019-11-26"})}
    assert officer.post(f"/inspections/{ref}/deferral/", asked).status_code == 302
    before = _dump()
    response = officer.post(f"/inspections/{ref}/deferral/", asked)
    assert response.status_code == 400 and "one is already pending" in response.content.decode()
    assert _dump() == before


def test_a_granted_deferral_closes_the_area_s_checklist_and_the_team_s_evidence(
    medway_revisit: Inspection, people: People
) -> None:
    ref = medway_revisit.reference
    officer, planner, lead = (_client(people[n]) for n in ("medway", "planner", "lead"))
    asked = {"deferral-reason": "Staff away.", **typed({"deferral-requested_on": "2019-11-26"})}
    officer.post(f"/inspections/{ref}/deferral/", asked)
    granted = {"decision-granted": "yes", "decision-reason": "Exceptional.",
               **typed({"decision-decided_on": "2019-11-28"})}  # fmt: skip
    assert planner.post(f"/inspections/{ref}/deferral/decision/", granted).status_code == 302
    before = _dump()
    for client, title, url, data in (
        (officer, "Tell families (notice-week duties)", "checklist/",
         {"checklist-item": "local_offer", **typed({"checklist-done_on": "2019-11-29"})}),
        (lead, "Meetings", "evidence/?form=meeting",
         {"form": "meeting", "meeting-with_whom": "Forum",
          **typed({"meeting-held_on": "2019-11-29"})}),
    ):  # fmt: skip
        assert task_list(client, ref)[title].href is None
        response = client.post(f"/inspections/{ref}/{url}", data)
        assert response.status_code == 400
        assert "The inspection was deferred" in response.content.decode()
    assert _dump() == before


# -- each step its own page ---------------------------------------------------------------


PAGES = [
    ("lead", "team/", "Inspection team"),
    ("lead", "fieldwork/?step=start", "Start fieldwork"),
    ("lead", "notice/", "Webinar and survey details"),
    ("lead", "evidence/?form=evidence", "Survey responses and webinar"),
    ("lead", "evidence/?form=meeting", "Meetings"),
    ("lead", "evidence/?form=visit", "Provider visits"),
    ("lead", "evidence/?form=case", "Case sample"),
    ("rotherham", "checklist/", "Tell families (notice-week duties)"),
    ("rotherham", "local-offer/", "The area's Local Offer page"),
    ("rotherham", "deferral/", "Ask to defer the inspection"),
]


@pytest.mark.parametrize(("who", "url", "title"), PAGES)
def test_each_step_page_shows_one_form_under_its_heading(
    notified: Inspection, people: People, who: str, url: str, title: str
) -> None:
    client = _client(people[who])
    task = task_list(client, notified.reference)[title]
    assert task.href == f"/inspections/{notified.reference}/{url}"
    response = client.get(task.href)
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<h1 class="govuk-heading-xl">{title}</h1>'.replace("'", "&#x27;") in page
    assert page.count('<form method="post" novalidate>') == 1


def test_a_bad_form_shows_the_step_page_again_with_the_error_summary(
    notified: Inspection, people: People
) -> None:
    before = _dump()
    response = _client(people["lead"]).post(
        f"/inspections/{notified.reference}/fieldwork/", {"fieldwork-step": "start"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert (
        "There is a problem" in page and '<h1 class="govuk-heading-xl">Start fieldwork</h1>' in page
    )
    assert page.count('<form method="post" novalidate>') == 1
    assert _dump() == before


def test_a_step_done_goes_back_to_the_task_list_with_one_banner(
    notified: Inspection, people: People
) -> None:
    response = _client(people["lead"]).post(
        f"/inspections/{notified.reference}/fieldwork/",
        {"fieldwork-step": "start", **typed({"fieldwork-on": "2021-07-05"})},
        follow=True,
    )
    page = response.content.decode()
    assert response.redirect_chain == [(f"/inspections/{notified.reference}/", 302)]
    assert page.count("govuk-notification-banner--success") == 1
    assert "Fieldwork recorded." in page
    assert rows(page)["Start fieldwork"].status == "Completed"


@pytest.mark.parametrize(
    ("who", "url", "status"),
    [
        ("rotherham", "team/", 403),  # the area sees its inspection but does not manage it
        ("lead", "checklist/", 403),
        ("planner", "deferral/", 403),
        ("sheffield", "team/", 404),  # another area's inspection is not known to exist
        ("sheffield", "checklist/", 404),
        ("sheffield", "", 404),
    ],
)
def test_a_step_page_is_forbidden_or_unknown_as_before(
    notified: Inspection, people: People, who: str, url: str, status: int
) -> None:
    client = _client(people[who])
    assert client.get(f"/inspections/{notified.reference}/{url}").status_code == status
    assert client.post(f"/inspections/{notified.reference}/{url}", {}).status_code == status
    assert Client().get(f"/inspections/{notified.reference}/{url}").status_code in (302, 404)
