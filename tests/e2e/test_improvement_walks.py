"""After the letter, walked in the browser, each role doing its own part: Medway and
Southend (2016 framework: WSOA, revisit, what follows) and Nottinghamshire (2023: areas
for priority action, priority action plan, monitoring inspection). Each area's public
timeline then shows every step in order. axe-core checks every page reached."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command

from tests.e2e import walk
from tests.inspections.follow_ups import MEDWAY_INSUFFICIENT, MEDWAY_WEAKNESSES, NOTTS_PRIORITIES

pytestmark = pytest.mark.django_db(transaction=True)
WEAKNESS = "area of significant weakness"


def _in_order(text: str, steps: list[str]) -> None:
    positions = [text.find(step) for step in steps]
    missing = [s for s, p in zip(steps, positions, strict=True) if p < 0]
    assert not missing, f"not on the timeline: {missing}"
    assert positions == sorted(positions), list(zip(steps, positions, strict=True))


def _timeline(browser: Any, base: str, slug: str, javascript: bool = True) -> tuple[str, str]:
    """The public timeline page's whole text, and its list of events alone."""
    context = browser.new_context(bypass_csp=True, java_script_enabled=javascript)
    page = context.new_page()
    page.base_url = base
    if javascript:
        walk.open_page(page, f"/areas/{slug}/timeline/")
    else:
        response = page.goto(f"{base}/areas/{slug}/timeline/")
        assert response is not None and response.ok
    texts = str(page.inner_text("main")), str(page.inner_text("#timeline"))
    context.close()
    return texts


def test_medway_wsoa_revisit_accelerated_plan_and_releases(browser: Any, live_server: Any) -> None:
    call_command("load_demo_people", "--force", stdout=io.StringIO())
    base = live_server.url
    lead = walk.sign_in(browser, base, "lead")

    # The inspection: on site 4 to 8 December 2017, eight significant weaknesses, WSOA.
    full = walk.notify(lead, "Medway", "full", "2016", "2017-11-27")
    walk.fieldwork(lead, "2017-12-04", "2017-12-08")
    walk.findings(lead, full, "assess_meet", list(MEDWAY_WEAKNESSES))
    walk.outcome(lead, "wsoa", "2018-01-31")
    walk.publish_letter(lead, full, "Draft from the findings", "2018-01-31", "2018-02-08")

    # Medway's nominated officer writes the WSOA; Ofsted's planner judges it fit.
    officer = walk.sign_in(browser, base, "medway")
    assert "written statement of action" in officer.inner_text("main").lower()
    wsoa = walk.start_plan(officer, "medway", "Written statement of action")
    assert walk.add_actions(officer, "Medway Council", "2018-03-01") == 8
    walk.plan_step(officer, wsoa, "submit", {"on": "2018-05-01"}, "Submit the plan")
    planner = walk.sign_in(browser, base, "planner")
    walk.plan_step(planner, wsoa, "judge", {"on": "2018-05-22", "fit": "yes",
                   "reasons": "Clear actions and measures"}, "Record the judgement")  # fmt: skip
    walk.plan_step(officer, wsoa, "publish", {"on": "2018-06-01",
                   "url": "https://www.medway.gov.uk/wsoa"}, "Record publication")  # fmt: skip
    assert "Published" in officer.inner_text("#plan-status")

    # DfE and NHS England support and challenge.
    dfe = walk.sign_in(browser, base, "dfe")
    walk.area_step(dfe, "medway", "visit", {"on": "2018-09-12", "kind": "visit",
                   "notes": "Co-production plans agreed"}, "Record the visit")  # fmt: skip

    # The revisit: told Monday 25 November 2019, on site 9 to 11 December; 5 of 8 sufficient.
    revisit = walk.notify(lead, "Medway", "revisit", "2016", "2019-11-25")
    walk.fieldwork(lead, "2019-12-09", "2019-12-11")
    walk.judge_progress(
        lead, revisit, [w not in MEDWAY_INSUFFICIENT for w in MEDWAY_WEAKNESSES], WEAKNESS
    )
    walk.publish_letter(lead, revisit, "Draft from the progress", "2020-02-12", "2020-02-19")

    # What follows: an accelerated progress plan and a review, shown to the area.
    walk.open_page(officer, "/improvement/areas/medway/")
    due = officer.inner_text("#due")
    assert "Publish an accelerated progress plan" in due
    assert "progress review meeting" in due
    app = walk.start_plan(officer, "medway", "Accelerated progress plan")
    assert walk.add_actions(officer, "NHS Kent and Medway CCG", "2020-03-02") == 3
    walk.plan_step(officer, app, "publish", {"on": "2020-04-20",
                   "url": "https://www.medway.gov.uk/app"}, "Record publication")  # fmt: skip

    # DfE releases the EHC plan weakness in February 2021 and the last two on 5 October.
    ehcp = "the quality of education, health and care plans"
    walk.area_step(dfe, "medway", "release", {"on": "2021-02-15", "weakness": ehcp},
                   "Record the release")  # fmt: skip
    assert "Released" in dfe.inner_text("#weaknesses")
    walk.area_step(dfe, "medway", "release", {"on": "2021-10-05", "weakness": ""},
                   "Record the release")  # fmt: skip
    assert "Released from formal government monitoring" in dfe.inner_text("#area-state")

    # Without JavaScript the steps still work: an action updated from the plan's task list.
    plain = walk.sign_in(browser, base, "medway", javascript=False)
    plain.goto(f"{base}/improvement/plans/{app}/")
    with plain.expect_navigation():
        plain.locator("#task-action a").click()
    with plain.expect_navigation():
        plain.locator("a[href$='/update/']").first.click()
    walk.fill_date(plain, "on", "2021-03-01")
    plain.locator("select[name='rag']").select_option("green")
    plain.locator("textarea[name='note']").fill("Joint commissioning board meets monthly")
    with plain.expect_navigation():
        plain.locator("button:has-text('Save the update')").click()
    assert "Update saved." in plain.inner_text(".govuk-notification-banner")
    assert "Joint commissioning board meets monthly" in plain.inner_text("main")

    page, text = _timeline(browser, base, "medway")
    _in_order(text, [
        "27 November 2017", "4 December 2017", "8 December 2017", "8 February 2018",
        "Written statement of action submitted", "judged fit for purpose", "1 June 2018",
        "12 September 2018", "25 November 2019", "9 December 2019", "19 February 2020",
        "Progress sufficient: providers taking suitable responsibility",
        "Progress not sufficient: the quality of education", "Inspections paused nationally",
        "Accelerated progress plan published", f"released one weakness from monitoring: {ehcp}",
        "5 October 2021",
    ])  # fmt: skip
    assert "Read the plan" in text and "Read the letter" in text
    assert "Released from formal government monitoring" in page
    assert text in _timeline(browser, base, "medway", javascript=False)[1]


SOUTHEND_WEAKNESSES = [
    "joint commissioning and strategic leadership",
    "the timeliness of education, health and care needs assessments",
    "the quality of education, health and care plans",
    "the local offer and information for families",
]


def test_southend_wsoa_fit_then_revisit_three_of_four(browser: Any, live_server: Any) -> None:
    call_command("load_demo_people", "--force", stdout=io.StringIO())
    base = live_server.url
    lead = walk.sign_in(browser, base, "lead")
    full = walk.notify(lead, "Southend-on-Sea", "full", "2016", "2018-09-24")
    walk.fieldwork(lead, "2018-10-01", "2018-10-05")
    walk.findings(lead, full, "assess_meet", SOUTHEND_WEAKNESSES)
    walk.outcome(lead, "wsoa", "2018-11-30")
    walk.publish_letter(lead, full, "Draft from the findings", "2018-11-30", "2018-12-12")

    officer = walk.sign_in(browser, base, "southend")
    wsoa = walk.start_plan(officer, "southend-on-sea", "Written statement of action")
    assert walk.add_actions(officer, "Southend-on-Sea City Council", "2019-01-14") == 4
    walk.plan_step(officer, wsoa, "submit", {"on": "2019-03-20"}, "Submit the plan")
    planner = walk.sign_in(browser, base, "planner")
    walk.plan_step(planner, wsoa, "judge", {"on": "2019-04-10", "fit": "yes",
                   "reasons": "Fit for purpose"}, "Record the judgement")  # fmt: skip
    walk.plan_step(officer, wsoa, "publish", {"on": "2019-04-24",
                   "url": "https://livewellsouthend.com/wsoa"}, "Record publication")  # fmt: skip

    revisit = walk.notify(lead, "Southend-on-Sea", "revisit", "2016", "2021-04-20")
    walk.fieldwork(lead, "2021-05-05", "2021-05-07")
    walk.judge_progress(lead, revisit, [False, True, True, True], WEAKNESS)
    walk.publish_letter(lead, revisit, "Draft from the progress", "2021-06-15", "2021-06-22")

    walk.open_page(officer, "/improvement/areas/southend-on-sea/")
    assert "Publish an accelerated progress plan" in officer.inner_text("#due")
    _, text = _timeline(browser, base, "southend-on-sea")
    _in_order(text, [
        "1 October 2018", "5 October 2018", "12 December 2018", "judged fit for purpose",
        "Written statement of action published", "20 April 2021", "5 May 2021", "22 June 2021",
        "Progress not sufficient: joint commissioning and strategic leadership",
        "Progress sufficient: the local offer",
    ])  # fmt: skip


def test_nottinghamshire_priority_action_plan_to_monitoring(browser: Any, live_server: Any) -> None:
    call_command("load_demo_people", "--force", stdout=io.StringIO())
    base = live_server.url
    lead = walk.sign_in(browser, base, "lead")
    full = walk.notify(lead, "Nottinghamshire", "full", "2023", "2023-01-16")
    walk.fieldwork(lead, "2023-01-30", "2023-02-03")
    walk.findings(lead, full, "better", list(NOTTS_PRIORITIES))
    walk.outcome(lead, "systemic_failings", "2023-05-09")
    walk.publish_letter(lead, full, "Draft from the findings", "2023-05-09", "2023-05-16")

    # The officer writes the priority action plan and submits it through its task list.
    officer = walk.sign_in(browser, base, "nottinghamshire")
    pap = walk.start_plan(officer, "nottinghamshire", "Priority action plan")
    assert "Not started" in officer.inner_text("#task-action-status")
    assert "Cannot start yet" in officer.inner_text("#task-submit-status")
    assert "Every weakness needs at least one action" in officer.inner_text("#task-submit")
    assert officer.locator("#task-submit a").count() == 0
    assert walk.add_actions(officer, "Nottinghamshire County Council", "2023-05-22") == 2
    assert "Completed" in officer.inner_text("#task-action-status")
    assert "Not started" in officer.inner_text("#task-submit-status")
    walk.plan_step(officer, pap, "submit", {"on": "2023-07-05"}, "Submit the plan")
    assert officer.locator("#task-action a").count() == 0  # closed while it is judged
    walk.plan_step(lead, pap, "judge", {"on": "2023-07-19", "fit": "yes",
                   "reasons": "Approved"}, "Record the judgement")  # fmt: skip
    walk.plan_step(officer, pap, "publish", {"on": "2023-08-23",
                   "url": "https://www.nottinghamshire.gov.uk/pap"}, "Record publication")  # fmt: skip
    walk.open_page(officer, "/improvement/areas/nottinghamshire/")
    assert "Carry out the monitoring inspection" in officer.inner_text("#due")

    monitoring = walk.notify(lead, "Nottinghamshire", "monitoring", "2023", "2025-06-30")
    walk.fieldwork(lead, "2025-07-14", "2025-07-16")
    walk.judge_progress(lead, monitoring, [True, True], "area for priority action")
    walk.publish_letter(lead, monitoring, "Draft from the progress", "2025-09-09", "2025-09-16")

    page, text = _timeline(browser, base, "nottinghamshire")
    _in_order(text, [
        "16 January 2023", "30 January 2023", "16 May 2023", "5 July 2023",
        "Priority action plan submitted", "Priority action plan judged fit for purpose",
        "23 August 2023",
        "30 June 2025", "14 July 2025", "16 September 2025",
    ])  # fmt: skip
    assert "Next full inspection" in page  # the next full inspection window
