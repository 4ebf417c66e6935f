"""A planner uploads two files on the review queue, one letter and one broken PDF: with
JavaScript each gets a progress bar and then its result; without, the plain form gives the
same results. Every page is axe-checked, the broken file is listed under "Rejected"."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from areasend.demo.management.commands.load_demo_people import PASSWORD
from areasend.letters.models import LetterImport, RejectedFile
from tests.e2e.conftest import check_accessibility
from tests.letters.synthetic import as_pdf, letter_2016

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
QUEUE = "/letters/"


@pytest.fixture
def planner() -> None:
    call_command("load_demo_people", "--force", stdout=StringIO())


def sign_in(tab: Any, base_url: str) -> None:
    tab.goto(f"{base_url}/accounts/login/")
    tab.get_by_label("Username").fill("planner")
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Sign in").click()


def two_files() -> list[dict[str, Any]]:
    return [
        {"name": "medway.pdf", "mimeType": "application/pdf", "buffer": as_pdf(letter_2016())},
        {"name": "broken.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7 no PDF"},
    ]


def assert_results(tab: Any) -> None:
    results = tab.locator("#upload-results")
    assert results.get_by_role("rowheader", name="medway.pdf").is_visible()
    assert results.get_by_role("link", name="medway.pdf").is_visible()
    broken = results.get_by_role("row").filter(has_text="broken.pdf")
    assert broken.get_by_role("cell", name="Rejected").is_visible()
    assert "the PDF cannot be read" in broken.inner_text()


def test_with_javascript_each_file_has_a_progress_bar_and_then_its_result(
    planner: None, page: Any, visit: Any
) -> None:
    sign_in(page, page.base_url)
    visit(QUEUE)
    page.get_by_label("Upload letters").set_input_files(two_files())
    page.get_by_role("button", name="Upload", exact=True).click()
    heading = page.get_by_role("heading", name="What happened to each file")
    heading.wait_for()
    # The script sent each file on its own, showing a bar that ends full beside its result.
    bars = page.locator("#upload-progress-list progress")
    assert bars.count() == 2
    assert [bars.nth(i).get_attribute("value") for i in range(2)] == ["100", "100"]
    assert "medway.pdf: imported for review" in page.locator("#upload-progress-list").inner_text()
    assert "broken.pdf: rejected" in page.locator("#upload-progress-list").inner_text()
    assert_results(page)
    assert page.evaluate("document.activeElement.id") == "upload-results-heading"
    check_accessibility(page, "the queue after a scripted upload")
    assert LetterImport.objects.count() == 1

    with page.expect_navigation():
        page.get_by_role("link", name="See the queue with these files").click()
    rejected = page.locator("table").filter(has_text="Files refused when imported (1)")
    assert rejected.get_by_role("rowheader", name="broken.pdf").is_visible()
    assert "Upload on the review queue, Nadia Okafor" in rejected.inner_text()
    check_accessibility(page, QUEUE)


def test_without_javascript_the_form_posts_both_files_and_lists_the_same_results(
    planner: None, page: Any, browser: Any, live_server: Any
) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    sign_in(tab, live_server.url)
    tab.goto(live_server.url + QUEUE)
    tab.get_by_label("Upload letters").set_input_files(two_files())
    with tab.expect_navigation():
        tab.get_by_role("button", name="Upload", exact=True).click()
    assert tab.get_by_role("heading", name="What happened to each file").is_visible()
    assert_results(tab)
    assert not tab.locator("#upload-progress").is_visible()
    assert (LetterImport.objects.count(), RejectedFile.objects.get().file_name) == (
        1,
        "broken.pdf",
    )
    context.close()

    # The page the plain form answers with, axe-checked: the script is kept from loading, so
    # the same form posts as it does without JavaScript, in a browser that can run axe.
    sign_in(page, page.base_url)
    page.route("**/letter-upload.js", lambda route: route.abort())
    page.goto(page.base_url + QUEUE)
    page.get_by_label("Upload letters").set_input_files(two_files())
    with page.expect_navigation():
        page.get_by_role("button", name="Upload", exact=True).click()
    assert page.get_by_role("cell", name="Unchanged").is_visible()
    check_accessibility(page, "the queue after a plain upload")
