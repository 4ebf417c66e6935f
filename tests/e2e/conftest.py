"""Browser tests: Playwright drives Debian's Chromium (never a downloaded browser).

Every page a test visits goes through ``visit``, which runs axe-core on it and
fails on any WCAG 2.x A/AA violation.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
# Playwright's sync API runs an event loop in this thread; the live server's
# database access is in another thread, so Django's async guard does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    # bypass_csp lets axe-core be injected; the CSP itself is tested without a browser.
    context = browser.new_context(java_script_enabled=True, bypass_csp=True)
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


def check_accessibility(page, label: str) -> None:
    """Run axe-core (WCAG 2.2 AA rules) on the page as it stands; fail on any violation."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"""
    )
    problems = [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in result["violations"]]
    assert problems == [], f"{label} fails accessibility checks: {problems}"


@pytest.fixture
def visit(page):
    """Open a path, check it with axe-core (WCAG 2.2 AA rules) and return the page."""

    def go(path: str):
        response = page.goto(page.base_url + path)
        assert response is not None and response.ok, f"{path}: {response and response.status}"
        check_accessibility(page, path)
        return page

    return go


@pytest.fixture(autouse=True)
def reference_data(request):
    """Transactional tests end with a flush, which also removes the reference rows
    the data migration loaded; put them back with the migration's own loader."""
    if request.node.get_closest_marker("django_db") is None:
        return
    from django.apps import apps

    from areasend.areas.models import LocalArea
    from areasend.areas.reference import load_reference

    if not LocalArea.objects.exists():
        load_reference(apps)
