"""A parent reads eight areas' pages in Chromium (axe on each): no "Overdue" for what the record
cannot know, late marked late, counts that agree, months where only the month is known."""

import io
import re

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def national() -> None:
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_national", stdout=io.StringIO())


def main_text(visit, path: str) -> str:
    page = visit(path)
    # A parent who wants every duty opens the professionals' details too.
    for summary in page.locator("main summary").all():
        summary.click()
    return re.sub(r"\s+", " ", page.locator("main").inner_text())


def test_a_parent_reads_eight_areas_and_is_told_nothing_untrue(visit, national) -> None:
    kent = main_text(visit, "/areas/kent/")
    assert "Overdue" not in kent
    assert "Not recorded" in kent and "9 days late" in kent
    assert "3 significant weaknesses (wording not recorded)" in kent
    assert "(9 significant weaknesses, 6 named)" in main_text(visit, "/areas/kent/timeline/")

    bcp = main_text(visit, "/areas/bournemouth-christchurch-and-poole/")
    assert "The area must send a written statement of action" not in bcp
    assert "the register does not record when it was sent" in bcp

    rotherham = main_text(visit, "/areas/rotherham/")
    assert "Not yet judged" not in rotherham and "Not judged" in rotherham

    medway = main_text(visit, "/areas/medway/")
    assert "10 days late" in medway and "about 6 months late" in medway
    assert "Released from monitoring" in medway
    assert "Annual engagement meeting" not in medway

    southend = main_text(visit, "/areas/southend-on-sea/")
    assert "3 significant weaknesses (wording not recorded)" in southend
    assert "(4 significant weaknesses, 1 named)" in southend

    notts = main_text(visit, "/areas/nottinghamshire/")
    assert "Annual engagement meeting" not in notts
    assert re.search(r"Update and publish the SEND strategic plan .*? Not recorded", notts)

    for slug, month in (("dorset-until-2019", "January 2017"), ("northamptonshire", "May 2017")):
        text = main_text(visit, f"/areas/{slug}/")
        assert f"In {month}" in text and f"1 {month}" not in text
        assert "Date not recorded" in text and "Letter published Not yet" not in text
