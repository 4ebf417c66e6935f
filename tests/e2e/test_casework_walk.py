"""Rotherham 2021 walked in the browser by its lead inspector, its nominated officer
and, before publication, Sheffield's officer, who must see none of the draft.

Every page visited or reached by a form is checked with axe-core.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.core.management import call_command

from tests.e2e.conftest import check_accessibility
from tests.e2e.walk import fieldwork, fill_date, sign_in, submit, task

pytestmark = pytest.mark.django_db(transaction=True)

WEAKNESSES = [
    "The variability in the quality of education, health and care plans",
    "The graduated response in schools and settings",
    "Waiting times for neurodevelopmental assessment",
    "Joint commissioning arrangements",
]
REF = "rotherham-2021"


def _sheffield_sees_nothing(sheffield, base_url: str, needle: str | None = None) -> None:
    for path in (
        "",
        "evidence/",
        "fieldwork/",
        "findings/",
        "letter/",
        "letter.pdf",
        "letter/edit/",
    ):
        response = sheffield.goto(f"{base_url}/inspections/{REF}/{path}")
        assert response is not None and response.status == 404, path
    sheffield.goto(base_url + "/areas/rotherham/")
    if needle:
        assert needle not in sheffield.content()


def test_rotherham_2021_from_notification_to_published_letter(
    browser, live_server, page: object, visit: Callable[[str], object]
) -> None:
    call_command("load_demo_people", "--force", stdout=io.StringIO())
    base = live_server.url
    lead = sign_in(browser, base, "lead")
    sheffield = sign_in(browser, base, "sheffield")

    # Monday 28 June 2021: the phone call.
    lead.goto(base + "/inspections/new/")
    check_accessibility(lead, "notify form")
    lead.select_option("#id_area", label="Rotherham")
    lead.select_option("#id_framework", "2016")
    lead.select_option("#id_kind", "full")
    fill_date(lead, "notified_on", "2021-06-28")
    submit(lead, "Notify the area", "inspection page after notification")
    assert "Monday 5 July 2021" in lead.inner_text("main")
    _sheffield_sees_nothing(sheffield, base)

    # On site 5 to 9 July, with 481 parent survey responses.
    fieldwork(lead, "2021-07-05", "2021-07-09")
    task(lead, "Survey responses and webinar")
    lead.fill("#id_evidence-parent_responses", "481")
    lead.fill("#id_evidence-young_people_responses", "52")
    lead.fill("#id_evidence-practitioner_responses", "230")
    submit(lead, "Save survey and webinar", "evidence saved")
    assert "Evidence recorded." in lead.inner_text("main")
    assert "481 parents and carers" in lead.inner_text("#tasks")
    task(lead, "Survey responses and webinar")
    assert "481 parents and carers" in lead.inner_text("main")

    # Findings under the three questions, four significant weaknesses, WSOA.
    lead.goto(f"{base}/inspections/{REF}/findings/")
    check_accessibility(lead, "findings page")
    findings = [
        ("identify", "strength", "Early identification of needs in the early years is strong"),
        ("assess_meet", "development", "Annual reviews are not always timely"),
        ("outcomes", "strength", "Attendance of pupils with SEND is improving"),
        *[("assess_meet", "significant", text) for text in WEAKNESSES],
    ]
    for question, kind, text in findings:
        lead.select_option("#id_question", question)
        lead.select_option("#id_kind", kind)
        lead.fill("#id_text", text)
        submit(lead, "Add finding", f"finding {text[:20]}")
    _sheffield_sees_nothing(sheffield, base, WEAKNESSES[0])
    lead.select_option("#id_outcome-outcome", "wsoa")
    fill_date(lead, "outcome-decided_on", "2021-07-12")
    submit(lead, "Record the outcome", "outcome recorded")

    # The letter: drafted from the findings, reviewed, dated 12 July, published.
    lead.goto(f"{base}/inspections/{REF}/letter/edit/")
    check_accessibility(lead, "letter editor")
    submit(lead, "Draft from the findings", "letter drafted")
    lead.check("#id_reviewed")
    submit(lead, "Save", "letter reviewed")
    _sheffield_sees_nothing(sheffield, base, WEAKNESSES[1])
    fill_date(lead, "publish-dated", "2021-07-12")
    fill_date(lead, "publish-published_on", "2021-10-19")
    submit(lead, "Publish the letter", "published letter")
    assert WEAKNESSES[2] in lead.inner_text("main")

    # Rotherham's nominated officer sees the letter and the WSOA duty with its due date.
    officer = sign_in(browser, base, "rotherham")
    # OF-WSOA-3: 70 working days from publication, over the 27-28 December and 3 January
    # bank holidays.
    duty = officer.locator("tr:has-text('Submit the written statement of action')")
    assert "Rotherham" in duty.inner_text() and "28 January 2022" in duty.inner_text()
    officer.goto(f"{base}/inspections/{REF}/letter/")
    check_accessibility(officer, "published letter for the area")
    text = officer.inner_text("main")
    assert "Dated 12 July 2021; published 19 October 2021" in text
    assert all(w in text for w in WEAKNESSES)
    # Once published the letter is public: Sheffield can read it too.
    visit(f"/inspections/{REF}/letter/")

    # Without JavaScript: signing in and every casework page still work (plain forms).
    plain = sign_in(browser, base, "lead", javascript=False)
    for path, needle in (
        ("", "481 parents and carers"),
        ("findings/", WEAKNESSES[3]),
        ("letter/", "Areas of significant weakness"),
    ):
        response = plain.goto(f"{base}/inspections/{REF}/{path}")
        assert response is not None and response.ok
        assert needle in plain.inner_text("main")
    # A form posts and redirects as plain HTML: notify Sheffield with JavaScript off.
    plain.goto(base + "/inspections/new/")
    plain.select_option("#id_area", label="Sheffield")
    plain.select_option("#id_framework", "2023")
    plain.select_option("#id_kind", "full")
    fill_date(plain, "notified_on", "2026-11-23")
    plain.click("button:has-text('Notify the area')")
    plain.wait_for_load_state()
    assert plain.url.startswith(base + "/inspections/sheffield-")
    assert "Sheffield" in plain.inner_text("h1")
