"""Forms parse what people type; the services decide whether it is allowed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from areasend.accounts.models import Person, Role
from areasend.areas.models import LocalArea
from areasend.casework.forms import NO_CHILD_DETAILS, GovukForm, date_field
from areasend.framework.events import Framework, InspectionKind, Outcome
from areasend.framework.findings import OUTCOME_LABELS, VOCABULARY
from areasend.framework.labels import FRAMEWORK_LABELS
from areasend.inspections.follow_up import VERDICT
from areasend.inspections.models import (
    CaseSample,
    ChecklistItem,
    Inspection,
    SettingType,
    TeamMember,
)


class CreateForm(GovukForm):
    area = forms.ModelChoiceField(
        queryset=LocalArea.objects.filter(valid_to__isnull=True), label="Local area"
    )
    kind = forms.ChoiceField(
        choices=[(k.value, k.value.capitalize() + " inspection") for k in InspectionKind]
    )
    framework = forms.ChoiceField(
        # The current framework first: most new inspections are under it.
        choices=[(f.value, FRAMEWORK_LABELS[f]) for f in (Framework.F2023, Framework.F2016)]
    )
    notified_on = date_field(
        "Date the area is notified (a working Monday for a full inspection)",
        name="the date the area is notified",
    )
    length_days = forms.IntegerField(
        label="Days on site (leave blank for the framework's usual length)",
        required=False,
        min_value=1,
        max_value=15,
    )


class TeamForm(GovukForm):
    prefix = "team"
    person = forms.ModelChoiceField(
        queryset=Person.objects.filter(
            role__in=[Role.LEAD_INSPECTOR, Role.TEAM_INSPECTOR]
        ).select_related("user", "organisation"),
        label="Inspector",
    )
    role = forms.ChoiceField(choices=TeamMember.Role.choices)


class FieldworkForm(GovukForm):
    prefix = "fieldwork"
    step = forms.ChoiceField(choices=[("start", "Fieldwork started"), ("end", "Fieldwork ended")])
    on = date_field("Date", name="the date of the fieldwork step")
    remote = forms.BooleanField(label="Held remotely", required=False)


class ChecklistForm(GovukForm):
    prefix = "checklist"
    item = forms.ChoiceField(choices=ChecklistItem.Item.choices, label="Duty")
    done_on = date_field("Date done")
    note = forms.CharField(
        max_length=300,
        required=False,
        label="Note (where it was published, how families were told; no child's details)",
    )


class NoticeLinksForm(GovukForm):
    """How families take part; the service checks the addresses and the webinar's time."""

    prefix = "notice"
    webinar_on = date_field(
        "Day of the webinar for parents and carers",
        required=False,
        name="the day of the webinar",
    )
    webinar_starts = forms.TimeField(
        label="Webinar starts (24-hour clock, UK time)",
        required=False,
        help_text="For example, 17:00",
    )
    webinar_ends = forms.TimeField(
        label="Webinar ends (24-hour clock, UK time)",
        required=False,
        help_text="For example, 18:00",
    )
    webinar_join_url = forms.CharField(
        max_length=600, required=False, label="Link to join the webinar (https://…)"
    )
    survey_url = forms.CharField(
        max_length=600, required=False, label="Link to the survey for families (https://…)"
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, starts, ends = (
            data.get("webinar_on"),
            data.get("webinar_starts"),
            data.get("webinar_ends"),
        )
        if day is None and (starts or ends):
            self.add_error("webinar_on", "Enter the day of the webinar as well as its times")
        if day is not None and not (starts and ends):
            self.add_error("webinar_starts", "Enter the time the webinar starts and ends")
        zone = timezone.get_current_timezone()
        data["webinar_starts"] = dt.datetime.combine(day, starts, zone) if day and starts else None
        data["webinar_ends"] = dt.datetime.combine(day, ends, zone) if day and ends else None
        data.pop("webinar_on", None)
        return data


class LocalOfferForm(GovukForm):
    prefix = "local_offer"
    url = forms.CharField(
        max_length=600,
        required=False,
        label="Address of the area's Local Offer page (https://…); blank to remove it",
    )


class EvidenceForm(GovukForm):
    prefix = "evidence"
    parent_responses = forms.IntegerField(min_value=0, label="Parent and carer survey responses")
    young_people_responses = forms.IntegerField(
        min_value=0, label="Children and young people survey responses"
    )
    practitioner_responses = forms.IntegerField(min_value=0, label="Practitioner survey responses")
    webinar_held_on = date_field(
        "Date the webinar was held (blank if none)",
        required=False,
        name="the date the webinar was held",
    )


class MeetingForm(GovukForm):
    prefix = "meeting"
    held_on = date_field("Date", name="the date of the meeting")
    with_whom = forms.CharField(max_length=200, label="With (a group or role, never a child)")


class VisitForm(GovukForm):
    prefix = "visit"
    visited_on = date_field("Date", name="the date of the visit")
    setting_type = forms.ChoiceField(choices=SettingType.choices, label="Setting")


class CaseForm(GovukForm):
    """No reference field: the service gives each case its pseudonym."""

    prefix = "case"
    age_band = forms.ChoiceField(choices=CaseSample.AgeBand.choices, label="Age")
    support = forms.ChoiceField(choices=CaseSample.Support.choices)
    setting_type = forms.ChoiceField(choices=SettingType.choices, label="Setting")


class FindingForm(GovukForm):
    question = forms.ChoiceField()
    kind = forms.ChoiceField()
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), label="Finding", help_text=NO_CHILD_DETAILS
    )

    def __init__(self, *args: Any, inspection: Inspection, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        vocabulary = VOCABULARY[Framework(inspection.framework)]
        question = self.fields["question"]
        kind = self.fields["kind"]
        assert isinstance(question, forms.ChoiceField) and isinstance(kind, forms.ChoiceField)
        question.choices = list(vocabulary.questions)
        question.label = (
            "Inspection question" if inspection.framework == Framework.F2016 else "Report section"
        )
        kind.choices = [(k.value, label) for k, label in vocabulary.kinds]


class OutcomeForm(GovukForm):
    prefix = "outcome"
    outcome = forms.ChoiceField()
    decided_on = date_field("Date decided")

    def __init__(self, *args: Any, inspection: Inspection, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["outcome"]
        assert isinstance(field, forms.ChoiceField)
        wanted = (
            (Outcome.WSOA, Outcome.NO_WSOA)
            if inspection.framework == Framework.F2016
            else (Outcome.POSITIVE, Outcome.INCONSISTENT, Outcome.SYSTEMIC_FAILINGS)
        )
        field.choices = [(o.value, OUTCOME_LABELS[o]) for o in wanted]


class LetterForm(GovukForm):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 30}), label="Letter")
    version = forms.IntegerField(widget=forms.HiddenInput)
    reviewed = forms.BooleanField(required=False, label="I have reviewed this letter")


class PublishForm(GovukForm):
    prefix = "publish"
    dated = date_field("Date on the letter")
    published_on = date_field("Publication date")


class ProgressForm(GovukForm):
    """One weakness's judgement; each weakness's form on the page has its own ids."""

    weakness = forms.CharField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    sufficient = forms.TypedChoiceField(
        choices=[("yes", VERDICT[True]), ("no", VERDICT[False])],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        label="Progress",
        error_messages={"required": "Say whether progress is sufficient."},
    )
    commentary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="What inspectors found",
        help_text=f"The letter gives it before the judgement. {NO_CHILD_DETAILS}",
        error_messages={"required": "Say what inspectors found."},
    )


class DeferralRequestForm(GovukForm):
    prefix = "deferral"
    requested_on = date_field("Date the area asked")
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Why the area asks to defer the inspection",
        help_text="Ofsted and CQC do not normally agree to a deferral (RV-6). The reason is seen "
        "by the inspectorate and your area's casework, not published.",
        error_messages={"required": "Say why the area asks to defer the inspection."},
    )


class DeferralDecisionForm(GovukForm):
    prefix = "decision"
    granted = forms.TypedChoiceField(
        choices=[("yes", "Grant the deferral"), ("no", "Refuse the deferral")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        label="Decision",
        help_text="A granted deferral withdraws this inspection: a new one is notified later.",
        error_messages={"required": "Say whether the deferral is granted."},
    )
    decided_on = date_field("Date decided")
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Reason for the decision",
        help_text="Recorded in the area's public history: do not name or identify anyone.",
        error_messages={"required": "Give the reason for the decision."},
    )
