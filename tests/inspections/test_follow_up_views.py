"""Follow-up pages without JavaScript: judge progress per weakness, ask for and decide a
deferral; a refused step shows a clear error and leaves the database as it was."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from areasend.accounts.models import Person
from areasend.inspections import services as s
from areasend.inspections.models import DeferralRequest, Inspection, ProgressJudgement
from tests.dates import typed
from tests.dumps import database_dump
from tests.inspections.follow_ups import MEDWAY_INSUFFICIENT, MEDWAY_WEAKNESSES
from tests.inspections.tasks import rows, task_list

D = dt.date


def _dump() -> str:
    return database_dump("areas", "accounts", "inspections")


def _client(person: Person | None = None) -> Client:
    client = Client()
    if person is not None:
        client.force_login(person.user)
    return client


def _judgement(weakness: str, sufficient: str, commentary: str, version: int = 0) -> dict[str, str]:
    return {
        "weakness": weakness,
        "version": str(version),
        "sufficient": sufficient,
        "commentary": commentary,
    }


def test_the_lead_judges_each_weakness_on_its_own_form(
    medway_revisited: Inspection, people: dict[str, Person]
) -> None:
    lead = _client(people["lead"])
    url = f"/inspections/{medway_revisited.reference}/progress/"
    page = lead.get(url).content.decode()
    assert "Under embargo" in page
    assert page.count('name="sufficient"') == 16  # two radios for each of the eight
    assert 'id="id_w1_sufficient_0"' in page and 'id="id_w8_commentary"' in page
    assert "0 of 8 recorded" in page
    response = lead.post(
        url, _judgement(MEDWAY_WEAKNESSES[2], "yes", "Providers now lead the reforms.")
    )
    assert response.status_code == 302 and response["Location"] == url
    judgement = ProgressJudgement.objects.get(inspection=medway_revisited)
    assert (judgement.weakness, judgement.sufficient, judgement.commentary) == (
        MEDWAY_WEAKNESSES[2],
        True,
        "Providers now lead the reforms.",
    )
    page = lead.get(url).content.decode()
    assert "1 of 8 recorded" in page and "Providers now lead the reforms." in page
    # The task list counts the judgements, for the team, and links the progress page.
    task = task_list(lead, medway_revisited.reference)["Progress on each weakness"]
    assert (task.status, task.href, task.hint) == ("In progress", url, "1 of 8 recorded")


def test_a_refused_judgement_shows_the_error_and_changes_nothing(
    medway_revisited: Inspection, people: dict[str, Person]
) -> None:
    lead = _client(people["lead"])
    url = f"/inspections/{medway_revisited.reference}/progress/"
    before = _dump()
    response = lead.post(url, _judgement("co-production", "yes", "Better."))
    assert response.status_code == 400
    assert "is not one of the areas of significant weakness" in response.content.decode()
    response = lead.post(url, _judgement(MEDWAY_WEAKNESSES[0], "", "Better."))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Say whether progress is sufficient." in page
    assert 'href="#id_w1_sufficient_0"' in page  # the error summary links the first radio
    assert _dump() == before


def test_the_judgements_are_under_embargo_until_the_letter_is_published(
    medway_revisited: Inspection, people: dict[str, Person]
) -> None:
    url = f"/inspections/{medway_revisited.reference}/progress/"
    s.do_judge_progress(
        people["lead"].user, medway_revisited, weakness=MEDWAY_WEAKNESSES[0], sufficient=False,
        commentary="EMBARGOED-JUDGEMENT",
    )  # fmt: skip
    team = _client(people["cqc"]).get(url)
    assert team.status_code == 200 and "EMBARGOED-JUDGEMENT" in team.content.decode()
    assert 'name="sufficient"' not in team.content.decode()  # only the lead judges
    assert (
        _client(people["cqc"]).post(url, _judgement(MEDWAY_WEAKNESSES[1], "yes", "x")).status_code
        == 403
    )
    expected = {"medway": 403, "planner": 403, "admin": 403, "sheffield": 404, "dfe": 404}
    for name, status in expected.items():
        response = _client(people[name]).get(url)
        assert response.status_code == status, name
        assert b"EMBARGOED-JUDGEMENT" not in response.content
        overview = _client(people[name]).get(f"/inspections/{medway_revisited.reference}/")
        assert b"EMBARGOED-JUDGEMENT" not in overview.content
    assert _client().get(url).status_code == 404


def test_once_published_everyone_sees_the_judgements_and_the_area_state_shows_the_app(
    medway_revisited: Inspection, people: dict[str, Person]
) -> None:
    lead = people["lead"].user
    for weakness in MEDWAY_WEAKNESSES:
        sufficient = weakness not in MEDWAY_INSUFFICIENT
        s.do_judge_progress(
            lead, medway_revisited, weakness=weakness, sufficient=sufficient,
            commentary="What inspectors found.",
        )  # fmt: skip
    letter = s.do_draft_letter(lead, medway_revisited)
    s.do_revise_letter(lead, letter, body=letter.body, version=letter.version, reviewed=True)
    response = _client(people["lead"]).post(
        f"/inspections/{medway_revisited.reference}/letter/edit/",
        {
            "action": "publish",
            **typed({"publish-dated": "2020-01-10", "publish-published_on": "2020-02-19"}),
        },
    )
    assert response.status_code == 302
    progress = _client().get(f"/inspections/{medway_revisited.reference}/progress/")
    assert progress.status_code == 200
    text = progress.content.decode()
    assert text.count("Not made sufficient progress") == 3 and "Under embargo" not in text
    page = _client(people["medway"]).get(f"/inspections/{medway_revisited.reference}/")
    text = page.content.decode()
    assert "Where Medway stands now" in text
    assert (
        "The revisit found too little progress; the area works to an accelerated progress plan"
        in text
    )
    assert "Publish an accelerated progress plan" in text
    assert "DfE and NHS England progress review meeting" in text
    assert "19 August 2020" in text


def test_the_area_asks_for_a_deferral_and_the_planner_refuses_it_through_the_pages(
    medway_revisit: Inspection, people: dict[str, Person]
) -> None:
    ref = medway_revisit.reference
    officer, planner = _client(people["medway"]), _client(people["planner"])
    tasks = task_list(officer, ref)
    assert tasks["Ask to defer the inspection"].href == f"/inspections/{ref}/deferral/"
    assert "Decide the deferral request" not in tasks  # nothing asked yet
    page = officer.get(f"/inspections/{ref}/deferral/").content.decode()
    assert 'name="deferral-requested_on_day"' in page and "Ask to defer" in page
    assert 'name="decision-granted"' not in page
    assert officer.get(f"/inspections/{ref}/deferral/decision/").status_code == 403
    response = officer.post(
        f"/inspections/{ref}/deferral/",
        {
            **typed({"deferral-requested_on": "2019-11-26"}),
            "deferral-reason": "Staff away until January.",
        },
    )
    assert response.status_code == 302
    page = officer.get(f"/inspections/{ref}/").content.decode()
    assert "Waiting for a decision" in page and "Staff away until January." in page
    asked = rows(page)["Ask to defer the inspection"]
    assert (asked.status, asked.href) == ("Completed", None)  # one request at a time
    assert "one is already pending" in asked.hint
    page = officer.get(f"/inspections/{ref}/deferral/").content.decode()
    assert 'name="deferral-requested_on_day"' not in page and "one is already pending" in page
    decide = task_list(planner, ref)["Decide the deferral request"]
    assert decide.href == f"/inspections/{ref}/deferral/decision/"
    page = planner.get(decide.href).content.decode()
    assert 'id="id_decision-granted_0"' in page and "Record the decision" in page
    response = planner.post(
        f"/inspections/{ref}/deferral/decision/",
        {
            "decision-granted": "no",
            **typed({"decision-decided_on": "2019-11-28"}),
            "decision-reason": "Not exceptional.",
        },
    )
    assert response.status_code == 302
    page = officer.get(f"/inspections/{ref}/").content.decode()
    assert "Refused" in page and "Not exceptional." in page
    request = DeferralRequest.objects.get(inspection=medway_revisit)
    assert (request.granted, request.decided_by) == (False, people["planner"])


def test_a_refused_deferral_step_shows_the_rule_and_changes_nothing(
    medway_revisited: Inspection, people: dict[str, Person]
) -> None:
    ref = medway_revisited.reference
    before = _dump()
    response = _client(people["medway"]).post(
        f"/inspections/{ref}/deferral/",
        {**typed({"deferral-requested_on": "2019-12-10"}), "deferral-reason": "Too late now."},
    )
    assert response.status_code == 400
    assert "RV-6: a deferral is asked for between notification and fieldwork" in (
        response.content.decode()
    )
    response = _client(people["planner"]).post(
        f"/inspections/{ref}/deferral/decision/",
        {
            "decision-granted": "yes",
            **typed({"decision-decided_on": "2019-12-10"}),
            "decision-reason": "x",
        },
    )
    assert response.status_code == 400
    assert "No deferral request is waiting for a decision" in response.content.decode()
    response = _client(people["medway"]).post(f"/inspections/{ref}/deferral/", {})
    assert response.status_code == 400
    assert "Say why the area asks to defer the inspection." in response.content.decode()
    assert _dump() == before
    # Another area's officer, and the lead inspector, may not ask at all.
    assert _client(people["sheffield"]).post(f"/inspections/{ref}/deferral/", {}).status_code == 404
    assert _client(people["lead"]).post(f"/inspections/{ref}/deferral/", {}).status_code == 403
