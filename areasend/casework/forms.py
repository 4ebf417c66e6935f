"""GOV.UK forms for every app: the base class that gives each widget its GOV.UK Frontend
class and each error its aria link, and the one date field.

Templates render them through the partials in ``areasend/templates/govuk/``.
"""

from __future__ import annotations

from typing import Any

from django import forms

from areasend.casework.date_input import GovukDateField, GovukDateInput

#: The warning on free text; the services refuse what it lists (casework.personal_data).
NO_CHILD_DETAILS = (
    "Write about groups, never about one child or family: no names with ages, dates of "
    "birth, NHS numbers, postcodes, phone numbers or email addresses."
)


class GovukForm(forms.Form):
    """Gives each widget its GOV.UK Frontend class, and errors their aria link."""

    _CLASSES = {
        forms.RadioSelect: "govuk-radios__input",
        forms.Select: "govuk-select",
        forms.Textarea: "govuk-textarea",
        forms.CheckboxInput: "govuk-checkboxes__input",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, GovukDateInput):
                continue  # its partial gives each box its class
            css = next(
                (c for t, c in self._CLASSES.items() if isinstance(widget, t)), "govuk-input"
            )
            if isinstance(widget, forms.NumberInput):
                css += " govuk-input--width-10"
            widget.attrs["class"] = css

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if (
                name in self.fields
                and self[name].auto_id
                and not isinstance(self.fields[name].widget, GovukDateInput)
            ):
                self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}-error"


def date_field(label: str, required: bool = True, *, name: str = "") -> GovukDateField:
    """A GOV.UK date input labelled ``label``; its messages speak of ``name`` (by default
    the label, "Date done" giving "Enter the date done")."""
    return GovukDateField(label=label, required=required, name=name or f"the {label.lower()}")
