"""Nothing untrue in public (issue 15, ADR 0029): no "Overdue" for what the record cannot hold,
late marked late, counts that agree, releases shown, and dates no more precise than the source."""

import csv
import io
import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from areasend.areas.event_log import area_status, do_import_history
from areasend.areas.models import LocalArea
from areasend.framework.evaluate import STATES, UNRECORDED_LABELS
from tests.register.test_area_detail import page_of, row_with

pytestmark = pytest.mark.django_db


def text_of(html: str) -> str:
    """The page as a reader hears it: tags dropped, spaces folded."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def timeline_of(client: Client, slug: str) -> str:
    response = client.get(reverse("register:area_timeline", args=[slug]))
    assert response.status_code == 200
    return text_of(response.content.decode())


def obligation_row(html: str, what: str) -> str:
    # The obligations table is the professionals' details element, after the history.
    return text_of(row_with(html[html.index("For professionals:") :], what))


def test_kents_wsoa_is_not_recorded_not_overdue(client: Client, demo: None) -> None:
    html = page_of(client, "kent")
    row = obligation_row(html, "Submit the written statement of action")
    assert "Not recorded" in row and "Overdue" not in row
    assert "Overdue" not in text_of(html)


def test_engagement_meetings_are_on_no_public_page_feed_calendar_or_api(
    client: Client, demo: None
) -> None:
    medway = LocalArea.objects.get(slug="medway")
    assert any(o.rule == "NF-ENG-1" for o in area_status(medway).obligations)  # staff see it
    for url in (
        reverse("register:area_detail", args=["medway"]),
        reverse("register:area_timeline", args=["medway"]),
        reverse("reminders:area", args=["medway"]),
    ):
        assert "engagement meeting" not in client.get(url).content.decode(), url
    api = client.get(f"/api/areas/{medway.gss_code}").json()
    assert api["obligations"] and "NF-ENG-1" not in {o["rule"] for o in api["obligations"]}


def test_the_api_says_not_recorded_where_the_record_cannot_hold_the_step(
    client: Client, demo: None
) -> None:
    kent = client.get("/api/areas/E10000016").json()
    (wsoa,) = [o for o in kent["obligations"] if o["rule"] == "OF-WSOA-3"]
    assert (wsoa["standing"], wsoa["overdue"]) == ("not_recorded", False)


def test_the_area_calendar_holds_only_what_the_record_can_vouch_for(
    client: Client, demo: None
) -> None:
    ics = client.get(reverse("reminders:area", args=["kent"])).content.decode()
    assert "Submit the written statement of action" not in ics
    assert "First full inspection under the 2023 framework" in ics


def test_medways_late_letter_and_dfe_review_are_marked_late_by_how_much(
    client: Client, demo: None
) -> None:
    html = page_of(client, "medway")
    letter = obligation_row(html, "Publish the full inspection&#x27;s letter or report")
    assert "29 January 2018" in letter and "8 February 2018" in letter
    assert "Late" in letter and "10 days late" in letter
    review = obligation_row(html, "DfE and NHS England progress review meeting")
    assert "19 August 2020" in review and "15 February 2021" in review
    assert "about 6 months late" in review
    on_time = obligation_row(html, "Begin the revisit inspection&#x27;s fieldwork")
    assert "Late" not in on_time


def test_medways_released_weaknesses_are_shown_released_not_red(client: Client, demo: None) -> None:
    html = page_of(client, "medway")
    ehc = row_with(html, "The quality of education, health and care plans")
    assert "Released from monitoring" in ehc and "15 February 2021" in ehc
    assert "govuk-tag--red" not in ehc
    for weakness in ("Joint strategic leadership", "A clearly communicated strategy"):
        row = row_with(html, weakness)
        assert "Released from monitoring" in row and "5 October 2021" in row
        assert "govuk-tag--red" not in row
    sufficient = row_with(html, "Co-production at all levels")
    assert "Released" not in sufficient  # it was no longer monitored


def test_rotherhams_weaknesses_are_never_judged_not_forever_awaiting(
    client: Client, demo: None
) -> None:
    html = page_of(client, "rotherham")
    assert "Not yet judged" not in html
    assert "Not judged: no revisit or monitoring inspection before the next inspection" in html
    assert "Not recorded" in obligation_row(html, "Update and publish the SEND strategic plan")


@pytest.mark.parametrize(
    ("slug", "total", "named"),
    [("kent", 9, 6), ("southend-on-sea", 4, 1)],
)
def test_every_count_of_weaknesses_agrees(
    client: Client, demo: None, national: None, slug: str, total: int, named: int
) -> None:
    html = page_of(client, slug)
    page = text_of(html)
    unworded = total - named
    assert f"{unworded} significant weaknesses (wording not recorded)" in page
    timeline = timeline_of(client, slug)
    assert f"({total} significant weaknesses, {named} named)" in timeline
    assert f"({total} significant weaknesses, {named} named)" in page  # the page's history
    assert "to address" not in timeline


def test_the_feed_counts_as_the_page_does(client: Client, national: None) -> None:
    feed = client.get(reverse("alerts:area_feed", args=["southend-on-sea"])).content.decode()
    assert "1 to address" not in feed
    assert "(4 significant weaknesses, 1 named)" in feed


def test_bcp_does_not_read_as_owing_a_wsoa_years_later(client: Client, national: None) -> None:
    bcp = LocalArea.objects.get(slug="bournemouth-christchurch-and-poole")
    status = area_status(bcp)
    assert status.state == "wsoa_due"
    assert status.state_label == UNRECORDED_LABELS["wsoa_due"][1]
    page = text_of(page_of(client, bcp.slug))
    assert STATES["wsoa_due"] not in page
    assert UNRECORDED_LABELS["wsoa_due"][1] in page


def test_nottinghamshires_plans_are_not_recorded_not_overdue(client: Client, demo: None) -> None:
    html = page_of(client, "nottinghamshire")
    for what in ("Update and publish the SEND strategic plan", "Publish the priority action plan"):
        row = obligation_row(html, what)
        assert "Not recorded" in row and "Overdue" not in row


def test_casework_is_the_record_so_what_it_lacks_is_overdue(client: Client, demo: None) -> None:
    """The same missing WSOA, through casework, is a real failure and says so."""
    history = "\n".join(
        json.dumps({"area": "E06000056", "inspection": "cb-1", "date": d, "event": e, **f})
        for d, e, f in (
            ("2019-01-21", "inspection_notified", {"kind": "full", "framework": "2016"}),
            ("2019-01-28", "fieldwork_started", {}),
            ("2019-02-01", "fieldwork_ended", {}),
            ("2019-03-29", "letter_published", {"outcome": "wsoa", "weaknesses": ["leadership"]}),
        )
    )
    do_import_history(history, source="casework:cb-1")
    area = LocalArea.objects.get(gss_code="E06000056")
    html = page_of(client, area.slug)
    row = obligation_row(html, "Submit the written statement of action")
    assert "Overdue" in row
    assert STATES["wsoa_due"] in text_of(html)


@pytest.mark.parametrize(
    ("slug", "month"),
    [("dorset-until-2019", "January 2017"), ("dorset-until-2019", "February 2019"),
     ("northamptonshire", "May 2017")],
)  # fmt: skip
def test_a_month_only_date_reads_as_the_month(
    client: Client, national: None, slug: str, month: str
) -> None:
    page = text_of(page_of(client, slug))
    assert f"Inspection dates In {month}" in page
    assert f"1 {month}" not in page
    assert "Letter published Not yet" not in page
    assert "Letter published Date not recorded" in page


def test_downloads_carry_the_date_precision(client: Client, national: None) -> None:
    body = client.get(
        reverse("register:dataset_csv", kwargs={"slug": "inspections"})
    ).content.decode()
    rows = {r["inspection"]: r for r in csv.DictReader(io.StringIO(body))}
    assert rows["northamptonshire-2017"]["date_precision"] == "month"
    assert rows["northamptonshire-2017"]["fieldwork_started"] == "2017-05-01"
    assert rows["kent-2019"]["date_precision"] == "day"
    meta = client.get(reverse("register:dataset_metadata", kwargs={"slug": "inspections"})).json()
    names = [c["name"] for c in meta["tableSchema"]["columns"]]
    assert "date_precision" in names
    data = client.get(reverse("register:dataset_json", kwargs={"slug": "inspections"})).json()
    assert "date_precision" in json.dumps(data)
    api = client.get("/api/inspections", {"area": "E10000021"}).json()["items"]
    assert {r["date_precision"] for r in api} == {"month"}


def test_an_inspection_known_only_by_its_month_still_counts_as_inspected(
    client: Client, national: None
) -> None:
    body = client.get(reverse("register:dataset_csv", kwargs={"slug": "areas"})).content.decode()
    rows = {r["area_slug"]: r for r in csv.DictReader(io.StringIO(body))}
    assert rows["northamptonshire"]["latest_outcome"] == "no_wsoa"
    assert rows["dorset-until-2019"]["latest_outcome"] == "wsoa"
    assert rows["dorset-until-2019"]["latest_revisit_result"] == "some"


def test_a_revisits_result_counts_every_weakness_it_followed_up(
    client: Client, demo: None, national: None
) -> None:
    kent = text_of(page_of(client, "kent"))
    assert "(0 sufficient, 6 not sufficient, 3 not recorded)" in kent  # of 9
    medway = text_of(page_of(client, "medway"))
    assert "(5 sufficient, 3 not sufficient)" in medway  # all 8 recorded


def test_the_outcomes_dataset_holds_month_only_inspections_with_their_precision(
    client: Client, national: None
) -> None:
    body = client.get(reverse("register:dataset_csv", kwargs={"slug": "outcomes"})).content.decode()
    rows = {r["inspection"]: r for r in csv.DictReader(io.StringIO(body))}
    northants = rows["northamptonshire-2017"]
    assert (northants["outcome"], northants["date_precision"]) == ("no_wsoa", "month")
    assert northants["published"] == ""  # the day it was published is not recorded
    assert rows["kent-2019"]["date_precision"] == "day"
