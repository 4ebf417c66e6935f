"""Rotherham 2021 walked in the browser by its lead inspector, its nominated officer
and, before publication, Sheffield's officer, who must see none of the draft.

Every page visited or reached by a form is checked with axe-core.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.core.management import call_command

from areasend.accounts.management.commands.load_demo_people import PASSWORD
from tests.e2e.conftest import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)

WEAKNESSES = [
    "The variability in the quality of education, health and care plans",
    "The graduated response in schools and settings",
    "Waiting times for neurodevelopmental assessment",
    "Joint commissioning arrangements",
]
REF = "rotherham-2021"


def _sign_in(browser, base_url: str, username: str, javascript: bool = True):
    context = browser.new_context(bypass_csp=True, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(base_url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button:has-text('Sign in')")
    page.wait_for_url(base_url + "/due/")
    if javascript:
        check_accessibility(page, f"what is due for {username}")
    return page


def _submit(page, button: str, label: str) -> None:
    page.click(f"button:has-text('{button}')")
    page.wait_for_load_state()
    check_accessibility(page, label)
    assert page.locator(".govuk-error-summary").count() == 0, page.inner_text("main")


def _sheffield_sees_nothing(sheffield, base_url: str, needle: str | None = None) -> None:
    for path in ("", "findings/", "letter/", "letter.pdf", "letter/edit/"):
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
    lead = _sign_in(browser, base, "lead")
    sheffield = _sign_in(browser, base, "sheffield")

    # Monday 28 June 2021: the phone call.
    lead.goto(base + "/inspections/new/")
    check_accessibility(lead, "notify form")
    lead.select_option("#id_area", label="Rotherham")
    lead.select_option("#id_framework", "2016")
    lead.select_option("#id_kind", "full")
    lead.fill("#id_notified_on", "2021-06-28")
    _submit(lead, "Notify the area", "inspection page after notification")
    assert "Monday 5 July 2021" in lead.inner_text("main")
    _sheffield_sees_nothing(sheffield, base)

    # On site 5 to 9 July, with 481 parent survey responses.
    for step, day in (("start", "2021-07-05"), ("end", "2021-07-09")):
        lead.select_option("#id_fieldwork-step", step)
        lead.fill("#id_fieldwork-on", day)
        _submit(lead, "Record fieldwork", f"fieldwork {step}")
    lead.fill("#id_evidence-parent_responses", "481")
    lead.fill("#id_evidence-young_people_responses", "52")
    lead.fill("#id_evidence-practitioner_responses", "230")
    _submit(lead, "Save survey and webinar", "evidence saved")
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
        _submit(lead, "Add finding", f"finding {text[:20]}")
    _sheffield_sees_nothing(sheffield, base, WEAKNESSES[0])
    lead.select_option("#id_outcome-outcome", "wsoa")
    lead.fill("#id_outcome-decided_on", "2021-07-12")
    _submit(lead, "Record the outcome", "outcome recorded")

    # The letter: drafted from the findings, reviewed, dated 12 July, published.
    lead.goto(f"{base}/inspections/{REF}/letter/edit/")
    check_accessibility(lead, "letter editor")
    _submit(lead, "Draft from the findings", "letter drafted")
    lead.check("#id_reviewed")
    _submit(lead, "Save", "letter reviewed")
    _sheffield_sees_nothing(sheffield, base, WEAKNESSES[1])
    lead.fill("#id_publish-dated", "2021-07-12")
    lead.fill("#id_publish-published_on", "2021-10-19")
    _submit(lead, "Publish the letter", "published letter")
    assert WEAKNESSES[2] in lead.inner_text("main")

    # Rotherham's nominated officer sees the letter and the WSOA duty with its due date.
    officer = _sign_in(browser, base, "rotherham")
    due = officer.inner_text("main")
    assert "written statement" in due.lower() and "Rotherham" in due
    officer.goto(f"{base}/inspections/{REF}/letter/")
    check_accessibility(officer, "published letter for the area")
    text = officer.inner_text("main")
    assert "Dated 12 July 2021; published 19 October 2021" in text
    assert all(w in text for w in WEAKNESSES)
    # Once published the letter is public: Sheffield can read it too.
    visit(f"/inspections/{REF}/letter/")

    # Without JavaScript: signing in and every casework page still work (plain forms).
    plain = _sign_in(browser, base, "lead", javascript=False)
    for path, needle in (
        ("", "481 parents and carers"),
        ("findings/", WEAKNESSES[3]),
        ("letter/", "Areas of significant weakness"),
    ):
        response = plain.goto(f"{base}/inspections/{REF}/{path}")
        assert response is not None and response.ok
        assert needle in plain.inner_text("main")
