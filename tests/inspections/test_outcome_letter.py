"""The drafted letter cites the survey counts held in the evidence record, as published
letters do ("Inspectors considered 481 responses from parents and carers")."""

from __future__ import annotations

import datetime as dt

from areasend.accounts.models import Person
from areasend.inspections.models import Inspection
from areasend.inspections.outcome_letter import draft_body
from areasend.inspections.services import do_record_evidence


def _record(people: dict[str, Person], inspection: Inspection, *counts: int) -> None:
    parents, young, practitioners = counts
    do_record_evidence(
        people["lead"].user,
        inspection,
        parent_responses=parents,
        young_people_responses=young,
        practitioner_responses=practitioners,
        webinar_held_on=None,
    )


def test_the_draft_cites_the_three_survey_counts(
    notified: Inspection, people: dict[str, Person]
) -> None:
    _record(people, notified, 2234, 372, 751)
    assert (
        "Inspectors considered 2,234 responses from parents and carers, 372 responses from "
        "children and young people and 751 responses from practitioners to the surveys."
    ) in draft_body(notified, dt.date(2021, 7, 20))


def test_the_draft_names_only_the_surveys_with_responses(
    notified: Inspection, people: dict[str, Person]
) -> None:
    _record(people, notified, 481, 0, 1)
    body = draft_body(notified, dt.date(2021, 7, 20))
    assert (
        "Inspectors considered 481 responses from parents and carers and 1 response from "
        "practitioners to the surveys."
    ) in body
    assert "children and young people to" not in body


def test_without_recorded_counts_the_draft_cites_none(
    notified: Inspection, people: dict[str, Person]
) -> None:
    assert "Inspectors considered" not in draft_body(notified, dt.date(2021, 7, 20))
    _record(people, notified, 0, 0, 0)
    assert "Inspectors considered" not in draft_body(notified, dt.date(2021, 7, 20))
