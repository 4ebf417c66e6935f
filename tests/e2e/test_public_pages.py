"""A member of the public finds an area and reads where it stands, with and without JavaScript."""

import pytest

from areasend.areas.event_log import do_import_history

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ESSEX = "\n".join(
    [
        '{"area": "Essex", "date": "2019-09-23", "event": "inspection_notified", "inspection": "e", "kind": "full", "framework": "2016"}',
        '{"area": "Essex", "date": "2019-09-30", "event": "fieldwork_started", "inspection": "e"}',
        '{"area": "Essex", "date": "2019-10-04", "event": "fieldwork_ended", "inspection": "e"}',
        '{"area": "Essex", "date": "2019-12-23", "event": "letter_published", "inspection": "e", "outcome": "wsoa", "weaknesses": ["Joint commissioning", "EHC plans", "Local Offer"]}',
    ]
)  # fmt: skip


def test_find_an_area_by_region_and_read_its_status(visit):
    page = visit("/")
    page.get_by_role("button", name="Find a local area").click()
    page.get_by_label("Region").select_option("East of England")
    page.get_by_role("button", name="Show areas").click()
    assert "region=East+of+England" in page.url
    do_import_history(ESSEX)
    page.get_by_role("link", name="Essex", exact=True).click()
    page = visit(page.url.removeprefix(page.base_url))
    assert page.get_by_role("heading", name="Essex", level=1).is_visible()
    # Rule IDs are for professionals, behind the details element at the foot of the page.
    assert not page.get_by_text("OF-WSOA-3").first.is_visible()
    page.get_by_text("For professionals: every duty, who owes it and its rule").click()
    assert page.get_by_text("OF-WSOA-3").first.is_visible()
    assert page.get_by_text("23 December 2019").first.is_visible()


def test_former_area_and_accessibility_statement(visit):
    page = visit("/areas/northamptonshire/")
    assert page.get_by_text("stopped being a local area on 31 March 2021").is_visible()
    page = visit("/accessibility/")
    assert page.get_by_role("heading", name="Accessibility statement for areasend").is_visible()


def test_pages_work_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/areas/")
    page.get_by_label("Region").select_option("London")
    page.get_by_role("button", name="Show areas").click()
    assert page.get_by_text("Current local areas (33)").is_visible()
    context.close()
