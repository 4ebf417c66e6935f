"""The team tags a free-text answer with the register's weakness themes: one audited step,
refused for anyone else and for a bad theme or question, changing nothing; the audit entry
copies the themes, never the answer."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from areasend.accounts.models import AuditEntry, Person
from areasend.casework.errors import CaseworkError
from areasend.inspections.models import Inspection
from areasend.surveys.models import AnswerTags, SurveyResponse
from areasend.surveys.services import do_submit_survey_response, do_tag_answer
from areasend.surveys.summary import summarise

TEXT = "The wait for an autism assessment was two years."


@pytest.fixture
def response(sheffield: Inspection) -> SurveyResponse:
    answers = {"needs_met": "Not very well", "could_be_better": TEXT}
    return do_submit_survey_response(sheffield, "parents_carers", answers, nonce="t1")


@pytest.mark.parametrize("username", ["lead", "cqc"])
def test_a_team_member_tags_an_answer_in_the_vocabularys_order_and_it_is_audited(
    response: SurveyResponse, people: dict[str, Person], username: str
) -> None:
    user = people[username].user
    tags = do_tag_answer(user, response, "could_be_better", ["other", "waiting_times"])
    assert tags.themes == ["waiting_times", "other"]
    entry = AuditEntry.objects.get(action="tag_survey_answer")
    assert entry.actor == user
    assert entry.after is not None and entry.after["themes"] == ["waiting_times", "other"]
    assert TEXT not in str(entry.after)


def test_tagging_again_replaces_the_themes_and_none_clears_them(
    response: SurveyResponse, people: dict[str, Person]
) -> None:
    lead = people["lead"].user
    do_tag_answer(lead, response, "could_be_better", ["waiting_times"])
    do_tag_answer(lead, response, "could_be_better", ["ehc_plans"])
    assert AnswerTags.objects.get().themes == ["ehc_plans"]
    do_tag_answer(lead, response, "could_be_better", [])
    assert AnswerTags.objects.get().themes == []
    assert AuditEntry.objects.filter(action="tag_survey_answer").count() == 3


@pytest.mark.parametrize("username", ["sheffield", "rotherham", "planner", "admin", "dfe"])
def test_nobody_outside_the_team_may_tag(
    response: SurveyResponse, people: dict[str, Person], username: str
) -> None:
    with pytest.raises(PermissionDenied):
        do_tag_answer(people[username].user, response, "could_be_better", ["waiting_times"])
    assert not AnswerTags.objects.exists()
    assert not AuditEntry.objects.filter(action="tag_survey_answer").exists()


@pytest.mark.parametrize(
    ("question", "themes", "message"),
    [
        ("could_be_better", ["no_such_theme"], "There is no theme \u201cno_such_theme\u201d."),
        ("needs_met", ["waiting_times"], "no written answer to that question"),
        ("works_well", ["waiting_times"], "no written answer to that question"),
        ("no_such_question", ["waiting_times"], "no written answer to that question"),
    ],
)
def test_a_bad_theme_or_question_is_refused_and_changes_nothing(
    response: SurveyResponse,
    people: dict[str, Person],
    question: str,
    themes: list[str],
    message: str,
) -> None:
    with pytest.raises(CaseworkError, match=message):
        do_tag_answer(people["lead"].user, response, question, themes)
    assert not AnswerTags.objects.exists()
    assert not AuditEntry.objects.filter(action="tag_survey_answer").exists()


def test_the_summary_finds_answers_by_words_and_by_theme(
    sheffield: Inspection, response: SurveyResponse, people: dict[str, Person]
) -> None:
    other = do_submit_survey_response(
        sheffield, "parents_carers", {"could_be_better": "More short breaks."}, nonce="t2"
    )
    do_tag_answer(people["lead"].user, response, "could_be_better", ["waiting_times"])

    def found(**narrow: str) -> list[int]:
        parents = summarise(sheffield, **narrow).surveys[0]
        return [a.response for t in parents.texts for a in t.answers]

    assert found() == [response.pk, other.pk]
    assert found(search="AUTISM") == [response.pk]
    assert found(search="breaks") == [other.pk]
    assert found(theme="waiting_times") == [response.pk]
    assert found(theme="ehc_plans") == []
    assert found(search="breaks", theme="waiting_times") == []
    # The counts are never narrowed.
    assert summarise(sheffield, search="breaks").surveys[0].count == 2
