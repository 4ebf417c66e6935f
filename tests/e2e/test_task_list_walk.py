"""A lead inspector takes Sheffield's 2023 full inspection from notification to the published
letter through its task list, one step page at a time; then a step with JavaScript off.

Every page is checked with axe-core (``visit``, ``task`` and ``submit`` run it).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pytest
from django.core.management import call_command

from areasend.demo.management.commands.load_demo_people import PASSWORD
from areasend.inspections.models import Inspection
from tests.e2e.walk import fieldwork, fill_date, sign_in, submit, task

pytestmark = pytest.mark.django_db(transaction=True)


def _status(page: object, title: str) -> str:
    item = page.locator("#tasks li", has=page.get_by_text(title, exact=True))  # type: ignore[attr-defined]
    return str(item.locator(".govuk-task-list__status").inner_text()).strip()


def _sign_in(page: object, username: str) -> None:
    page.goto(page.base_url + "/accounts/login/")  # type: ignore[attr-defined]
    page.fill("#id_username", username)  # type: ignore[attr-defined]
    page.fill("#id_password", PASSWORD)  # type: ignore[attr-defined]
    with page.expect_navigation():  # type: ignore[attr-defined]
        page.click("button:has-text('Sign in')")  # type: ignore[attr-defined]


def test_a_lead_takes_a_2023_full_inspection_from_notified_to_published_by_its_task_list(
    live_server, page, visit: Callable[[str], object]
) -> None:
    call_command("load_demo_people", "--force", stdout=io.StringIO())
    _sign_in(page, "lead")
    visit("/inspections/new/")
    page.select_option("#id_area", label="Sheffield")
    page.select_option("#id_framework", "2023")
    page.select_option("#id_kind", "full")
    fill_date(page, "notified_on", "2023-03-06")
    submit(page, "Notify the area", "the task list after notification")
    ref = page.url.rstrip("/").rsplit("/", 1)[-1]
    inspection = Inspection.objects.get(reference=ref)
    start, end = inspection.proposed_fieldwork_start, inspection.proposed_onsite_end
    assert start is not None and end is not None
    decided = (end + dt.timedelta(days=3)).isoformat()
    assert "Monday 6 March 2023" in page.inner_text("#summary")
    assert _status(page, "Webinar and survey details") == "Not started"
    assert _status(page, "End fieldwork") == "Cannot start yet"
    assert "NF-" in str(page.locator("#professionals").text_content())  # rule IDs, for them

    task(page, "Webinar and survey details")
    page.fill("#id_notice-webinar_join_url", "https://sheffield.example/webinar")
    page.fill("#id_notice-survey_url", "https://sheffield.example/survey")
    submit(page, "Record webinar and survey details", "webinar recorded")
    assert page.locator(".govuk-notification-banner--success").count() == 1
    assert _status(page, "Webinar and survey details") == "Completed"

    task(page, "Inspection team")
    value = page.locator("#id_team-person option", has_text="Ruth Ellison").get_attribute("value")
    page.select_option("#id_team-person", value)
    page.select_option("#id_team-role", "team")
    submit(page, "Add to the team", "team member added")
    task(page, "Inspection team")
    assert "Ruth Ellison" in page.inner_text("#team")
    visit(f"/inspections/{ref}/")

    fieldwork(page, start.isoformat(), end.isoformat())
    assert _status(page, "Start fieldwork") == _status(page, "End fieldwork") == "Completed"
    task(page, "Meetings")
    page.fill("#id_meeting-with_whom", "Parent carer forum")
    fill_date(page, "meeting-held_on", start.isoformat())
    submit(page, "Add meeting", "meeting added")
    assert _status(page, "Meetings") == "Completed"
    task(page, "Case sample")
    page.select_option("#id_case-support", "ehc_plan")
    submit(page, "Add case", "case added")
    assert "Case CS-001 added" in page.inner_text("main")

    task(page, "Findings")
    page.select_option("#id_question", "better")
    page.select_option("#id_kind", "strength")
    page.fill("#id_text", "Leaders know the area's strengths well")
    submit(page, "Add finding", "finding added")
    visit(f"/inspections/{ref}/")
    assert _status(page, "Findings") == "In progress"
    task(page, "Outcome")
    page.select_option("#id_outcome-outcome", "positive")
    fill_date(page, "outcome-decided_on", decided)
    submit(page, "Record the outcome", "outcome recorded")
    visit(f"/inspections/{ref}/")
    assert _status(page, "Outcome") == "Completed"

    task(page, "Draft and review the letter")
    submit(page, "Draft from the findings", "letter drafted")
    page.check("#id_reviewed")
    submit(page, "Save", "letter reviewed")
    visit(f"/inspections/{ref}/")
    assert _status(page, "Draft and review the letter") == "Completed"
    task(page, "Publish the letter")
    fill_date(page, "publish-dated", decided)
    fill_date(page, "publish-published_on", decided)
    submit(page, "Publish the letter", "letter published")
    assert "Leaders know the area's strengths well" in page.inner_text("main")
    visit(f"/inspections/{ref}/")
    assert _status(page, "Publish the letter") == "Completed"
    assert "Letter published" in page.inner_text("#summary")
    assert page.locator("#tasks a").count() == 0  # nothing is left to change


def test_the_task_list_and_a_step_page_work_with_javascript_off(browser, live_server) -> None:
    call_command("load_demo_people", "--force", stdout=io.StringIO())
    plain = sign_in(browser, live_server.url, "lead", javascript=False)
    plain.goto(live_server.url + "/inspections/new/")
    plain.select_option("#id_area", label="Rotherham")
    plain.select_option("#id_framework", "2016")
    plain.select_option("#id_kind", "full")
    fill_date(plain, "notified_on", "2021-06-28")
    with plain.expect_navigation():
        plain.click("button:has-text('Notify the area')")
    assert plain.url.endswith("/inspections/rotherham-2021/")
    with plain.expect_navigation():
        plain.locator("#tasks").get_by_role("link", name="Start fieldwork").click()
    # A date left out: the step page again, with the summary naming the field.
    with plain.expect_navigation():
        plain.click("button:has-text('Record fieldwork')")
    assert "There is a problem" in plain.inner_text(".govuk-error-summary")
    assert plain.locator("h1").inner_text() == "Start fieldwork"
    fill_date(plain, "fieldwork-on", "2021-07-05")
    with plain.expect_navigation():
        plain.click("button:has-text('Record fieldwork')")
    assert plain.url.endswith("/inspections/rotherham-2021/")
    assert "Fieldwork recorded." in plain.inner_text(".govuk-notification-banner")
    assert _status(plain, "Start fieldwork") == "Completed"
    assert _status(plain, "End fieldwork") == "Not started"
