"""Browser walks (axe on every page; the forms are plain GET and POST): the planner finds a
pending deferral on the work list and decides it; the administrator adds an area officer, who
sets a password from the emailed link and signs in."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from areasend.accounts.models import Person
from areasend.demo.management.commands.load_demo_people import PASSWORD
from areasend.inspections import services as s
from areasend.inspections.models import Inspection
from tests.e2e.conftest import check_accessibility
from tests.e2e.walk import fill_date, open_page, sign_in
from tests.inspections.conftest import medway, medway_revisit, people

__all__ = ["medway", "medway_revisit", "people"]
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
REASON = "The director of children's services starts a new post that week."


def _click(page: Any, locator: Any, label: str) -> None:
    with page.expect_navigation():
        locator.click()
    check_accessibility(page, label)


def test_the_planner_decides_a_deferral_reached_from_the_work_list(
    medway_revisit: Inspection, people: dict[str, Person], browser: Any, live_server: Any
) -> None:
    s.do_request_deferral(
        people["medway"].user, medway_revisit, requested_on=dt.date(2019, 11, 26), reason=REASON
    )
    page = sign_in(browser, live_server.url, "planner")  # axe checks the landing page
    assert page.url.endswith("/due/")
    # Only the deferrals: every other kind unticked.
    for box in page.locator("input[name='kind']").all():
        if box.get_attribute("value") != "deferrals":
            box.uncheck()
    _click(page, page.get_by_role("button", name="Apply filters"), "the work list, deferrals")
    main = page.inner_text("main")
    assert "1 to do, 0 overdue" in main and "Deferral requests to decide" in main
    link = page.get_by_role("link", name=f"Decide the request to defer the inspection "
                            f"{medway_revisit.reference}")  # fmt: skip
    _click(page, link, "the deferral decision, from the work list")
    assert page.url.endswith(f"/inspections/{medway_revisit.reference}/deferral/decision/")
    form = page.locator("main form[method='post']")
    form.get_by_label("Refuse the deferral").check()
    fill_date(form, "decided_on", "2019-11-28")
    form.locator("textarea").fill("Revisits are not normally deferred; the notice stands.")
    _click(page, form.get_by_role("button", name="Record the decision"), "the decision recorded")
    assert "Deferral refused: the inspection goes ahead." in page.inner_text("main")
    open_page(page, "/due/?kind=deferrals")
    assert "0 to do, 0 overdue" in page.inner_text("main")
    page.context.close()


def _code(username: str) -> str:
    device = TOTPDevice.objects.get(user__username=username)
    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(
        device.digits
    )


def test_the_administrator_adds_an_area_officer_who_then_signs_in(
    people: dict[str, Person], page: Any, visit: Any
) -> None:
    visit("/accounts/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", PASSWORD)
    page.get_by_label("Security code").fill(_code("admin"))
    _click(page, page.get_by_role("button", name="Sign in"), "the administrator's landing page")
    assert page.url.endswith("/staff/people/")
    _click(page, page.get_by_role("link", name="Add a person"), "add a person")
    _click(page, page.get_by_role("button", name="Add the person"), "add a person, empty")
    assert "Enter their first name" in page.inner_text(".govuk-error-summary")
    page.get_by_label("First name").fill("Hana")
    page.get_by_label("Last name").fill("Moss")
    page.get_by_label("Email address").fill("hana.moss@medway.example")
    page.get_by_label("Organisation").select_option(label="Medway local area partnership")
    page.get_by_label("Local area officer").check()
    _click(page, page.get_by_role("button", name="Add the person"), "the person added")
    main = page.inner_text("main")
    assert "Hana Moss added as local area officer of Medway local area partnership" in main
    assert "hana.moss@medway.example" in main

    [email] = mail.outbox
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", str(email.body))
    assert link and email.to == ["hana.moss@medway.example"]
    officer = page.context.browser.new_context(bypass_csp=True)
    tab = officer.new_page()
    tab.goto(page.base_url + link.group(1))
    tab.get_by_label("New password", exact=True).fill("Heron-4kz-Fen-Lane")
    tab.get_by_label("Confirm the new password").fill("Heron-4kz-Fen-Lane")
    _click(tab, tab.get_by_role("button", name="Save the new password"), "password set")
    tab.goto(page.base_url + "/accounts/login/")
    tab.fill("#id_username", "hana.moss@medway.example")
    tab.fill("#id_password", "Heron-4kz-Fen-Lane")
    _click(tab, tab.get_by_role("button", name="Sign in"), "the officer's landing page")
    assert tab.url.endswith("/due/")
    assert tab.get_by_role("link", name="Your area's plans").is_visible()
    officer.close()
