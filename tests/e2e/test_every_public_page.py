"""Every public page (no sign-in), axe-core clean and working with JavaScript off (issue 5).

Each page is opened through ``visit`` (axe-core, WCAG 2.2 AA) and then again in a
browser context with JavaScript disabled, where its main content must still be
there. Forms are submitted in both: the area search and the history chooser are
plain GET forms; following an area, confirming and stopping the emails are POSTs
reached with real links made by the alerts services. The API (``/api/``), feeds
and downloads are not HTML pages and are tested elsewhere.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import resolve

from areasend.alerts import services as alerts
from areasend.alerts import urls as alerts_urls
from areasend.alerts.models import Subscription
from areasend.areas.models import LocalArea
from areasend.register import urls as register_urls
from tests.e2e.conftest import check_accessibility

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Page = Any  # playwright.sync_api.Page, untyped here as in the other browser tests


@dataclass(frozen=True)
class Public:
    path: str
    heading: str  # the page's one h1
    shows: tuple[str, ...]  # what its main content must hold


PAGES: dict[str, list[Public]] = {
    "start and about": [
        Public("/", "Area SEND inspections in England", ("Find a local area", "local areas today")),
        Public(
            "/accessibility/",
            "Accessibility statement for areasend",
            (
                "How accessible this service is",
                "Reporting accessibility problems",
                "Enforcement procedure",
                "Preparation of this accessibility statement",
            ),
        ),
    ],
    "area list and search results": [
        Public(
            "/areas/",
            "Local areas",
            ("Current local areas (", "Medway", "Former local areas (", "Northamptonshire"),
        ),
        Public("/areas/?q=Medway", "Local areas", ("Current local areas (1)", "Medway")),
        Public(
            "/areas/?q=&region=South+East&outcome=wsoa&framework=2016&year=2018",
            "Local areas",
            ("Current local areas (1)", "Medway", "Written statement of action required"),
        ),
        Public(
            "/areas/?q=Northamptonshire",
            "Local areas",
            ("Former local areas (1)", "31 March 2021", "North Northamptonshire"),
        ),
        Public("/areas/?q=Medwya", "Local areas", ("Medway",)),
        Public("/areas/?q=Atlantis&region=London", "Local areas", ("Current local areas (0)",)),
    ],
    "area pages and timelines": [
        Public(
            "/areas/medway/",
            "Medway",
            (
                "What happens next",
                "Statistical neighbours",
                "The quality of education, health and care plans",
            ),
        ),
        Public(
            "/areas/northamptonshire/",
            "Northamptonshire",
            ("stopped being a local area on 31 March 2021",),
        ),
        Public("/areas/medway/timeline/", "Medway: timeline", ("Where Medway stands now", "2018")),
        Public(
            "/areas/cornwall/timeline/",
            "Cornwall: timeline",
            ("We hold no inspection events for Cornwall yet.",),
        ),
        Public(
            "/areas/northamptonshire/timeline/",
            "Northamptonshire: timeline",
            ("Special educational needs and disabilities",),
        ),
        Public(
            "/areas/kent/follow/", "Get emails about Kent", ("Email address", "Atom feed for Kent")
        ),
    ],
    "dashboard and open data": [
        Public(
            "/dashboard/", "National dashboard", ("Revisit results", "Download this table (CSV)")
        ),
        Public("/data/", "Open data", ("An area's whole history", "Download history")),
        Public("/data/api/", "API reference", ("GET /api/areas", "What the answers hold")),
        # The history chooser without a choice leads back to the open-data page's chooser.
        Public("/data/history/", "Open data", ("An area's whole history", "Download history")),
    ],
}
#: Reached by the alerts test below, with links made by the alerts services.
ALERT_PAGES = {"alerts:confirm", "alerts:unsubscribe"}
#: Public routes that answer with a download, a feed or data rather than an HTML page.
NOT_HTML = {
    "alerts:national_feed",
    "alerts:area_feed",
    "register:area_history",
    "register:dashboard_csv",
    "register:dataset_csv",
    "register:dataset_metadata",
    "register:dataset_ods",
    "register:dataset_json",
}


@pytest.fixture
def demo() -> None:
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def no_js(browser: Any, live_server: Any) -> Iterator[Page]:
    """A page in a browser context with JavaScript disabled."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


def open_without_javascript(page: Page, path: str, status: int = 200) -> Page:
    response = page.goto(page.base_url + path)
    assert response is not None and response.status == status, f"{path}: {response.status}"
    # GOV.UK Frontend's first script marks the body; with JavaScript off nothing has run.
    assert "js-enabled" not in (page.get_attribute("body", "class") or "")
    return page


def assert_main_content(page: Page, heading: str, shows: tuple[str, ...] = ()) -> None:
    main = page.locator("main")
    assert main.get_by_role("heading", level=1).inner_text().strip() == heading, page.url
    text = main.inner_text()
    missing = [s for s in shows if s not in text]
    assert missing == [], f"{page.url}: main content lacks {missing}"


def check_page(public: Public, visit: Callable[[str], Page], no_js: Page) -> None:
    page = visit(public.path)
    assert "js-enabled" in (page.get_attribute("body", "class") or "")
    assert_main_content(page, public.heading, public.shows)
    assert_main_content(open_without_javascript(no_js, public.path), public.heading, public.shows)


@pytest.mark.parametrize("group", PAGES)
def test_public_pages_pass_axe_and_work_without_javascript(
    group: str, visit: Callable[[str], Page], no_js: Page, demo: None
) -> None:
    problems = []
    for public in PAGES[group]:  # every page is checked, and every failure reported
        try:
            check_page(public, visit, no_js)
        except AssertionError as error:
            problems.append(f"{public.path}: {error}")
    assert problems == []


def test_every_public_html_route_is_visited_here() -> None:
    routes = {
        f"{module.app_name}:{pattern.name}"
        for module in (register_urls, alerts_urls)
        for pattern in module.urlpatterns
    }
    visited = set()
    for public in (p for pages in PAGES.values() for p in pages):
        match = resolve(urlsplit(public.path).path)
        visited.add(f"{match.namespace}:{match.url_name}")
    assert routes - NOT_HTML == visited | ALERT_PAGES


@pytest.mark.parametrize("path", ["/areas/atlantis/", "/alerts/confirm/forged/", "/alerts/stop/x/"])
def test_page_not_found_passes_axe_and_works_without_javascript(
    path: str, page: Page, no_js: Page
) -> None:
    response = page.goto(page.base_url + path)
    assert response is not None and response.status == 404
    check_accessibility(page, f"404 at {path}")
    assert_main_content(page, "Page not found", ("check it is correct",))
    assert_main_content(open_without_javascript(no_js, path, 404), "Page not found")


def test_the_area_search_is_a_get_form_that_works_without_javascript(
    no_js: Page, demo: None
) -> None:
    page = open_without_javascript(no_js, "/areas/")
    page.get_by_label("Written statement of action required").check()
    page.get_by_label("Framework").select_option("2016")
    page.get_by_label("Year published").select_option("2018")
    page.get_by_role("button", name="Show areas").click()
    assert "outcome=wsoa" in page.url and "framework=2016" in page.url and "year=2018" in page.url
    results = page.get_by_role("table").filter(has_text="Current local areas")
    assert "Current local areas (2)" in results.inner_text()
    assert results.get_by_role("link").all_inner_texts() == ["Medway", "Southend-on-Sea"]
    page.get_by_label("Name").fill("southend")
    page.get_by_role("button", name="Show areas").click()
    assert "q=southend" in page.url
    assert page.get_by_text("Current local areas (1)").is_visible()
    page.get_by_role("link", name="Southend-on-Sea", exact=True).click()
    assert_main_content(page, "Southend-on-Sea", ("What happens next",))


def test_the_area_search_passes_axe_when_submitted(
    visit: Callable[[str], Page], demo: None
) -> None:
    page = visit("/areas/")
    page.get_by_label("Name").fill("Kent")
    page.get_by_label("Region").select_option("South East")
    page.get_by_role("button", name="Show areas").click()
    assert "q=Kent" in page.url and "region=South+East" in page.url
    check_accessibility(page, "search results")
    assert "Current local areas (1)" in page.locator("main").inner_text()


def test_the_history_chooser_downloads_an_area_without_javascript(no_js: Page, demo: None) -> None:
    page = open_without_javascript(no_js, "/data/history/")
    assert page.url.endswith("/data/#history")
    page.get_by_label("Local area").select_option("medway")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download history").click()
    assert download.value.suggested_filename == "medway.jsonl"
    assert '"event": "letter_published"' in Path(download.value.path()).read_text("utf-8")


def _follow(page: Page, email: str) -> None:
    page.get_by_label("Email address").fill(email)
    page.get_by_role("button", name="Send me a confirmation email").click()


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_following_confirming_and_stopping_pass_axe_and_work_without_javascript(
    javascript: bool, visit: Callable[[str], Page], no_js: Page
) -> None:
    kent = LocalArea.objects.get(slug="kent")

    def open_page(path: str) -> Page:
        if javascript:
            return visit(path)
        return open_without_javascript(no_js, path)

    def check(page: Page, label: str) -> None:
        if javascript:
            check_accessibility(page, label)

    page = open_page("/areas/kent/follow/")
    _follow(page, "not an address")
    check(page, "follow, with an error")
    assert_main_content(page, "Get emails about Kent", ("There is a problem",))
    _follow(page, "parent@example.org")
    check(page, "check your email")
    assert_main_content(page, "Check your email", ("It works for a week",))
    assert len(mail.outbox) == 1

    subscription = Subscription.objects.get(email="parent@example.org", area=kent)
    page = open_page(f"/alerts/confirm/{alerts.token(subscription, 'confirm')}/")
    assert_main_content(page, "Confirm you want emails about Kent")
    page.get_by_role("button", name="Yes, email me").click()
    check(page, "confirmed")
    assert_main_content(page, "You are following Kent", ("Every email has a link to stop them",))
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None

    page = open_page(f"/alerts/stop/{alerts.token(subscription, 'unsubscribe')}/")
    assert_main_content(page, "Stop emails about Kent", ("This deletes your email address",))
    page.get_by_role("button", name="Stop the emails").click()
    check(page, "unsubscribed")
    assert_main_content(page, "You will get no more emails about Kent", ("deleted your address",))
    assert not Subscription.objects.filter(pk=subscription.pk).exists()
