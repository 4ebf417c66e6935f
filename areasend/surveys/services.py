"""Every change to survey responses, one function each.

A response is anonymous and arrives in its thousands in an evening, so sending one is a single
insert: no read of other responses, no audit entry (the row is its own record and holds nothing
to attribute). Tagging an answer by theme is the team's, checked and audited here; copying the
counts into the evidence record is a casework step, checked and audited by
``inspections.services.do_record_evidence``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.db import IntegrityError, transaction

from areasend.accounts.audit import audit, snapshot
from areasend.accounts.permissions import Action, User
from areasend.casework import clock
from areasend.casework.actions import require
from areasend.casework.errors import CaseworkError
from areasend.casework.personal_data import find_personal_data
from areasend.inspections import services as inspections
from areasend.inspections.models import Evidence, Inspection
from areasend.register.themes import LABELS
from areasend.surveys.models import AnswerTags, SurveyResponse
from areasend.surveys.queries import closed_reason, response_counts, survey_for
from areasend.surveys.questions import Kind, Survey


def _kind_message(question: str, kinds: list[str]) -> str:
    what = " and ".join(dict.fromkeys(kinds))
    return (
        f"Your answer to \u201c{question}\u201d looks like it includes {what}. Please take it out "
        "and send your answer again: the survey is anonymous, so write about what happened, "
        "not who it happened to."
    )


def clean_answers(survey: Survey, answers: Mapping[str, str]) -> dict[str, str]:
    """The answers to store: blank ones left out; an unknown question or choice, text over the
    limit or text with personal data refused, naming the question."""
    out: dict[str, str] = {}
    for key, value in answers.items():
        question = survey.question(key)
        if question is None:
            raise CaseworkError(f"This survey has no question \u201c{key}\u201d.", field=key)
        value = value.strip()
        if not value:
            continue
        if question.choices and value not in question.choices:
            raise CaseworkError(
                f"Choose one of the answers to \u201c{question.text}\u201d.", field=key
            )
        if question.is_free_text:
            if len(value) > survey.free_text_max:
                raise CaseworkError(
                    f"Your answer to \u201c{question.text}\u201d is {len(value)} characters: "
                    f"please shorten it to {survey.free_text_max} or fewer.",
                    field=key,
                )
            found = find_personal_data(value)
            if found:
                raise CaseworkError(
                    _kind_message(question.text, [f.kind for f in found]), field=key
                )
        out[key] = value
    return out


def do_submit_survey_response(
    inspection: Inspection, kind: str, answers: Mapping[str, str], *, nonce: str
) -> SurveyResponse:
    """Store one anonymous response; the same nonce again returns the response already stored.

    Refused (nothing stored) outside the survey window, for an unknown survey, and for answers
    ``clean_answers`` refuses."""
    survey = survey_for(inspection, kind)
    if survey is None:
        raise CaseworkError("This inspection has no such survey.")
    reason = closed_reason(inspection, clock.today())
    if reason is not None:
        raise CaseworkError(reason)
    cleaned = clean_answers(survey, answers)
    if not nonce:
        raise CaseworkError("The form's submission token is missing: open the survey again.")
    try:
        with transaction.atomic():
            return SurveyResponse.objects.create(
                inspection=inspection,
                kind=survey.kind,
                submitted_on=clock.today(),
                answers=cleaned,
                nonce=nonce,
            )
    except IntegrityError:
        # The same form sent twice (a double click, a retried request): it is stored once.
        return SurveyResponse.objects.get(nonce=nonce)


def do_copy_counts_to_evidence(actor: User, inspection: Inspection) -> Evidence:
    """Put the survey counts into the inspection's evidence record (the letter cites them),
    keeping the webinar date already recorded; the casework step checks and audits it."""
    counts = response_counts(inspection)
    held = Evidence.objects.filter(inspection=inspection).values_list("webinar_held_on", flat=True)
    return inspections.do_record_evidence(
        actor,
        inspection,
        parent_responses=counts[Kind.PARENTS_CARERS],
        young_people_responses=counts[Kind.CHILDREN_YOUNG_PEOPLE],
        practitioner_responses=counts[Kind.PRACTITIONERS],
        webinar_held_on=next(iter(held), None),
    )


def do_tag_answer(
    actor: User, response: SurveyResponse, question: str, themes: Sequence[str]
) -> AnswerTags:
    """Set the themes of one free-text answer (none clears them), in the vocabulary's order.

    The inspection team only; refused for a question the response did not answer in free
    text and for a theme not in the vocabulary, changing nothing."""
    inspection = response.inspection
    require(actor, Action.SURVEYS_TAG, where="on this inspection", inspection=inspection)
    survey = survey_for(inspection, response.kind)
    asked = survey.question(question) if survey else None
    if asked is None or not asked.is_free_text or question not in response.answers:
        raise CaseworkError("This response has no written answer to that question.")
    unknown = sorted(set(themes) - LABELS.keys())
    if unknown:
        raise CaseworkError(f"There is no theme \u201c{unknown[0]}\u201d.", field="themes")
    chosen = [slug for slug in LABELS if slug in themes]
    with transaction.atomic():
        tags = (
            AnswerTags.objects.select_for_update()
            .filter(response=response, question=question)
            .first()
        )
        before = snapshot(tags)
        if tags is None:
            tags = AnswerTags.objects.create(response=response, question=question, themes=chosen)
        else:
            tags.themes = chosen
            tags.save(update_fields=["themes"])
        audit(
            actor,
            "tag_survey_answer",
            tags,
            area=inspection.area,
            before=before,
            after=snapshot(tags),
        )
    return tags
