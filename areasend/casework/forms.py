"""GOV.UK forms for every app: the base class that gives each widget its GOV.UK Frontend
class and each error its aria link, and the one date field.

Templates render them through the partials in ``areasend/templates/govuk/``.
"""

from __future__ import annotations

from typing import Any

from django import forms

from areasend.ops.dates import DateField

DATE_HELP = "For example, 2021-06-28"
#: The warning on free text; the services refuse what it lists (casework.personal_data).
NO_CHILD_DETAILS = (
    "Write about groups, never about one child or family: no names with ages, dates of "
    "birth, NHS numbers, postcodes, phone numbers or email addresses."
)


class DateInput(forms.DateInput):
    input_type = "date"


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
            css = next(
                (c for t, c in self._CLASSES.items() if isinstance(widget, t)), "govuk-input"
            )
            if isinstance(widget, forms.NumberInput | DateInput):
                css += " govuk-input--width-10"
            widget.attrs["class"] = css

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields and self[name].auto_id:
                self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}-error"


def date_field(label: str, required: bool = True) -> forms.DateField:
    return DateField(label=label, required=required, help_text=DATE_HELP, widget=DateInput)
