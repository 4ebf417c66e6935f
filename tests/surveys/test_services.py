"""Sending a response: one row, only inside the window, refusing personal data kindly and
storing nothing when refused; the same form sent twice is stored once; counts reach the
evidence record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied

from areasend.accounts.models import Person
from areasend.casework.errors import CaseworkError
from areasend.inspections.models import Evidence, Inspection
from areasend.inspections.services import do_record_evidence
from areasend.surveys.models import SurveyResponse
from areasend.surveys.questions import Kind, bank
from areasend.surveys.services import do_copy_counts_to_evidence, do_submit_survey_response

D = dt.date
PARENTS = Kind.PARENTS_CARERS


def test_a_response_is_stored_with_its_day_and_without_blank_answers(
    sheffield: Inspection,
) -> None:
    answers = {"needs_met": "Quite well", "could_be_better": "  ", "works_well": "The SENCo."}
    response = do_submit_survey_response(sheffield, PARENTS, answers, nonce="n1")
    stored = SurveyResponse.objects.get()
    assert stored == response
    assert (stored.kind, stored.submitted_on) == (PARENTS, D(2026, 12, 2))
    assert stored.answers == {"needs_met": "Quite well", "works_well": "The SENCo."}


def test_the_same_form_sent_twice_is_stored_once(sheffield: Inspection) -> None:
    first = do_submit_survey_response(sheffield, PARENTS, {"needs_met": "Very well"}, nonce="n")
    again = do_submit_survey_response(sheffield, PARENTS, {"needs_met": "Very well"}, nonce="n")
    assert first.pk == again.pk
    assert SurveyResponse.objects.count() == 1


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (D(2026, 11, 30), "The survey opens on 1 December 2026."),
        (D(2026, 12, 5), "The survey closed on 4 December 2026."),
    ],
)
def test_outside_the_window_nothing_is_stored(
    sheffield: Inspection, today: Callable[[dt.date], None], day: dt.date, message: str
) -> None:
    today(day)
    with pytest.raises(CaseworkError, match=message):
        do_submit_survey_response(sheffield, PARENTS, {"needs_met": "Very well"}, nonce="n")
    assert not SurveyResponse.objects.exists()


def test_the_window_days_themselves_are_open(
    sheffield: Inspection, today: Callable[[dt.date], None]
) -> None:
    for n, day in enumerate((D(2026, 12, 1), D(2026, 12, 4))):
        today(day)
        do_submit_survey_response(sheffield, PARENTS, {}, nonce=f"n{n}")
    assert SurveyResponse.objects.count() == 2


def test_an_inspection_without_a_survey_window_takes_no_response(
    sheffield: Inspection,
) -> None:
    Inspection.objects.filter(pk=sheffield.pk).update(survey_opens=None, survey_closes=None)
    sheffield.refresh_from_db()
    with pytest.raises(CaseworkError, match="no such survey"):
        do_submit_survey_response(sheffield, PARENTS, {}, nonce="n")


def test_a_deferred_inspection_takes_no_response(sheffield: Inspection) -> None:
    Inspection.objects.filter(pk=sheffield.pk).update(status=Inspection.Status.DEFERRED)
    sheffield.refresh_from_db()
    with pytest.raises(CaseworkError, match="closed"):
        do_submit_survey_response(sheffield, PARENTS, {}, nonce="n")
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("My son Tom, aged 9, waited two years.", "a person's name next to an age"),
        ("Call me on 07700 900123.", "a phone number"),
        ("We live at S1 2HE.", "a postcode"),
        ("Her date of birth is 3 March 2015.", "a date of birth"),
        ("Write to me at parent@example.org", "an email address"),
    ],
)
def test_free_text_with_personal_data_is_refused_kindly_naming_the_question(
    sheffield: Inspection, text: str, kind: str
) -> None:
    with pytest.raises(CaseworkError) as refused:
        do_submit_survey_response(sheffield, PARENTS, {"could_be_better": text}, nonce="n")
    assert refused.value.field == "could_be_better"
    message = str(refused.value)
    assert "\u201cWhat could be better?\u201d" in message and kind in message
    assert "Please take it out" in message
    assert not SurveyResponse.objects.exists()


def test_text_about_groups_and_ages_is_accepted(sheffield: Inspection) -> None:
    text = "Children aged 5 to 11 wait too long for speech and language therapy."
    do_submit_survey_response(sheffield, PARENTS, {"could_be_better": text}, nonce="n")
    assert SurveyResponse.objects.get().answers == {"could_be_better": text}


def test_free_text_over_the_stated_limit_is_refused(sheffield: Inspection) -> None:
    limit = bank("2023")[PARENTS].free_text_max  # type: ignore[index]
    with pytest.raises(CaseworkError, match=f"shorten it to {limit} or fewer"):
        do_submit_survey_response(sheffield, PARENTS, {"works_well": "a" * (limit + 1)}, nonce="n")
    do_submit_survey_response(sheffield, PARENTS, {"works_well": "a" * limit}, nonce="n")


@pytest.mark.parametrize(
    ("answers", "field"),
    [({"needs_met": "Brilliant"}, "needs_met"), ({"favourite_colour": "Blue"}, "favourite_colour")],
)
def test_an_unknown_choice_or_question_is_refused(
    sheffield: Inspection, answers: dict[str, str], field: str
) -> None:
    with pytest.raises(CaseworkError) as refused:
        do_submit_survey_response(sheffield, PARENTS, answers, nonce="n")
    assert refused.value.field == field
    assert not SurveyResponse.objects.exists()


def test_an_unknown_survey_kind_is_refused(sheffield: Inspection) -> None:
    with pytest.raises(CaseworkError, match="no such survey"):
        do_submit_survey_response(sheffield, "governors", {}, nonce="n")


def test_every_question_is_optional_in_every_survey(sheffield: Inspection) -> None:
    for kind in Kind:
        do_submit_survey_response(sheffield, kind, {}, nonce=kind.value)
    assert SurveyResponse.objects.count() == len(Kind)


def test_the_counts_are_copied_into_the_evidence_record_keeping_the_webinar(
    sheffield: Inspection, people: dict[str, Person]
) -> None:
    lead = people["lead"].user
    do_record_evidence(
        lead, sheffield, parent_responses=0, young_people_responses=0,
        practitioner_responses=0, webinar_held_on=D(2026, 12, 1),
    )  # fmt: skip
    for n in range(3):
        do_submit_survey_response(sheffield, PARENTS, {}, nonce=f"p{n}")
    do_submit_survey_response(sheffield, Kind.PRACTITIONERS, {}, nonce="x")
    evidence = do_copy_counts_to_evidence(lead, sheffield)
    assert (
        evidence.parent_responses, evidence.young_people_responses,
        evidence.practitioner_responses, evidence.webinar_held_on,
    ) == (3, 0, 1, D(2026, 12, 1))  # fmt: skip


@pytest.mark.parametrize("username", ["sheffield", "rotherham", "planner"])
def test_only_the_team_copies_the_counts(
    sheffield: Inspection, people: dict[str, Person], username: str
) -> None:
    with pytest.raises(PermissionDenied):
        do_copy_counts_to_evidence(people[username].user, sheffield)
    assert not Evidence.objects.exists()
