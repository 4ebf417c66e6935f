"""A planner signs in, asks for the plan, watches the job wait (axe-checked), reads the plan
the worker stored, then confirms and releases a visit, all with JavaScript off."""

from __future__ import annotations

from typing import Any

import pytest

from areasend.areas.event_log import do_import_history
from areasend.demo.management.commands.load_demo_people import PASSWORD
from areasend.planner.models import ComputedPlan
from areasend.planner.tasks import run_plan
from tests.planner.conftest import KENT

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]
PLAN = "/planner/?start_day=3&start_month=11&start_year=2025&weeks=10"


@pytest.fixture
def kent_and_planner(settings: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    settings.AREASEND_PLANNER_SECONDS = 2.0
    do_import_history(KENT)
    call_command("load_demo_people", "--force", stdout=StringIO())


def sign_in(tab: Any, base_url: str) -> None:
    tab.goto(f"{base_url}/accounts/login/")
    tab.get_by_label("Username").fill("planner")
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Sign in").click()


def test_planner_recomputes_the_plan_and_confirms_a_visit_without_javascript(
    kent_and_planner: None,
    page: Any,
    visit: Any,
    browser: Any,
    live_server: Any,
) -> None:
    sign_in(page, page.base_url)
    shown = visit(PLAN)
    assert shown.get_by_role("heading", name="Inspection programme plan").is_visible()
    assert shown.get_by_text("No plan has been computed for these weeks yet.").is_visible()

    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    sign_in(tab, live_server.url)
    tab.goto(live_server.url + PLAN)
    tab.get_by_role("button", name="Compute the plan").click()
    assert tab.get_by_text("The plan is being computed.").is_visible()
    assert tab.get_by_text("Queued").is_visible()
    # The waiting page passes axe too.
    assert visit(PLAN).get_by_role("link", name="Refresh this page").is_visible()

    # What the worker (manage.py db_worker) runs for the queued job.
    assert run_plan(ComputedPlan.objects.get().pk) == "done"
    tab.get_by_role("link", name="Refresh this page").click()
    assert tab.get_by_text("asked for by Nadia Okafor").is_visible()
    assert tab.get_by_role("rowheader", name="Kent").is_visible()
    assert visit(PLAN).get_by_role("button", name="Recompute the plan").is_visible()

    tab.get_by_role("button", name="Confirm Kent full").click()
    assert tab.get_by_text("Confirmed: every plan computed from now on keeps").is_visible()
    tab.get_by_role("button", name="Release Kent full").click()
    assert tab.get_by_text("Released: the planner may move this activity again.").is_visible()
    context.close()
