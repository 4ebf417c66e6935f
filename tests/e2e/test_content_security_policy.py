"""In a browser that enforces the content security policy (the other browser tests bypass it
to inject axe-core), GOV.UK Frontend still starts, and a script smuggled into a page does not run."""

from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.conftest import AXE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def strict_page(browser, live_server) -> Iterator[Any]:
    context = browser.new_context(java_script_enabled=True)
    page = context.new_page()
    page.base_url = live_server.url
    page.console_texts = []
    page.on("console", lambda message: page.console_texts.append(message.text))
    yield page
    context.close()


def violations(page) -> list[str]:
    return [text for text in page.console_texts if "Content Security Policy" in text]


def accessible(page) -> None:
    # DevTools evaluation is exempt from the page's policy, so axe-core loads this way.
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"""
    )
    assert [v["id"] for v in result["violations"]] == []


def test_frontend_starts_with_no_policy_violation(strict_page):
    response = strict_page.goto(strict_page.base_url + "/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    classes = strict_page.evaluate("document.body.className").split()
    assert "js-enabled" in classes and "govuk-frontend-supported" in classes
    # initAll() marks each component it starts; the skip link is on every page.
    assert strict_page.locator("[data-govuk-skip-link-init]").count() == 1
    assert violations(strict_page) == []
    accessible(strict_page)


def test_a_script_smuggled_into_a_page_does_not_run(strict_page):
    def inject(route):
        # As an XSS would: the page as served, with its headers, plus an attacker's script.
        response = route.fetch()
        html = response.text().replace(
            "</body>", "<script>document.body.dataset.injected = 'yes'</script></body>"
        )
        route.fulfill(response=response, body=html)

    strict_page.route("**/accessibility/", inject)
    strict_page.goto(strict_page.base_url + "/accessibility/")
    assert "document.body.dataset.injected = 'yes'" in strict_page.content()
    assert strict_page.evaluate("document.body.dataset.injected") is None
    assert violations(strict_page) != []
    assert "js-enabled" in strict_page.evaluate("document.body.className")
    accessible(strict_page)
