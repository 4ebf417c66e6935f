"""A parent reads the Sheffield demo inspection's notice week on its public area page, with
and without JavaScript; axe-core checks the page; nothing under embargo shows."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.core.management import call_command

from areasend.accounts.models import Person
from areasend.inspections.models import Inspection
from areasend.inspections.services import do_add_finding, do_set_notice_links
from areasend.register.notice_week import notice_week

pytestmark = pytest.mark.django_db(transaction=True)
CANARY = "CANARY-9052 draft finding under embargo"
WEBINAR = "https://events.example.org/sheffield-send-webinar"


@pytest.fixture
def sheffield() -> Inspection:
    """The demo inspection (`make run` loads it), with a join link and a draft finding."""
    call_command("load_demo_casework", "--force", stdout=io.StringIO())
    inspection = Inspection.objects.get(area__slug="sheffield")
    lead = Person.objects.get(user__username="lead").user
    do_set_notice_links(lead, inspection, webinar_join_url=WEBINAR, survey_url="")
    do_add_finding(lead, inspection, question="better", kind="significant", text=CANARY)
    inspection.refresh_from_db()
    return inspection


def _reads_the_notice(page: object, inspection: Inspection) -> None:
    banner = page.get_by_role("region", name="Inspection announced")  # type: ignore[attr-defined]
    assert banner.is_visible()
    text = banner.inner_text()
    assert "Ofsted and CQC are inspecting Sheffield" in text
    assert f"{inspection.proposed_onsite_end:%A %-d %B %Y}" in text
    assert f"{inspection.survey_closes:%-d %B %Y}" in text
    link = banner.get_by_role("link", name="Sheffield's Local Offer (sheffielddirectory.org.uk)")
    assert link.get_attribute("href") == "https://www.sheffielddirectory.org.uk/localoffer"
    assert CANARY not in page.content()  # type: ignore[attr-defined]


def test_a_parent_reads_the_notice_week_of_the_demo_inspection(
    visit: Callable[[str], object], sheffield: Inspection
) -> None:
    page = visit("/areas/sheffield/")
    _reads_the_notice(page, sheffield)
    page.set_viewport_size({"width": 320, "height": 800})  # type: ignore[attr-defined]
    banner = page.locator("#notice-week")  # type: ignore[attr-defined]
    assert banner.evaluate("e => e.scrollWidth <= e.clientWidth"), "the block scrolls sideways"
    feed = page.goto(page.base_url + "/areas/sheffield/feed.atom")  # type: ignore[attr-defined]
    body = feed.text()
    assert "Sheffield: inspection announced" in body and CANARY not in body


def test_the_notice_week_reads_the_same_without_javascript(
    browser: object, live_server: object, sheffield: Inspection
) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{live_server.url}/areas/sheffield/")  # type: ignore[attr-defined]
    _reads_the_notice(page, sheffield)
    notice = notice_week(sheffield.area)
    assert notice is not None
    join = page.get_by_role("link", name="Join the webinar for parents and carers in Sheffield")
    # The 2023 framework proposes no webinar time: the link shows until a recorded time passes.
    assert join.count() == (0 if notice.webinar_over else 1)
    assert join.count() == 0 or join.get_attribute("href") == WEBINAR
    context.close()
