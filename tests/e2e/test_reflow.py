"""Reflow (WCAG 2.2, 1.4.10): every public page of the national history reads at 320 and
375 CSS pixels wide without scrolling sideways, long words and long text wrapping.

Each page is opened in Chromium at each width, checked with axe-core, and the document
must be no wider than the viewport. A failure names the elements that stick out.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command

from areasend.areas.event_log import do_import_history
from tests.e2e.conftest import check_accessibility

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Page = Any

WIDTHS = (320, 375)
#: One word of 20,000 characters: a finding pasted without spaces must not widen its page.
LONG_WORD = "Waitingtimesforassessment" * 800
AREAS = (
    "kent",
    "medway",
    "dorset",
    "dorset-until-2019",
    "rotherham",
    "southend-on-sea",
    "bournemouth-christchurch-and-poole",
    "nottinghamshire",
    "northamptonshire",
    "cornwall",
    "west-northamptonshire",  # holds the 20,000-character finding
)
PAGES = (
    "/",
    "/areas/",
    "/areas/?q=&region=South+East&outcome=wsoa&framework=2016&year=2018",
    "/dashboard/",
    "/data/",
    "/accessibility/",
    "/areas/kent/follow/",
    *(f"/areas/{slug}/" for slug in AREAS),
    *(f"/areas/{slug}/timeline/" for slug in AREAS),
    "/data/api/",
)

#: Elements whose right edge passes the viewport, widest first, for the failure message.
STICKING_OUT = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.right > width + 0.5) out.push([box.right, el.tagName.toLowerCase() + '.' +
      (el.className && el.className.baseVal === undefined ? el.className : '') + ': ' +
      (el.textContent || '').trim().slice(0, 40)]);
  }
  out.sort((a, b) => b[0] - a[0]);
  return out.slice(0, 5).map(([right, what]) => Math.round(right) + 'px ' + what);
}"""


def _long_finding_history() -> str:
    """West Northamptonshire, which the register holds no inspection of, with one published
    report whose area for priority action is a single 20,000-character word."""
    base: dict[str, object] = {"area": "E06000062", "inspection": "west-northamptonshire-2024"}
    events: list[dict[str, object]] = [
        {"date": "2024-09-16", "event": "inspection_notified", "kind": "full", "framework": "2023"},
        {"date": "2024-09-30", "event": "fieldwork_started"},
        {"date": "2024-10-04", "event": "fieldwork_ended"},
        {
            "date": "2024-11-14",
            "event": "letter_published",
            "outcome": "inconsistent",
            "weaknesses": [LONG_WORD, "the quality of education, health and care plans"],
        },
    ]
    return "".join(json.dumps({**base, **e}) + "\n" for e in events)


@pytest.fixture
def national() -> None:
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_national", stdout=io.StringIO())
    do_import_history(_long_finding_history(), source="reflow test")


@pytest.fixture
def narrow(browser: Any, live_server: Any) -> Iterator[dict[int, Page]]:
    """A page at each width, in contexts that let axe-core be injected."""
    contexts = {
        w: browser.new_context(viewport={"width": w, "height": 700}, bypass_csp=True)
        for w in WIDTHS
    }
    pages = {w: c.new_page() for w, c in contexts.items()}
    for page in pages.values():
        page.base_url = live_server.url
    yield pages
    for context in contexts.values():
        context.close()


def _overflow(page: Page, path: str, width: int) -> str | None:
    response = page.goto(page.base_url + path)
    assert response is not None and response.ok, f"{path}: {response and response.status}"
    check_accessibility(page, f"{path} at {width} px")
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll <= width:
        return None
    return f"{path} at {width} px is {scroll} px wide: {page.evaluate(STICKING_OUT)}"


def test_every_public_page_reflows_at_320_and_375_pixels(
    national: None, narrow: dict[int, Page]
) -> None:
    problems = [
        problem
        for path in PAGES
        for width, page in narrow.items()
        if (problem := _overflow(page, path, width))
    ]
    assert problems == []


def test_the_long_finding_is_shown_whole_and_wrapped(
    national: None, narrow: dict[int, Page]
) -> None:
    page = narrow[320]
    page.goto(page.base_url + "/areas/west-northamptonshire/")
    check_accessibility(page, "/areas/west-northamptonshire/ at 320 px")
    cell = page.get_by_text(LONG_WORD[:200], exact=False).first
    assert LONG_WORD in cell.inner_text().replace("\n", "")
    box = cell.bounding_box()
    assert box is not None and box["width"] <= 320 and box["height"] > 1000  # wrapped, not cut
