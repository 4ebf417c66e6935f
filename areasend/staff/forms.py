"""The work list's filters and the page that adds a person."""

from __future__ import annotations

from typing import Any

from django import forms

from areasend.accounts.models import Organisation, Role
from areasend.areas.models import LocalArea, Region
from areasend.casework.forms import GovukForm
from areasend.framework.status import Party
from areasend.staff.worklist import Filters, Kind

WITHIN_MESSAGE = "Enter the number of days as a whole number from 0 to 3650, like 30"


def _sentence(party: Party) -> str:
    text = str(party)
    return text[0].upper() + text[1:]


class WorkListForm(GovukForm):
    """Filters typed in the address (a GET form), so a filtered list can be bookmarked."""

    area = forms.ChoiceField(label="Area", required=False)
    region = forms.ChoiceField(
        label="Region", required=False, choices=[("", "All regions"), *Region.choices]
    )
    kind = forms.MultipleChoiceField(
        label="Kind of duty",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(k.value, k.label) for k in Kind],
        help_text="Untick engagement meetings to leave them out. None ticked: every kind.",
    )
    who = forms.ChoiceField(
        label="Who it falls on",
        required=False,
        choices=[("", "Anyone"), *((p.name.lower(), _sentence(p)) for p in Party)],
    )
    within = forms.IntegerField(
        label="Due within (days)",
        required=False,
        min_value=0,
        max_value=3650,
        help_text="Leave blank for any date. Overdue duties and steps waiting now are included.",
        error_messages={
            "invalid": WITHIN_MESSAGE,
            "min_value": WITHIN_MESSAGE,
            "max_value": WITHIN_MESSAGE,
        },
    )
    overdue = forms.BooleanField(label="Overdue only", required=False)

    def __init__(self, *args: Any, areas: list[LocalArea], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = self.fields["area"]
        assert isinstance(area, forms.ChoiceField)
        area.choices = [("", "All areas"), *((str(a.pk), a.name) for a in areas)]
        if not self.is_bound:
            self.initial["kind"] = [k.value for k in Kind]

    def filters(self) -> Filters:
        """What was asked; only called on a valid form."""
        data = self.cleaned_data
        return Filters(
            area=int(data["area"]) if data["area"] else None,
            region=data["region"],
            kinds=frozenset(Kind(k) for k in data["kind"]),
            who=Party[data["who"].upper()] if data["who"] else None,
            within_days=data["within"],
            overdue_only=data["overdue"],
        )


class AddPersonForm(GovukForm):
    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150)
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="They sign in with it, and we send it a link to set their password.",
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.order_by("name"),
        empty_label="Choose an organisation",
        error_messages={"invalid_choice": "Choose an organisation from the list"},
    )
    role = forms.ChoiceField(label="Role", choices=Role.choices, widget=forms.RadioSelect)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["first_name"].error_messages["required"] = "Enter their first name"
        self.fields["last_name"].error_messages["required"] = "Enter their last name"
        self.fields["email"].error_messages["required"] = "Enter their email address"
        self.fields["organisation"].error_messages["required"] = "Choose their organisation"
        self.fields["role"].error_messages["required"] = "Choose their role"
