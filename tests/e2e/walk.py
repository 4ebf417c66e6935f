"""Steps a browser walk takes through casework and improvement pages, each as its role.

Every page a step lands on is checked with axe-core, and a step fails if the page shows
an error.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from areasend.demo.management.commands.load_demo_people import PASSWORD
from tests.e2e.conftest import check_accessibility

Page = Any


def fill_date(root: Any, name: str, on: str) -> None:
    """Type the ISO date ``on`` into the day, month and year boxes of the GOV.UK date input
    whose name ends with ``name``, as a person would: "28", "6", "2021"."""
    day = dt.date.fromisoformat(on)
    for part, value in (("day", day.day), ("month", day.month), ("year", day.year)):
        root.locator(f"input[name$='{name}_{part}']").fill(str(value))


def sign_in(browser: Any, base_url: str, username: str, javascript: bool = True) -> Page:
    context = browser.new_context(bypass_csp=True, java_script_enabled=javascript)
    page = context.new_page()
    page.base_url = base_url
    page.goto(base_url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button:has-text('Sign in')")
    # Each role lands on its own page (areasend/staff/menu.py landing_for).
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    if javascript:
        check_accessibility(page, f"the landing page of {username}")
    return page


def submit(page: Page, button: str, label: str, within: Any = None) -> None:
    with page.expect_navigation():
        (within or page).locator(f"button:has-text('{button}')").first.click()
    page.wait_for_load_state()
    check_accessibility(page, label)
    assert page.locator(".govuk-error-summary").count() == 0, page.inner_text("main")


def open_page(page: Page, path: str) -> None:
    response = page.goto(page.base_url + path)
    assert response is not None and response.ok, f"{path}: {response and response.status}"
    check_accessibility(page, path)


# -- casework ---------------------------------------------------------------------------


def notify(page: Page, area: str, kind: str, framework: str, on: str) -> str:
    """Notify an inspection; returns its reference."""
    open_page(page, "/inspections/new/")
    page.select_option("#id_area", label=area)
    page.select_option("#id_framework", framework)
    page.select_option("#id_kind", kind)
    fill_date(page, "notified_on", on)
    submit(page, "Notify the area", f"{area} {kind} notified")
    return str(page.url.rstrip("/").rsplit("/", 1)[-1])


def task(page: Page, title: str) -> None:
    """Follow a task of the inspection's task list (the page shown) to its own page."""
    with page.expect_navigation():
        page.locator("#tasks").get_by_role("link", name=title, exact=True).click()
    check_accessibility(page, title)


def fieldwork(page: Page, start: str, end: str) -> None:
    """From the task list: start fieldwork, then end it, each on its own page."""
    for step, day in (("Start fieldwork", start), ("End fieldwork", end)):
        task(page, step)
        fill_date(page, "fieldwork-on", day)
        submit(page, "Record fieldwork", step)


def findings(page: Page, ref: str, question: str, significant: list[str]) -> None:
    open_page(page, f"/inspections/{ref}/findings/")
    for text in significant:
        page.select_option("#id_question", question)
        page.select_option("#id_kind", "significant")
        page.fill("#id_text", text)
        submit(page, "Add finding", f"finding {text[:20]}")


def outcome(page: Page, outcome: str, on: str) -> None:
    page.select_option("#id_outcome-outcome", outcome)
    fill_date(page, "outcome-decided_on", on)
    submit(page, "Record the outcome", "outcome recorded")


def judge_progress(page: Page, ref: str, verdicts: list[bool], item: str) -> None:
    """Judge each weakness in the letter's order (``item``: the framework's word for one)."""
    open_page(page, f"/inspections/{ref}/progress/")
    for n, sufficient in enumerate(verdicts, start=1):
        page.check(f"#id_w{n}_sufficient_{0 if sufficient else 1}")
        page.fill(f"#id_w{n}_commentary", "Inspectors met leaders, parents and practitioners.")
        page.get_by_role("button", name=f"Save progress on {item} {n}").click()
        page.wait_for_load_state()
        check_accessibility(page, f"progress {n}")
        assert page.locator(".govuk-error-summary").count() == 0, page.inner_text("main")


def publish_letter(page: Page, ref: str, draft_button: str, dated: str, published: str) -> None:
    open_page(page, f"/inspections/{ref}/letter/edit/")
    submit(page, draft_button, "letter drafted")
    page.check("#id_reviewed")
    submit(page, "Save", "letter reviewed")
    fill_date(page, "publish-dated", dated)
    fill_date(page, "publish-published_on", published)
    submit(page, "Publish the letter", "letter published")


# -- improvement ------------------------------------------------------------------------


def start_plan(page: Page, area_slug: str, label: str, inspection: str = "") -> int:
    """Record a plan from the area's improvement page, for ``inspection``'s letter (by
    default the latest that required one); returns its id."""
    open_page(page, f"/improvement/areas/{area_slug}/")
    name = f"Record the plan: {label.lower()} for {inspection}"
    page.locator("#letters a", has_text=name).first.click()
    page.wait_for_load_state()
    check_accessibility(page, f"record the {label.lower()}")
    submit(page, "Start the plan", f"{label} started")
    return int(page.url.rstrip("/").rsplit("/", 1)[-1])


def follow(page: Page, link: Any, label: str) -> None:
    """Click a link and wait for the page it opens; axe checks that page."""
    with page.expect_navigation():
        link.click()
    check_accessibility(page, label)


def fill(page: Page, fields: dict[str, str]) -> None:
    """Fill the page's one form as a person would: dates in their three boxes, a radio
    button or a choice from a list, else type."""
    for name, value in fields.items():
        field = page.locator(f"[name='{name}']")
        if page.locator(f"[name='{name}_day']").count():
            fill_date(page, name, value)
        elif field.first.get_attribute("type") == "radio":
            page.check(f"[name='{name}'][value='{value}']")
        elif field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)


def add_actions(page: Page, owner: str, agreed: str) -> int:
    """From the plan's task list, add one action under every weakness, each on its own
    page; returns how many."""
    follow(page, page.locator("#task-action a"), "write the plan")
    count = page.locator("a.app-add-action").count()
    for n in range(count):
        follow(page, page.locator("a.app-add-action").nth(n), f"add action {n + 1}")
        fill(page, {"description": f"Action {n + 1}: a named lead", "owner": owner,
                    "success_measures": "Parents report improvement", "started_on": agreed})  # fmt: skip
        submit(page, "Add the action", f"action {n + 1} added")
        assert "Action added." in page.inner_text(".govuk-notification-banner")
    follow(page, page.locator("a", has_text="Back to the plan's steps").last, "the plan")
    return int(count)


def plan_step(page: Page, plan: int, step: str, fields: dict[str, str], button: str) -> None:
    """Open the plan's task list, follow the step's link (``submit``, ``judge``, ``publish``)
    to its page and take it; the task list then shows it completed."""
    open_page(page, f"/improvement/plans/{plan}/")
    follow(page, page.locator(f"#task-{step} a.govuk-task-list__link"), f"plan {step}")
    fill(page, fields)
    submit(page, button, f"plan {step} taken")
    assert page.url.rstrip("/").endswith(f"/plans/{plan}")
    assert page.locator(".govuk-notification-banner--success").count() == 1
    assert "Completed" in page.inner_text(f"#task-{step}-status")


#: The address of each support step, after the area's own.
AREA_STEPS = {"visit": "support", "release": "release", "notice": "notice",
              "engagement": "engagement"}  # fmt: skip


def area_step(page: Page, slug: str, step: str, fields: dict[str, str], button: str) -> None:
    """From the area's improvement page, follow the support step's link to its page and
    take it; back on the area page with one confirmation."""
    open_page(page, f"/improvement/areas/{slug}/")
    link = page.locator(f"#support-steps a[href$='/{AREA_STEPS[step]}/']")
    follow(page, link, f"area {step}")
    fill(page, fields)
    submit(page, button, f"area {step} taken")
    assert page.locator(".govuk-notification-banner--success").count() == 1
