"""Southend-on-Sea's 2018 written statement of action, recorded in the browser as it
happened on the data ``load_demo`` and ``load_national`` load: the area page lists the 2018
letter beside the 2023 one, the officer records the plan and, through its task list, its
actions and submission, the planner judges it fit and the officer records its
publication. axe checks every page."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command

from tests.e2e import walk

pytestmark = pytest.mark.django_db(transaction=True)


def test_southends_2018_wsoa_recorded_and_published_as_it_happened(
    browser: Any, live_server: Any
) -> None:
    call_command("load_demo_people", "--force", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_national", stdout=io.StringIO())
    base = live_server.url
    officer = walk.sign_in(browser, base, "southend")
    walk.open_page(officer, "/improvement/areas/southend-on-sea/")
    letters = officer.inner_text("#letters")
    assert "southend-2023" in letters and "southend-2018" in letters

    # The letter of 12 December 2018 asked for the statement within 70 working days.
    walk.open_page(officer, "/improvement/areas/southend-on-sea/plans/southend-2018/wsoa/")
    required = officer.inner_text("#required")
    assert "12 December 2018" in required and "25 March 2019" in required
    wsoa = walk.start_plan(officer, "southend-on-sea", "Written statement of action",
                           "southend-2018")  # fmt: skip
    assert "NHS Southend CCG" in officer.inner_text("#partners")
    tasks = officer.inner_text("#tasks")
    for task in ("Write the plan", "Submit the plan", "fit for purpose", "Publish the plan"):
        assert task in tasks
    assert walk.add_actions(officer, "Southend-on-Sea City Council", "2019-01-14") == 1
    walk.plan_step(officer, wsoa, "submit", {"on": "2019-03-20"}, "Submit the plan")
    assert officer.locator("#task-judge a").count() == 0  # Ofsted and CQC judge it
    planner = walk.sign_in(browser, base, "planner")
    walk.plan_step(planner, wsoa, "judge", {"on": "2019-04-10", "fit": "yes",
                   "reasons": "Fit for purpose"}, "Record the judgement")  # fmt: skip
    walk.plan_step(officer, wsoa, "publish", {"on": "2019-04-24",
                   "url": "https://livewellsouthend.com/wsoa"}, "Record publication")  # fmt: skip
    assert "Published" in officer.inner_text("#plan-status")
    statuses = [officer.inner_text(f"#task-{t}-status") for t in ("action", "submit", "judge",
                                                                   "publish")]  # fmt: skip
    assert statuses == ["Completed"] * 4

    walk.open_page(officer, "/improvement/areas/southend-on-sea/")
    row = officer.locator("#letters tr", has_text="Written statement of action")
    assert "Published" in row.inner_text()
    walk.open_page(officer, "/areas/southend-on-sea/timeline/")
    timeline = officer.inner_text("#timeline")
    assert "Written statement of action published" in timeline and "24 April 2019" in timeline
