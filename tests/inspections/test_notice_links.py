"""Recording how families take part in the notice week: the webinar's time and link and the
survey link (casework), and the area's Local Offer page (the area's officer)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from areasend.accounts.models import AuditEntry, Person
from areasend.areas.local_offer import LinkError, do_set_local_offer_url
from areasend.areas.models import LocalArea
from areasend.casework.errors import CaseworkError
from areasend.framework.events import Framework, InspectionKind
from areasend.inspections.models import Inspection
from areasend.inspections.services import (
    do_end_fieldwork,
    do_plan_inspection,
    do_set_notice_links,
    do_start_fieldwork,
)
from tests.dates import typed
from tests.dumps import database_dump
from tests.inspections.tasks import task_list

LONDON = zoneinfo.ZoneInfo("Europe/London")
LINK = "https://events.example.org/webinar"


def _on(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=LONDON)


def test_the_lead_records_the_webinar_and_survey_with_an_audit_entry(
    notified: Inspection, people: dict[str, Person]
) -> None:
    assert notified.notified_on is not None
    starts, ends = _on(notified.notified_on, 17), _on(notified.notified_on, 18)
    do_set_notice_links(
        people["lead"].user, notified, webinar_join_url=f"  {LINK} ",
        survey_url="https://surveys.example.org/r", webinar_starts=starts, webinar_ends=ends,
    )  # fmt: skip
    notified.refresh_from_db()
    assert (notified.webinar_join_url, notified.survey_url) == (
        LINK,
        "https://surveys.example.org/r",
    )
    assert (notified.webinar_opens, notified.webinar_closes) == (starts, ends)
    entry = AuditEntry.objects.filter(action="set_notice_links").get()
    assert entry.after is not None and entry.after["webinar_join_url"] == LINK


def test_without_a_time_the_proposed_webinar_window_stays(
    notified: Inspection, people: dict[str, Person]
) -> None:
    proposed = (notified.webinar_opens, notified.webinar_closes)
    assert proposed[0] is not None  # a 2016 full inspection: the engine proposes a window
    do_set_notice_links(people["lead"].user, notified, webinar_join_url=LINK, survey_url="")
    notified.refresh_from_db()
    assert (notified.webinar_opens, notified.webinar_closes) == proposed


@pytest.mark.parametrize(
    ("links", "field", "message"),
    [
        ({"webinar_join_url": "http://events.example.org/w"}, "webinar_join_url", "https://"),
        ({"survey_url": "javascript:alert(1)"}, "survey_url", "https://"),
        ({"survey_url": "https://example.org/" + "a" * 500}, "survey_url", "500 characters"),
        ({"webinar_starts": _on(dt.date(2021, 6, 28), 17)}, "webinar_ends", "both"),
        (
            {"webinar_starts": _on(dt.date(2021, 6, 28), 18), "webinar_ends": _on(dt.date(2021, 6, 28), 17)},
            "webinar_ends", "end after it starts",
        ),
        (
            {"webinar_starts": _on(dt.date(2021, 6, 25), 17), "webinar_ends": _on(dt.date(2021, 6, 25), 18)},
            "webinar_starts", "before the area was told",
        ),
        (
            {"webinar_starts": _on(dt.date(2021, 8, 2), 17), "webinar_ends": _on(dt.date(2021, 8, 2), 18)},
            "webinar_ends", "before inspectors leave",
        ),
    ],
)  # fmt: skip
def test_a_bad_link_or_time_is_refused_and_changes_nothing(
    notified: Inspection,
    people: dict[str, Person],
    links: dict[str, object],
    field: str,
    message: str,
) -> None:
    before = database_dump()
    arguments: dict[str, object] = {"webinar_join_url": "", "survey_url": "", **links}
    with pytest.raises(CaseworkError, match=message) as refused:
        do_set_notice_links(people["lead"].user, notified, **arguments)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert database_dump() == before


def test_only_those_who_manage_the_inspection_record_its_links(
    notified: Inspection, people: dict[str, Person]
) -> None:
    before = database_dump()
    for username in ("rotherham", "cqc", "dfe", "admin"):
        with pytest.raises(PermissionDenied):
            do_set_notice_links(
                people[username].user, notified, webinar_join_url=LINK, survey_url=""
            )
    assert database_dump() == before


def test_links_are_for_the_notice_week_and_fieldwork_only(
    notified: Inspection, people: dict[str, Person], rotherham: LocalArea
) -> None:
    lead = people["lead"].user
    planner = people["planner"].user
    planned = do_plan_inspection(
        planner, area=rotherham, kind=InspectionKind.FULL, framework=Framework.F2023
    )
    with pytest.raises(CaseworkError, match="planned"):
        do_set_notice_links(planner, planned, webinar_join_url=LINK, survey_url="")
    do_start_fieldwork(lead, notified, on=dt.date(2021, 7, 5))
    do_set_notice_links(lead, notified, webinar_join_url=LINK, survey_url="")  # still allowed
    do_end_fieldwork(lead, notified, on=dt.date(2021, 7, 9))
    with pytest.raises(CaseworkError, match="fieldwork ended"):
        do_set_notice_links(lead, notified, webinar_join_url="", survey_url="")


def test_the_area_officer_records_the_local_offer_page_of_their_own_area_only(
    people: dict[str, Person], rotherham: LocalArea
) -> None:
    url = "https://www.rotherhamsendlocaloffer.example/"
    do_set_local_offer_url(people["rotherham"].user, rotherham, url)
    rotherham.refresh_from_db()
    assert rotherham.local_offer_url == url
    entry = AuditEntry.objects.filter(action="set_local_offer_url").get()
    assert (entry.before, entry.after) == ({"local_offer_url": ""}, {"local_offer_url": url})
    before = database_dump()
    sheffield = LocalArea.objects.get(slug="sheffield")
    for username, area in (("sheffield", rotherham), ("rotherham", sheffield), ("lead", rotherham)):
        with pytest.raises(PermissionDenied):
            do_set_local_offer_url(people[username].user, area, "https://example.org/")
    with pytest.raises(LinkError, match="https://") as refused:
        do_set_local_offer_url(people["rotherham"].user, rotherham, "www.rotherham.gov.uk")
    assert refused.value.field == "url"
    assert database_dump() == before


def _client(person: Person) -> Client:
    client = Client()
    client.force_login(person.user)
    return client


def test_the_casework_page_records_the_webinar_and_the_public_page_shows_it(
    notified: Inspection, people: dict[str, Person]
) -> None:
    url = f"/inspections/{notified.reference}/notice/"
    response = _client(people["lead"]).post(
        url,
        {
            **typed({"notice-webinar_on": "2021-06-30"}),
            "notice-webinar_starts": "17:30",
            "notice-webinar_ends": "18:30",
            "notice-webinar_join_url": LINK,
            "notice-survey_url": "",
        },
    )
    assert response.status_code == 302
    notified.refresh_from_db()
    assert notified.webinar_opens == _on(dt.date(2021, 6, 30), 17) + dt.timedelta(minutes=30)
    page = Client().get("/areas/rotherham/").content.decode()
    assert "Wednesday 30 June 2021, 5:30pm to 6:30pm" in page


def test_a_bad_form_shows_its_error_and_changes_nothing(
    notified: Inspection, people: dict[str, Person]
) -> None:
    lead, officer = _client(people["lead"]), _client(people["rotherham"])
    before = database_dump()  # after signing in, which records the time
    response = lead.post(
        f"/inspections/{notified.reference}/notice/",
        {
            "notice-webinar_join_url": "http://insecure.example.org/",
            "notice-webinar_starts": "17:00",
        },
    )
    assert response.status_code == 400
    assert "Enter the day of the webinar" in response.content.decode()
    response = lead.post(
        f"/inspections/{notified.reference}/notice/",
        {"notice-webinar_join_url": "http://insecure.example.org/"},
    )
    assert response.status_code == 400
    assert "must be a full web address starting https://" in response.content.decode()
    response = officer.post(
        f"/inspections/{notified.reference}/local-offer/", {"local_offer-url": "ftp://x.example"}
    )
    assert response.status_code == 400
    assert "must be a full web address starting https://" in response.content.decode()
    assert officer.post(f"/inspections/{notified.reference}/notice/", {}).status_code == 403
    assert lead.post(f"/inspections/{notified.reference}/local-offer/", {}).status_code == 403
    assert database_dump() == before


def test_the_area_officer_records_the_local_offer_from_the_casework_page(
    notified: Inspection, people: dict[str, Person]
) -> None:
    officer = _client(people["rotherham"])
    task = task_list(officer, notified.reference)["The area's Local Offer page"]
    assert (task.status, task.href) == (
        "Not started",
        f"/inspections/{notified.reference}/local-offer/",
    )
    assert "Record the Local Offer page" in officer.get(str(task.href)).content.decode()
    response = officer.post(
        f"/inspections/{notified.reference}/local-offer/",
        {"local_offer-url": "https://www.rotherhamsendlocaloffer.example/inspection"},
    )
    assert response.status_code == 302
    page = Client().get("/areas/rotherham/").content.decode()
    assert 'href="https://www.rotherhamsendlocaloffer.example/inspection"' in page
