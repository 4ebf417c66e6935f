"""Casework pages: a forbidden step shows a clear error and leaves the database as it was."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from areasend.accounts.models import Person
from areasend.areas.models import LocalArea
from areasend.framework.events import Framework, InspectionKind, Outcome
from areasend.inspections import services as s
from areasend.inspections.models import Inspection
from tests.dates import typed
from tests.dumps import database_dump
from tests.queries import queries_for

D = dt.date


def _dump() -> str:
    return database_dump("areas", "accounts", "inspections", "letters")


@pytest.fixture
def lead_client(people: dict[str, Person]) -> Client:
    client = Client()
    client.force_login(people["lead"].user)
    return client


def test_publishing_before_fieldwork_ends_shows_the_rule_and_changes_nothing(
    notified: Inspection, people: dict[str, Person], lead_client: Client
) -> None:
    s.do_start_fieldwork(people["lead"].user, notified, on=D(2021, 7, 5))
    before = _dump()
    response = lead_client.post(
        f"/inspections/{notified.reference}/letter/edit/",
        {
            "action": "publish",
            **typed({"publish-dated": "2021-07-07", "publish-published_on": "2021-07-07"}),
        },
    )
    assert response.status_code == 400
    assert "The framework refuses this step" in response.content.decode()
    assert _dump() == before


def test_a_second_outcome_shows_an_error_and_changes_nothing(
    notified: Inspection, people: dict[str, Person], lead_client: Client
) -> None:
    lead = people["lead"].user
    s.do_start_fieldwork(lead, notified, on=D(2021, 7, 5))
    s.do_end_fieldwork(lead, notified, on=D(2021, 7, 9))
    s.do_add_finding(lead, notified, question="outcomes", kind="strength", text="Good")
    s.do_decide_outcome(lead, notified, outcome=Outcome.NO_WSOA, decided_on=D(2021, 7, 12))
    before = _dump()
    response = lead_client.post(
        f"/inspections/{notified.reference}/outcome/",
        {"outcome-outcome": "no_wsoa", **typed({"outcome-decided_on": "2021-07-13"})},
    )
    assert response.status_code == 400
    assert "an inspection has one outcome" in response.content.decode()
    assert _dump() == before


def test_a_typed_case_reference_is_ignored_and_the_service_gives_a_pseudonym(
    notified: Inspection, lead_client: Client
) -> None:
    response = lead_client.post(
        f"/inspections/{notified.reference}/evidence/",
        {
            "form": "case",
            "case-reference": "Jane Smith",
            "case-age_band": "5-10",
            "case-support": "ehc_plan",
            "case-setting_type": "mainstream_school",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert [c.reference for c in notified.cases.all()] == ["CS-001"]
    page = response.content.decode()
    assert "Case CS-001 added" in page
    assert "Jane Smith" not in page and "Jane Smith" not in _dump()


def test_the_inspection_page_reads_in_bounded_queries(
    notified: Inspection, lead_client: Client, django_assert_max_num_queries: object
) -> None:
    with django_assert_max_num_queries(25):  # type: ignore[operator]
        response = lead_client.get(f"/inspections/{notified.reference}/")
    assert response.status_code == 200
    assert "Monday 5 July 2021" in response.content.decode()


def test_the_letter_renders_as_a_pdf(
    notified: Inspection, people: dict[str, Person], lead_client: Client
) -> None:
    lead = people["lead"].user
    s.do_start_fieldwork(lead, notified, on=D(2021, 7, 5))
    s.do_end_fieldwork(lead, notified, on=D(2021, 7, 9))
    s.do_add_finding(lead, notified, question="outcomes", kind="strength", text="Good")
    s.do_decide_outcome(lead, notified, outcome=Outcome.NO_WSOA, decided_on=D(2021, 7, 12))
    s.do_draft_letter(lead, notified)
    response = lead_client.get(f"/inspections/{notified.reference}/letter.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_what_is_due_lists_the_inspectorate_letter_for_the_lead(
    notified: Inspection, people: dict[str, Person], lead_client: Client
) -> None:
    lead = people["lead"].user
    s.do_start_fieldwork(lead, notified, on=D(2021, 7, 5))
    s.do_end_fieldwork(lead, notified, on=D(2021, 7, 9))
    page = lead_client.get("/due/").content.decode()
    assert "Rotherham" in page
    assert f"/inspections/{notified.reference}/" in page


def test_a_second_save_from_a_stale_page_is_refused_and_says_what_changed(
    notified: Inspection, people: dict[str, Person]
) -> None:
    lead = people["lead"].user
    s.do_start_fieldwork(lead, notified, on=D(2021, 7, 5))
    s.do_end_fieldwork(lead, notified, on=D(2021, 7, 9))
    s.do_add_finding(lead, notified, question="outcomes", kind="strength", text="Good")
    s.do_decide_outcome(lead, notified, outcome=Outcome.NO_WSOA, decided_on=D(2021, 7, 12))
    letter = s.do_draft_letter(lead, notified)
    first, second = Client(), Client()
    first.force_login(lead)
    second.force_login(lead)
    url = f"/inspections/{notified.reference}/letter/edit/"
    # Both sessions open the editor at the same version.
    for client in (first, second):
        assert f'value="{letter.version}"' in client.get(url).content.decode()
    saved = first.post(
        url,
        {
            "action": "save",
            "body": letter.body + "First editor's closing line.",
            "version": letter.version,
        },
    )
    assert saved.status_code == 302
    before = _dump()
    refused = second.post(
        url,
        {
            "action": "save",
            "body": letter.body + "Second editor's line.",
            "version": letter.version,
        },
    )
    page = refused.content.decode()
    assert refused.status_code == 400
    assert "Tom Hartley saved the letter" in page
    assert "First editor&#x27;s closing line." in page
    assert _dump() == before


def test_the_area_page_links_the_published_letter(
    notified: Inspection, people: dict[str, Person], client: Client
) -> None:
    lead = people["lead"].user
    s.do_start_fieldwork(lead, notified, on=D(2021, 7, 5))
    s.do_end_fieldwork(lead, notified, on=D(2021, 7, 9))
    s.do_add_finding(lead, notified, question="outcomes", kind="strength", text="Good")
    s.do_decide_outcome(lead, notified, outcome=Outcome.NO_WSOA, decided_on=D(2021, 7, 12))
    letter = s.do_draft_letter(lead, notified)
    s.do_revise_letter(lead, letter, body=letter.body, version=letter.version, reviewed=True)
    assert (
        f"/inspections/{notified.reference}/letter/"
        not in client.get("/areas/rotherham/").content.decode()
    )
    s.do_publish_letter(lead, notified, dated=D(2021, 7, 12), published_on=D(2021, 10, 19))
    page = client.get("/areas/rotherham/").content.decode()
    assert f'href="/inspections/{notified.reference}/letter/"' in page
    assert client.get(f"/inspections/{notified.reference}/letter/").status_code == 200


def test_the_inspections_list_runs_as_many_queries_for_four_inspections_as_for_two(
    people: dict[str, Person], lead_client: Client
) -> None:
    lead = people["lead"].user

    def notify(slug: str) -> None:
        s.do_create_inspection(
            lead,
            area=LocalArea.objects.get(slug=slug),
            kind=InspectionKind.FULL,
            framework=Framework.F2016,
            notified_on=D(2021, 6, 28),
        )

    notify("rotherham")
    notify("sheffield")
    two = queries_for(lead_client, "/inspections/")
    notify("barnsley")
    notify("doncaster")
    assert Inspection.objects.count() == 4
    assert queries_for(lead_client, "/inspections/") == two
