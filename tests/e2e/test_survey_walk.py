"""The notice-week surveys of the Sheffield demo inspection, walked in a browser (issue 19):
they open on their dates; a parent finds them on Sheffield's public page and answers with
JavaScript off, a child's name and age refused kindly; a young person answers the easy-read
survey and a practitioner theirs; the lead inspector reads the counts, tables and answers;
Sheffield's officer, another area's officer and the public see none of it; after publication
and the retention period the responses are gone and the counts stay."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command

from areasend.casework import clock
from areasend.inspections.models import Evidence, Inspection, Letter
from areasend.ops.retention import apply_retention
from areasend.surveys.models import SurveyResponse
from areasend.surveys.services import do_submit_survey_response
from tests.e2e.conftest import check_accessibility
from tests.e2e.walk import open_page, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
CHILD = "My son Tom, aged 9, waited a year for speech therapy."
GROUPS = "Children waited a year for speech therapy."


@pytest.fixture
def sheffield(monkeypatch: pytest.MonkeyPatch) -> Inspection:
    call_command("load_demo_casework", "--force", stdout=io.StringIO())
    inspection = Inspection.objects.get(area__slug="sheffield")
    assert inspection.survey_opens is not None
    return inspection


def _on(monkeypatch: pytest.MonkeyPatch, day: dt.date) -> None:
    # The live server runs in this process: the service's one clock is set for both.
    monkeypatch.setattr(clock, "today", lambda: day)


def _send(page: Any, label: str) -> None:
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_load_state()
    if label:
        check_accessibility(page, label)


def test_the_notice_week_surveys_walk(
    browser: Any, live_server: Any, page: Any, sheffield: Inspection,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    opens = sheffield.survey_opens
    assert opens is not None and sheffield.survey_closes is not None
    base = f"/inspections/{sheffield.reference}/surveys"

    # Before the first day the survey says when it opens and takes no answer.
    _on(monkeypatch, opens - dt.timedelta(days=1))
    open_page(page, f"{base}/parents_carers/")
    assert f"The survey opens on {opens.day} {opens:%B %Y}." in page.inner_text("main")
    assert page.get_by_role("button", name="Send my answers").count() == 0

    _on(monkeypatch, opens)
    # A parent, JavaScript off, finds the survey on Sheffield's public page.
    parent = browser.new_context(java_script_enabled=False).new_page()
    parent.goto(f"{live_server.url}/areas/sheffield/")
    parent.get_by_role("link", name="Fill in the survey for Sheffield's inspection").click()
    parent.get_by_role("link", name="Survey for parents and carers").click()
    assert "This survey is anonymous" in parent.inner_text("main")
    needs = parent.get_by_role(
        "group", name="How well are your child's needs met by the help they get?"
    )
    needs.get_by_label("Not very well").check()
    parent.get_by_label("What could be better?").fill(CHILD)
    _send(parent, "")
    summary = parent.locator(".govuk-error-summary").inner_text()
    assert "looks like it includes a person's name next to an age" in summary
    assert "Please take it out" in summary
    assert SurveyResponse.objects.count() == 0
    parent.get_by_label("What could be better?").fill(GROUPS)
    _send(parent, "")
    assert "Your answers were received" in parent.inner_text("main")
    parent.context.close()

    # A young person answers the easy-read survey; a practitioner theirs (axe on each page).
    open_page(page, f"{base}/children_young_people/?version=easy-read")
    page.get_by_role("group", name="Do you get the help you need?").get_by_label(
        "Sometimes"
    ).check()
    page.get_by_label("What would make things better?").fill("More help in lessons.")
    _send(page, "the young person's confirmation")
    assert "Your answers were received" in page.inner_text("main")
    open_page(page, f"{base}/practitioners/")
    page.get_by_role("group", name="Where do you work?").get_by_label("Health").check()
    _send(page, "the practitioner's confirmation")
    assert "Your answers were received" in page.inner_text("main")
    open_page(page, f"{base}/poster/")
    assert page.locator("svg[role=img]").count() == 1
    page.set_viewport_size({"width": 320, "height": 800})
    for path in ("/", "/parents_carers/", "/poster/"):
        open_page(page, base + path)
        assert page.evaluate("document.documentElement.scrollWidth <= 320"), f"{path} scrolls"

    stored = {r.kind: r.answers for r in SurveyResponse.objects.all()}
    assert stored == {
        "parents_carers": {"needs_met": "Not very well", "could_be_better": GROUPS},
        "children_young_people": {"get_help": "Sometimes", "make_better": "More help in lessons."},
        "practitioners": {"sector": "Health"},
    }
    for n in range(9):  # ten parents in all: their closed answers can be tabled
        do_submit_survey_response(
            sheffield, "parents_carers", {"needs_met": "Quite well"}, nonce=f"p{n}"
        )

    # The lead inspector reads the counts, the tables and the answers, and records the counts.
    lead = sign_in(browser, live_server.url, "lead")
    open_page(lead, f"/inspections/{sheffield.reference}/")
    lead.get_by_role("link", name="Read the survey responses").click()
    check_accessibility(lead, "the survey results")
    lead.set_viewport_size({"width": 320, "height": 800})
    assert lead.evaluate("document.documentElement.scrollWidth <= 320"), "the results scroll"
    main = lead.inner_text("main")
    assert "Parents and carers: 10 responses" in main
    assert "Children and young people: 1 response" in main
    assert "How well are your child's needs met by the help they get?" in main
    assert GROUPS in main
    lead.get_by_role("button", name="Copy the counts into the evidence record").click()
    check_accessibility(lead, "the results after copying the counts")
    assert "The response counts are in the evidence record." in lead.inner_text("main")
    assert lead.locator("svg.app-chart").count() == 4  # the parents' four closed questions
    # The lead tags a written answer by theme, then finds the answers with that theme.
    lead.get_by_role("link", name="Tag by theme").first.click()
    check_accessibility(lead, "tagging an answer by theme")
    lead.get_by_label("Waiting times for assessment").check()
    lead.get_by_role("button", name="Save the themes").click()
    assert "The answer's themes are saved." in lead.inner_text("main")
    lead.get_by_label("Tagged with the theme").select_option("waiting_times")
    lead.get_by_role("button", name="Find answers").click()
    check_accessibility(lead, "the answers tagged with a theme")
    main = lead.inner_text("main")
    assert GROUPS in main and "More help in lessons." not in main
    lead.context.close()

    # Sheffield's officer, another area's officer and the public see none of it.
    for username in ("sheffield", "rotherham"):
        other = sign_in(browser, live_server.url, username)
        response = other.goto(f"{live_server.url}{base}/results/")
        assert response.status == 404 and GROUPS not in other.content()
        other.context.close()
    public = browser.new_context().new_page()
    response = public.goto(f"{live_server.url}{base}/results/")
    assert response.status == 404 and GROUPS not in public.content()
    public.context.close()

    # After publication and the retention period the responses are gone; the counts stay.
    Inspection.objects.filter(pk=sheffield.pk).update(status=Inspection.Status.PUBLISHED)
    Letter.objects.create(
        inspection=sheffield, body="Letter", status=Letter.Status.PUBLISHED, published_on=opens
    )  # the steps to publication lie ahead of the demo's week; retention reads these two
    apply_retention(opens + dt.timedelta(days=91))
    assert not SurveyResponse.objects.exists()
    evidence = Evidence.objects.get(inspection=sheffield)
    assert (
        evidence.parent_responses,
        evidence.young_people_responses,
        evidence.practitioner_responses,
    ) == (10, 1, 1)
