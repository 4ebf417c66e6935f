"""A parent finds Medway, reads each weakness's revisit result; the dashboard and open data pages."""

import io
import re

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())


def weakness_row(page, text: str):
    """The weakness's row in an inspection's weaknesses-and-progress table (not the history's)."""
    table = page.get_by_role("table", name=re.compile("weaknesses and progress"))
    return table.get_by_role("row").filter(has_text=text)


def test_a_parent_finds_medway_and_reads_the_revisit_result_per_weakness(visit, demo):
    page = visit("/")
    page.get_by_role("link", name="Local areas").first.click()
    page.get_by_label("Name").fill("Medway")
    page.get_by_role("button", name="Show areas").click()
    assert "q=Medway" in page.url
    page.get_by_role("link", name="Medway", exact=True).click()
    page = visit(page.url.removeprefix(page.base_url))
    assert page.get_by_role("heading", name="Medway", level=1).is_visible()
    assert page.get_by_text("9 December 2019 to 11 December 2019").is_visible()
    assert "Sufficient" in weakness_row(page, "Co-production at all levels").first.inner_text()
    assert (
        "Not sufficient"
        in weakness_row(page, "The quality of education, health and care plans").first.inner_text()
    )


def test_dashboard_and_open_data_pages(visit, demo):
    page = visit("/dashboard/")
    assert page.get_by_role("heading", name="National dashboard", level=1).is_visible()
    assert page.locator("svg.app-chart").count() >= 5
    link = page.locator('a[href="/dashboard/revisit-results.csv"]')
    assert "Download this table (CSV)" in link.inner_text()
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "revisit-results.csv"
    page = visit("/data/")
    assert page.get_by_role("heading", name="Open data", level=1).is_visible()
    with page.expect_download() as download:
        page.locator('a[href="/data/inspections.csv"]').click()
    assert download.value.suggested_filename == "inspections.csv"


def test_the_same_pages_work_without_javascript(browser, live_server, demo):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/areas/")
    page.get_by_label("Name").fill("Medway")
    page.get_by_label("Region").select_option("South East")
    page.get_by_role("button", name="Show areas").click()
    assert page.get_by_text("Current local areas (1)").is_visible()
    page.get_by_role("link", name="Medway", exact=True).click()
    assert (
        "Not sufficient"
        in weakness_row(page, "The quality of education, health and care plans").first.inner_text()
    )
    page.goto(live_server.url + "/dashboard/")
    assert page.get_by_role("table", name="Revisit results: figures").is_visible()
    page.goto(live_server.url + "/data/")
    page.get_by_label("Local area").select_option("kent")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download history").click()
    assert download.value.suggested_filename == "kent.jsonl"
    context.close()
