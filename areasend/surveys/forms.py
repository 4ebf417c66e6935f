"""The survey form, built from the question bank."""

from __future__ import annotations

from functools import cache

from django import forms

from areasend.casework.forms import GovukForm
from areasend.surveys.questions import Survey


class SurveyForm(GovukForm):
    token = forms.CharField(widget=forms.HiddenInput)

    def answers(self) -> dict[str, str]:
        return {k: v for k, v in self.cleaned_data.items() if k != "token"}


def _field(survey: Survey, key: str, easy_read: bool) -> forms.Field:
    question = survey.question(key)
    assert question is not None
    label = (question.easy_read if easy_read else "") or question.text
    if question.choices:
        return forms.ChoiceField(
            label=label,
            required=False,
            choices=[(c, c) for c in question.choices],
            widget=forms.RadioSelect,
        )
    # No maxlength attribute: a browser would cut a pasted answer short without saying so;
    # the service refuses a long one and says by how much.
    return forms.CharField(
        label=label,
        required=False,
        strip=False,
        help_text=f"Up to {survey.free_text_max} characters. Leave out names, ages, dates of "
        "birth, addresses, phone numbers and email addresses.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )


@cache
def survey_form(survey: Survey, *, easy_read: bool = False) -> type[SurveyForm]:
    """A form class with one optional field per question, in the bank's order; built once per
    survey and version, not on every request (a form instance copies its fields)."""
    fields = {q.key: _field(survey, q.key, easy_read) for q in survey.questions}
    return type("SurveyForm", (SurveyForm,), fields)
