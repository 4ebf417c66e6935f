"""The GOV.UK date input in a browser with JavaScript off: a mistake answers the Design
System's message, marks only the box at fault, links the error summary to it and records
nothing; the corrected date notifies the area. Each page is checked with axe-core."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from areasend.inspections.models import Inspection
from tests.e2e.conftest import check_accessibility
from tests.e2e.walk import Page, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _notify(page: Page, day: str, month: str, year: str) -> None:
    page.select_option("#id_area", label="Sheffield")
    page.select_option("#id_framework", "2023")
    page.select_option("#id_kind", "full")
    for part, value in (("day", day), ("month", month), ("year", year)):
        page.fill(f"#id_notified_on_{part}", value)
    page.click("button:has-text('Notify the area')")
    page.wait_for_load_state()


def _check_markup(page: Page, html: str, label: str) -> None:
    """axe-core needs JavaScript, so it checks the page's markup in a page that has it."""
    page.goto(page.base_url + "/")
    page.set_content(html)
    check_accessibility(page, label)


def test_without_javascript_a_mistyped_year_is_named_marked_and_linked(
    browser: Page, live_server: Page, page: Page
) -> None:
    call_command("load_demo_people", "--force", stdout=io.StringIO())
    base = live_server.url
    lead = sign_in(browser, base, "lead", javascript=False)
    lead.goto(base + "/inspections/new/")
    _check_markup(page, lead.content(), "notify form, JavaScript off")
    assert lead.inner_text("#id_notified_on-hint") == "For example, 27 3 2024"

    before = Inspection.objects.count()
    _notify(lead, "23", "11", "26")
    _check_markup(page, lead.content(), "notify form with a date error, JavaScript off")
    message = "Year must include 4 numbers"
    assert lead.inner_text(".govuk-error-summary a") == message
    assert lead.get_attribute(".govuk-error-summary a", "href") == "#id_notified_on_year"
    assert message in lead.inner_text("#id_notified_on-error")
    marked = lead.locator(".govuk-date-input__input.govuk-input--error")
    assert [marked.nth(i).get_attribute("id") for i in range(marked.count())] == [
        "id_notified_on_year"
    ]
    # What was typed stays, to be corrected rather than typed again.
    assert lead.input_value("#id_notified_on_day") == "23"
    assert Inspection.objects.count() == before

    lead.fill("#id_notified_on_year", "2026")
    lead.click("button:has-text('Notify the area')")
    lead.wait_for_load_state()
    assert lead.url.startswith(base + "/inspections/sheffield-")
    assert Inspection.objects.count() == before + 1
