"""The notice week on the area page: the on-site dates, the webinar, the surveys and the
Local Offer, from notification; never a planned inspection, never anything under embargo."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from areasend.accounts.models import Person
from areasend.areas.local_offer import do_set_local_offer_url
from areasend.areas.models import LocalArea
from areasend.casework import clock
from areasend.framework.events import Framework, InspectionKind, Outcome
from areasend.inspections.models import Inspection
from areasend.inspections.services import (
    do_add_finding,
    do_create_inspection,
    do_decide_outcome,
    do_end_fieldwork,
    do_plan_inspection,
    do_set_notice_links,
    do_start_fieldwork,
)
from areasend.register.notice_week import describe, notice_week, time_of_day

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")
CANARY = "CANARY-7731 draft finding under embargo"
WEBINAR = "https://events.example.org/sheffield-send-webinar"
SURVEY = "https://surveys.example.org/sheffield-send"
SURVEY_PAGE = "/inspections/sheffield-2026/surveys/"


@pytest.fixture
def people() -> dict[str, Person]:
    call_command("load_demo_people", "--force", stdout=io.StringIO())
    return {p.user.username: p for p in Person.objects.select_related("user")}


@pytest.fixture
def sheffield_2026(people: dict[str, Person]) -> Inspection:
    """Sheffield, 2023 framework, notified Monday 30 November 2026 with a webinar and survey."""
    lead = people["lead"].user
    inspection = do_create_inspection(
        lead,
        area=LocalArea.objects.get(slug="sheffield"),
        kind=InspectionKind.FULL,
        framework=Framework.F2023,
        notified_on=dt.date(2026, 11, 30),
    )
    do_set_notice_links(
        lead,
        inspection,
        webinar_join_url=WEBINAR,
        survey_url=SURVEY,
        webinar_starts=dt.datetime(2026, 12, 2, 17, 0, tzinfo=LONDON),
        webinar_ends=dt.datetime(2026, 12, 2, 18, 30, tzinfo=LONDON),
    )
    do_set_local_offer_url(
        people["sheffield"].user,
        inspection.area,
        "https://www.sheffielddirectory.org.uk/localoffer",
    )
    return inspection


def _at(day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, tzinfo=LONDON)


def test_the_notice_says_the_engine_dates_the_webinar_the_survey_and_the_local_offer(
    sheffield_2026: Inspection,
) -> None:
    notice = notice_week(sheffield_2026.area, now=_at(1))
    assert notice is not None
    # The engine's dates for a 2023 full inspection notified Monday 30 November 2026.
    assert (notice.survey_opens, notice.survey_closes) == (
        sheffield_2026.survey_opens,
        sheffield_2026.survey_closes,
    )
    assert notice.survey_opens == dt.date(2026, 12, 1)
    assert notice.survey_closes == dt.date(2026, 12, 4)
    assert notice.onsite_start == sheffield_2026.proposed_onsite_start
    assert notice.webinar == "Wednesday 2 December 2026, 5pm to 6:30pm"
    assert notice.local_offer_site == "sheffielddirectory.org.uk"
    text = " ".join(notice.lines())
    assert "announced an inspection of Sheffield's SEND services on 30 November 2026" in text
    assert "Surveys open 1 December to 4 December 2026" in text
    # The 2023 surveys run in the service: its page, not the link recorded, is given.
    assert WEBINAR in text and f"{settings.AREASEND_SITE_URL}{SURVEY_PAGE}" in text
    assert SURVEY not in text
    assert "https://www.sheffielddirectory.org.uk/localoffer" in text


def test_the_survey_and_webinar_read_as_the_week_goes_on(sheffield_2026: Inspection) -> None:
    def at(moment: dt.datetime) -> tuple[str, bool]:
        notice = describe(sheffield_2026, sheffield_2026.area, moment)
        return notice.survey_state, notice.webinar_over

    assert at(_at(1)) == ("open", False)  # Tuesday 1 December
    assert at(_at(2, 19)) == ("open", True)  # after the webinar
    assert at(_at(5)) == ("closed", True)
    assert describe(sheffield_2026, sheffield_2026.area, dt.datetime(2026, 11, 30, 12, tzinfo=LONDON)).survey_state == "not yet open"  # fmt: skip


def test_times_read_as_gov_uk_writes_them() -> None:
    assert [time_of_day(dt.datetime(2026, 12, 1, h, m, tzinfo=dt.UTC)) for h, m in ((12, 0), (17, 0), (9, 30), (0, 0))] == [
        "midday", "5pm", "9:30am", "midnight",
    ]  # fmt: skip


def test_the_area_page_shows_the_notice_week_block(
    client: Client, sheffield_2026: Inspection
) -> None:
    notice = notice_week(sheffield_2026.area)
    assert notice is not None
    page = client.get("/areas/sheffield/").content.decode()
    assert 'id="notice-week"' in page
    assert "Inspection announced" in page
    assert f"{sheffield_2026.proposed_onsite_end:%A %-d %B %Y}" in page
    assert 'href="https://www.sheffielddirectory.org.uk/localoffer"' in page
    assert "Sheffield's Local Offer (sheffielddirectory.org.uk)" in page
    assert "Sheffield was told of an inspection on Monday 30 November 2026" in page
    # What the links are depends on the day the test runs: each state is shown as it reads.
    assert (f'href="{WEBINAR}"' in page) is not notice.webinar_over
    assert (f'href="{SURVEY_PAGE}"' in page) is (notice.survey_state != "closed")


@pytest.mark.parametrize(
    ("end", "days", "state"),
    [("opens", -1, "not yet open"), ("opens", 0, "open"), ("closes", 0, "open"),
     ("closes", 1, "closed")],
)  # fmt: skip
def test_the_area_page_says_the_surveys_are_open_on_the_days_the_survey_takes_answers(
    client: Client, sheffield_2026: Inspection, monkeypatch: pytest.MonkeyPatch,
    end: str, days: int, state: str,
) -> None:  # fmt: skip
    # Days at each end of the window, by the service's one clock (not the server's).
    edge = getattr(sheffield_2026, f"survey_{end}")
    assert isinstance(edge, dt.date)
    day = edge + dt.timedelta(days=days)
    monkeypatch.setattr(clock, "today", lambda: day)
    notice = notice_week(sheffield_2026.area)
    assert notice is not None and notice.survey_state == state
    page = client.get("/areas/sheffield/").content.decode()
    assert ("Fill in the survey" in page) is (state == "open")
    assert ("The surveys closed on" in page) is (state == "closed")


def test_a_planned_inspection_is_never_shown(client: Client, people: dict[str, Person]) -> None:
    area = LocalArea.objects.get(slug="sheffield")
    do_plan_inspection(
        people["lead"].user,
        area=area,
        kind=InspectionKind.FULL,
        framework=Framework.F2023,
        planned_week=dt.date(2027, 1, 11),
    )
    assert notice_week(area) is None
    page = client.get("/areas/sheffield/").content.decode()
    assert "notice-week" not in page and "Inspection announced" not in page
    for feed in ("/feed.atom", "/areas/sheffield/feed.atom"):
        assert "inspection announced" not in client.get(feed).content.decode()


def test_nothing_under_embargo_appears_and_the_block_goes_when_fieldwork_ends(
    client: Client, people: dict[str, Person]
) -> None:
    lead = people["lead"].user
    rotherham = LocalArea.objects.get(slug="rotherham")
    inspection = do_create_inspection(
        lead, area=rotherham, kind=InspectionKind.FULL, framework=Framework.F2016,
        notified_on=dt.date(2021, 6, 28),
    )  # fmt: skip
    do_start_fieldwork(lead, inspection, on=dt.date(2021, 7, 5))
    do_add_finding(lead, inspection, question="outcomes", kind="significant", text=CANARY)
    page = client.get("/areas/rotherham/").content.decode()
    assert "Inspectors are in the area now" in page
    assert CANARY not in page
    do_end_fieldwork(lead, inspection, on=dt.date(2021, 7, 9))
    do_decide_outcome(lead, inspection, outcome=Outcome.WSOA, decided_on=dt.date(2021, 7, 20))
    page = client.get("/areas/rotherham/").content.decode()
    assert "notice-week" not in page
    assert CANARY not in page
    for feed in ("/feed.atom", "/areas/rotherham/feed.atom"):
        body = client.get(feed).content.decode()
        assert "Rotherham: inspection announced" in body  # the announcement stays in the feed
        assert CANARY not in body and "written statement" not in body


def test_a_join_link_without_a_recorded_time_is_still_shown(people: dict[str, Person]) -> None:
    lead = people["lead"].user
    inspection = do_create_inspection(
        lead, area=LocalArea.objects.get(slug="sheffield"), kind=InspectionKind.FULL,
        framework=Framework.F2023, notified_on=dt.date(2026, 11, 30),
    )  # fmt: skip
    assert inspection.webinar_opens is None  # the 2023 framework proposes no webinar time
    do_set_notice_links(lead, inspection, webinar_join_url=WEBINAR, survey_url="")
    notice = notice_week(inspection.area, now=_at(1))
    assert notice is not None and not notice.webinar_over
    assert f"Webinar for parents and carers: time to follow. Join: {WEBINAR}" in notice.lines()
