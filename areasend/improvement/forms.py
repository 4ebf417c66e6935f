"""Forms parse what people type; the services decide whether it is allowed."""

from __future__ import annotations

from typing import Any

from django import forms

from areasend.casework.forms import NO_CHILD_DETAILS, GovukForm, date_field
from areasend.improvement.models import Rag, SupportVisit

_YES_NO = [("yes", "Fit for purpose"), ("no", "Not fit for purpose")]


class PriorityForm(GovukForm):
    text = forms.CharField(label="Priority", widget=forms.Textarea(attrs={"rows": 2}))


class ActionForm(GovukForm):
    description = forms.CharField(
        label="Action", widget=forms.Textarea(attrs={"rows": 2}), help_text=NO_CHILD_DETAILS
    )
    owner = forms.CharField(label="Owner organisation", max_length=150)
    success_measures = forms.CharField(
        label="Success measures", widget=forms.Textarea(attrs={"rows": 2})
    )
    started_on = date_field("Agreed on", name="the date the action was agreed")


class MilestoneForm(GovukForm):
    what = forms.CharField(label="Milestone", max_length=300)
    due = date_field("Due", name="the date it is due")


class CompleteMilestoneForm(GovukForm):
    on = date_field("Done on", name="the date it was done")


class UpdateForm(GovukForm):
    on = date_field("Date of the update")
    rag = forms.ChoiceField(
        label="RAG status", choices=[c for c in Rag.choices if c[0] != Rag.NOT_STARTED]
    )
    note = forms.CharField(
        label="What has happened",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=NO_CHILD_DETAILS,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class DateForm(GovukForm):
    on = date_field("Date")


class JudgeForm(GovukForm):
    on = date_field("Date of the judgement")
    fit = forms.ChoiceField(label="Judgement", choices=_YES_NO, widget=forms.RadioSelect)
    reasons = forms.CharField(label="Reasons", widget=forms.Textarea(attrs={"rows": 3}))


class PublishForm(GovukForm):
    on = date_field("Published on", name="the date of publication")
    url = forms.URLField(label="Web address where it is published", assume_scheme="https")


class ReportForm(GovukForm):
    as_of = date_field("Position as at", name="the date of the position")
    audience = forms.CharField(
        label="For", max_length=150, help_text="The board or committee, e.g. Cabinet, 14 April 2020"
    )


class SupportVisitForm(GovukForm):
    on = date_field("Date", name="the date of the visit")
    kind = forms.ChoiceField(label="Kind", choices=SupportVisit.Kind.choices)
    notes = forms.CharField(
        label="Notes", widget=forms.Textarea(attrs={"rows": 3}), help_text=NO_CHILD_DETAILS
    )


class ReleaseForm(GovukForm):
    on = date_field("Date of the release")
    weakness = forms.ChoiceField(label="Release", choices=[])

    def __init__(self, *args: Any, monitored: tuple[str, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["weakness"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "The area, from everything still monitored")] + [
            (w, w) for w in monitored
        ]
        field.required = False


class NoticeForm(GovukForm):
    on = date_field("Date", name="the date of the notice")
    step = forms.ChoiceField(
        label="Improvement notice",
        choices=[("issued", "Issued by the minister"), ("lifted", "Lifted")],
    )


class EngagementForm(GovukForm):
    on = date_field("Date", name="the date of the meeting")
    theme = forms.CharField(
        label="Theme (thematic visits only)", required=False, max_length=200,
        help_text="Leave blank for the annual engagement meeting",
    )  # fmt: skip
