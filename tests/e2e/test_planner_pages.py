"""A planner signs in, reads the plan (axe-checked), then confirms and releases a visit with
JavaScript off."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Permission, User

from areasend.areas.event_log import do_import_history
from tests.planner.test_pages import KENT

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]
PASSWORD = "a long enough password"
PLAN = "/planner/?start=2025-11-03&weeks=10"


@pytest.fixture
def kent_and_planner(settings: Any) -> None:
    settings.AREASEND_PLANNER_SECONDS = 2.0
    do_import_history(KENT)
    user = User.objects.create_user("planner", password=PASSWORD)
    user.user_permissions.add(Permission.objects.get(codename="plan_programme"))


def sign_in(tab: Any, base_url: str) -> None:
    tab.goto(f"{base_url}/accounts/login/")
    tab.get_by_label("Username").fill("planner")
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Sign in").click()


def test_planner_page_is_accessible_and_confirms_a_visit_without_javascript(
    kent_and_planner: None,
    page: Any,
    visit: Any,
    browser: Any,
    live_server: Any,
) -> None:
    sign_in(page, page.base_url)
    shown = visit(PLAN)
    assert shown.get_by_role("heading", name="Inspection programme plan").is_visible()

    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    sign_in(tab, live_server.url)
    tab.goto(live_server.url + PLAN)
    tab.get_by_role("button", name="Confirm Kent full").click()
    assert tab.get_by_text("Confirmed: the plan now keeps this assignment.").is_visible()
    tab.get_by_role("button", name="Release Kent full").click()
    assert tab.get_by_text("Released: the planner may move this activity again.").is_visible()
    context.close()
