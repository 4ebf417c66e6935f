"""A planner reads the watcher's runs (axe-checked) and queues a run with JavaScript off."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from areasend.watcher.models import WatchRun

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a long enough password"


def test_the_watcher_page_is_accessible_and_queues_a_run_without_javascript(
    page: Any, visit: Any, browser: Any, live_server: Any, settings: Any
) -> None:
    settings.AREASEND_OFSTED_WATCHER = True
    call_command("load_demo_people", "--force", stdout=io.StringIO())
    planner = User.objects.get(username="planner")
    planner.set_password(PASSWORD)
    planner.save()
    WatchRun.objects.create(
        trigger="task", status="failed", failed=1, message="listing page x: no provider links",
        log=[{"what": "listing page", "url": "x", "result": "failed", "reason": "no provider links"}],
    )  # fmt: skip
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    for each in (page, tab):
        each.goto(f"{live_server.url}/accounts/login/")
        each.get_by_label("Username").fill("planner")
        each.get_by_label("Password").fill(PASSWORD)
        each.get_by_role("button", name="Sign in").click()
    shown = visit("/watcher/")
    assert shown.get_by_role("heading", name="Ofsted watcher").is_visible()
    tab.goto(live_server.url + "/watcher/")
    tab.get_by_role("button", name="Start a run now").click()
    assert tab.get_by_text("A watcher run is queued").is_visible()
    assert DBTaskResult.objects.count() == 1
    context.close()
