"""Every free-text field that inspectors and areas fill refuses likely personal data in its
service function (so the forms, the API, the admin and commands alike), names what it found,
and leaves the stored data exactly as it was; the form shows the refusal on the field."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from areasend.accounts.models import Person
from areasend.areas.event_log import Channel, Writer, do_import_history, do_record_events
from areasend.areas.models import HistoryEvent, LocalArea
from areasend.casework.errors import CaseworkError
from areasend.casework.personal_data import (
    DATE_OF_BIRTH,
    EMAIL,
    NAME_AND_AGE,
    NHS_NUMBER,
    PHONE,
    POSTCODE,
)
from areasend.framework.events import Event, EventType, HistoryError, Outcome, PlanKind
from areasend.improvement import services as imp
from areasend.improvement.models import Plan, Rag, SupportVisit
from areasend.inspections import services as s
from areasend.inspections.models import Inspection, Letter
from tests.dumps import database_dump
from tests.improvement.conftest import Load, load
from tests.inspections.conftest import medway, medway_revisit, notified, people, rotherham

__all__ = ["load", "medway", "medway_revisit", "notified", "people", "rotherham"]
D = dt.date
People = dict[str, Person]
CHILD = {
    NAME_AND_AGE: "Jane Smith (aged 9) waited two years for her plan.",
    DATE_OF_BIRTH: "The boy (DOB 12/03/2015) was out of school.",
    NHS_NUMBER: "Case notes give NHS number 943 476 5919.",
}
CONTACT = {
    POSTCODE: "The family moved to S60 1AE.",
    PHONE: "Her mother asked to be called on 07700 900123.",
    EMAIL: "The parent wrote from jane.smith@example.org.",
}
EVERY = {**CHILD, **CONTACT}


def _dump() -> str:
    return database_dump("areas", "accounts", "inspections", "improvement")


def refused(call: Callable[[str], object], field: str, text: str, kind: str) -> None:
    before = _dump()
    with pytest.raises(CaseworkError) as error:
        call(text)
    assert error.value.field == field
    assert f"This looks like personal data: {kind}" in str(error.value)
    assert _dump() == before


# -- casework ------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "text"), EVERY.items())
def test_casework_notes_refuse_personal_data(
    notified: Inspection, people: People, kind: str, text: str
) -> None:
    lead, area = people["lead"].user, people["rotherham"].user
    refused(
        lambda t: s.do_add_finding(lead, notified, question="outcomes", kind="strength", text=t),
        "text", text, kind,
    )  # fmt: skip
    refused(
        lambda t: s.do_complete_checklist_item(
            area, notified, item="local_offer", done_on=D(2021, 6, 28), note=t
        ),
        "note", text, kind,
    )  # fmt: skip
    refused(
        lambda t: s.do_add_meeting(lead, notified, held_on=D(2021, 7, 6), with_whom=t),
        "with_whom", text, kind,
    )  # fmt: skip


def _draft(lead: Any, inspection: Inspection) -> Letter:
    s.do_start_fieldwork(lead, inspection, on=D(2021, 7, 5))
    s.do_end_fieldwork(lead, inspection, on=D(2021, 7, 9))
    s.do_add_finding(lead, inspection, question="outcomes", kind="strength", text="Good")
    s.do_decide_outcome(lead, inspection, outcome=Outcome.NO_WSOA, decided_on=D(2021, 7, 12))
    return s.do_draft_letter(lead, inspection)


@pytest.mark.parametrize(("kind", "text"), CHILD.items())
def test_a_letter_refuses_a_childs_details(
    notified: Inspection, people: People, kind: str, text: str
) -> None:
    lead = people["lead"].user
    letter = _draft(lead, notified)
    refused(
        lambda t: s.do_revise_letter(
            lead, letter, body=letter.body + "\n" + t, version=letter.version, reviewed=True
        ),
        "body", text, kind,
    )  # fmt: skip


def test_a_letter_keeps_the_inspectorates_contact_details(
    notified: Inspection, people: People
) -> None:
    lead = people["lead"].user
    letter = _draft(lead, notified)
    contacts = (
        "Ofsted, Piccadilly Gate, Manchester M1 2WD. T: 0300 123 1231. enquiries@ofsted.gov.uk"
    )
    revised = s.do_revise_letter(
        lead, letter, body=letter.body + "\n" + contacts, version=letter.version, reviewed=True
    )
    assert contacts in revised.body


@pytest.mark.parametrize(("kind", "text"), EVERY.items())
def test_deferral_reasons_refuse_personal_data(
    medway_revisit: Inspection, people: People, kind: str, text: str
) -> None:
    officer, planner = people["medway"].user, people["planner"].user
    refused(
        lambda t: s.do_request_deferral(
            officer, medway_revisit, requested_on=D(2019, 11, 26), reason=t
        ),
        "reason", text, kind,
    )  # fmt: skip
    s.do_request_deferral(
        officer, medway_revisit, requested_on=D(2019, 11, 26), reason="Our SEND lead is away."
    )
    refused(
        lambda t: s.do_decide_deferral(
            planner, medway_revisit, decided_on=D(2019, 11, 27), granted=False, reason=t
        ),
        "reason", text, kind,
    )  # fmt: skip


@pytest.mark.parametrize(("kind", "text"), EVERY.items())
def test_progress_commentary_refuses_personal_data(
    medway_revisit: Inspection, people: People, kind: str, text: str
) -> None:
    lead = people["lead"].user
    s.do_start_fieldwork(lead, medway_revisit, on=D(2019, 12, 9))
    weakness = "co-production at all levels"
    refused(
        lambda t: s.do_judge_progress(
            lead, medway_revisit, weakness=weakness, sufficient=True, commentary=t
        ),
        "commentary", text, kind,
    )  # fmt: skip


# -- improvement ---------------------------------------------------------------------------


def _medway_wsoa(people: People, load: Load) -> tuple[LocalArea, Plan]:
    medway = load("medway.jsonl", D(2018, 2, 8), None)
    return medway, imp.do_start_plan(people["medway"].user, medway, PlanKind.WSOA)


@pytest.mark.parametrize(("kind", "text"), EVERY.items())
def test_plan_writing_refuses_personal_data(
    people: People, load: Load, kind: str, text: str
) -> None:
    medway, plan = _medway_wsoa(people, load)
    officer, planner, adviser = (people[n].user for n in ("medway", "planner", "dfe"))
    weakness = plan.weaknesses.all()[0]
    fields = {"description": "Act", "owner": "Medway Council", "success_measures": "Measured"}
    for field in fields:
        refused(
            lambda t, f=field: imp.do_add_action(  # type: ignore[misc]
                officer, weakness, **{**fields, f: t}, started_on=D(2018, 3, 1)
            ),
            field, text, kind,
        )  # fmt: skip
    for w in plan.weaknesses.all():
        action = imp.do_add_action(officer, w, **fields, started_on=D(2018, 3, 1))
    refused(lambda t: imp.do_add_milestone(officer, action, what=t, due=D(2018, 6, 1)),
            "what", text, kind)  # fmt: skip
    refused(
        lambda t: imp.do_update_action(
            officer, action, on=D(2018, 4, 1), rag=Rag.GREEN, note=t, version=action.version
        ),
        "note", text, kind,
    )  # fmt: skip
    refused(lambda t: imp.do_create_report(officer, plan, as_of=D(2018, 4, 1), audience=t),
            "audience", text, kind)  # fmt: skip
    imp.do_submit_plan(officer, plan, on=D(2018, 5, 1))
    refused(lambda t: imp.do_judge_plan(planner, plan, on=D(2018, 5, 20), fit=True, reasons=t),
            "reasons", text, kind)  # fmt: skip
    refused(
        lambda t: imp.do_record_support_visit(
            adviser, medway, on=D(2018, 6, 1), kind=SupportVisit.Kind.VISIT, notes=t
        ),
        "notes", text, kind,
    )  # fmt: skip


@pytest.mark.parametrize(("kind", "text"), EVERY.items())
def test_strategic_priorities_and_thematic_visits_refuse_personal_data(
    people: People, load: Load, kind: str, text: str
) -> None:
    notts = load("nottinghamshire.jsonl", D(2023, 5, 16), None)
    officer, lead = people["nottinghamshire"].user, people["lead"].user
    strategic = imp.do_start_plan(officer, notts, PlanKind.STRATEGIC_PLAN)
    refused(lambda t: imp.do_add_priority(officer, strategic, text=t), "text", text, kind)
    refused(lambda t: imp.do_record_engagement(lead, notts, on=D(2024, 5, 1), theme=t),
            "theme", text, kind)  # fmt: skip


# -- what published wording and casework wording may say ------------------------------------


def test_findings_about_groups_dates_and_counts_are_stored(
    notified: Inspection, people: People
) -> None:
    lead = people["lead"].user
    for text in (
        "Children and young people aged 0 to 25 wait too long for assessments.",
        "Children aged 5 to 11 are excluded more often than their peers.",
        "Inspectors met 12 parents on 5 July 2021; 481 responded to the survey.",
        "Leaders in Rotherham have improved the quality of EHC plans since 2019.",
    ):
        finding = s.do_add_finding(lead, notified, question="outcomes", kind="strength", text=text)
        assert finding.text == text


def test_the_form_shows_the_refusal_on_the_field_and_changes_nothing(
    notified: Inspection, people: People, client: Client
) -> None:
    client.force_login(people["lead"].user)
    before = _dump()
    response = client.post(
        f"/inspections/{notified.reference}/findings/",
        {"question": "outcomes", "kind": "strength", "text": EVERY[NAME_AND_AGE]},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_text-error"' in page
    assert "This looks like personal data: a person&#x27;s name next to an age" in page
    assert _dump() == before


# -- the history write path: the API and imports ---------------------------------------------


def _kent_letter(weakness: str) -> str:
    lines: list[dict[str, Any]] = [
        {"date": "2019-01-21", "event": "inspection_notified", "kind": "full", "framework": "2016"},
        {"date": "2019-01-28", "event": "fieldwork_started"},
        {"date": "2019-02-01", "event": "fieldwork_ended"},
        {"date": "2019-03-29", "event": "letter_published", "outcome": "wsoa",
         "weaknesses": ["Joint commissioning", weakness]},
    ]  # fmt: skip
    return "".join(json.dumps({"area": "Kent", "inspection": "k", **e}) + "\n" for e in lines)


@pytest.mark.parametrize(("kind", "text"), EVERY.items())
def test_history_events_from_the_api_or_an_import_refuse_personal_data(
    db: None, kind: str, text: str
) -> None:
    before = _dump()
    with pytest.raises(HistoryError, match=f"This looks like personal data: {kind}") as error:
        do_import_history(_kent_letter(text))
    assert error.value.problems[0].field == "weaknesses"
    kent = LocalArea.objects.get(slug="kent")
    event = Event(
        date=D(2019, 2, 11), type=EventType.THEMATIC_VISIT, area=kent.gss_code, theme=text
    )
    with pytest.raises(HistoryError, match="personal data"):
        do_record_events(kent, [event], writer=Writer(Channel.API, source="api:planner"))
    assert _dump() == before
    do_import_history(_kent_letter("The quality of EHC plans for children aged 0 to 25"))
    assert HistoryEvent.objects.filter(area=kent).count() == 4
