"""After the letter's publication and the retention period the responses are deleted; the
counts copied into the evidence record stay."""

from __future__ import annotations

import datetime as dt

from areasend.accounts.models import Person
from areasend.inspections.models import Evidence, Inspection, Letter
from areasend.ops.retention import apply_retention
from areasend.surveys.models import SurveyResponse
from areasend.surveys.services import do_copy_counts_to_evidence, do_submit_survey_response

D = dt.date


def _published_on(inspection: Inspection, day: dt.date) -> None:
    # The casework steps to publication lie after the real today (fieldwork in December 2026,
    # whose gate reads the real date); retention reads only the status and the date.
    Inspection.objects.filter(pk=inspection.pk).update(status=Inspection.Status.PUBLISHED)
    Letter.objects.create(
        inspection=inspection, body="Letter", status=Letter.Status.PUBLISHED, published_on=day
    )


def test_responses_go_after_the_period_and_the_counts_stay(
    sheffield: Inspection, people: dict[str, Person]
) -> None:
    for n in range(4):
        do_submit_survey_response(sheffield, "parents_carers", {}, nonce=f"p{n}")
    do_copy_counts_to_evidence(people["lead"].user, sheffield)
    _published_on(sheffield, D(2027, 2, 1))
    within = {d.what: d.count for d in apply_retention(D(2027, 5, 2))}
    assert within["survey responses"] == 0 and SurveyResponse.objects.count() == 4
    past = {d.what: d.count for d in apply_retention(D(2027, 5, 3))}
    assert past["survey responses"] == 4
    assert not SurveyResponse.objects.exists()
    assert Evidence.objects.get(inspection=sheffield).parent_responses == 4


def test_responses_of_an_unpublished_inspection_stay(sheffield: Inspection) -> None:
    do_submit_survey_response(sheffield, "practitioners", {}, nonce="x")
    apply_retention(D(2030, 1, 1))
    assert SurveyResponse.objects.count() == 1
