"""The GOV.UK date input: a day, a month and a year typed in three boxes, with the Design
System's error messages (ADR 0040).

``read_date`` is the one reading of the three boxes; the field turns its problem into the
message for the field's name, and the bound field uses it again to mark the boxes at fault and
link the error summary to the first of them. The partial is ``govuk/date_input.html``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from areasend.ops.dates import EARLIEST, LATEST

PARTS = ("day", "month", "year")
LABELS = {"day": "Day", "month": "Month", "year": "Year"}
WIDTHS = {"day": 2, "month": 2, "year": 4}
HINT = "For example, 27 3 2024"

# The Design System asks services to accept a month typed as a word ("jan", "January").
_MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (
        dt.date(2000, number, 1).strftime("%B").lower(),
        dt.date(2000, number, 1).strftime("%b").lower(),
    )
}


@dataclass(frozen=True)
class Problem:
    """What is wrong with the three boxes: ``kind`` names the message, ``parts`` the boxes at
    fault (all three when the date as a whole is wrong)."""

    kind: str  # "empty", "missing", "not_real", "year_digits", "out_of_range"
    parts: tuple[str, ...]


def _number(text: str, part: str) -> int | None:
    if part == "month" and text.lower() in _MONTHS:
        return _MONTHS[text.lower()]
    return int(text) if text.isascii() and text.isdigit() else None


def read_date(day: str, month: str, year: str) -> dt.date | Problem | None:
    """The date typed, the problem with it, or None when all three boxes are empty."""
    typed = {"day": day.strip(), "month": month.strip(), "year": year.strip()}
    missing = tuple(p for p in PARTS if not typed[p])
    if len(missing) == len(PARTS):
        return None
    if missing:
        return Problem("missing", missing)
    numbers = {p: _number(typed[p], p) for p in PARTS}
    limits = {"day": 31, "month": 12}
    wrong = tuple(
        p
        for p in PARTS
        if numbers[p] is None or (p in limits and not 1 <= (numbers[p] or 0) <= limits[p])
    )
    if wrong:
        return Problem("not_real", wrong)
    if len(typed["year"]) != 4:
        return Problem("year_digits", ("year",))
    try:
        day_typed = dt.date(numbers["year"] or 0, numbers["month"] or 0, numbers["day"] or 0)
    except ValueError:
        return Problem("not_real", PARTS)
    if not EARLIEST <= day_typed <= LATEST:
        return Problem("out_of_range", PARTS)
    return day_typed


def _and(parts: tuple[str, ...]) -> str:
    return " and ".join(parts) if len(parts) < 3 else f"{parts[0]}, {parts[1]} and {parts[2]}"


class GovukDateInput(forms.MultiWidget):
    """Three text boxes named ``<name>_day``, ``<name>_month`` and ``<name>_year``."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(dict.fromkeys(PARTS, forms.TextInput), attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.Field):
    """A date typed in the GOV.UK date input.

    ``name`` is how the messages speak of it, "the date the webinar was held": "Enter the date
    the webinar was held", "The date the webinar was held must include a month".
    """

    widget = GovukDateInput

    def __init__(self, *, name: str, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", HINT)
        super().__init__(**kwargs)
        self.name = name

    def messages(self, problem: Problem) -> str:
        subject = self.name[0].upper() + self.name[1:]
        if problem.kind == "empty":
            return f"Enter {self.name}"
        if problem.kind == "missing":
            return f"{subject} must include a {_and(problem.parts)}"
        if problem.kind == "year_digits":
            return "Year must include 4 numbers"
        if problem.kind == "out_of_range":
            return f"{subject} must be between {EARLIEST:%-d %B %Y} and {LATEST:%-d %B %Y}"
        return f"{subject} must be a real date"

    def clean(self, value: Any) -> dt.date | None:
        # The widget gives three strings (or None for a box not posted at all).
        day, month, year = (str(v) if v is not None else "" for v in value)
        read = read_date(day, month, year)
        if read is None:
            if self.required:
                raise ValidationError(self.messages(Problem("empty", PARTS)), code="required")
            return None
        if isinstance(read, Problem):
            raise ValidationError(self.messages(read), code=read.kind)
        return read

    def get_bound_field(self, form: forms.BaseForm, field_name: str) -> DateBoundField:
        return DateBoundField(form, self, field_name)


@dataclass(frozen=True)
class Box:
    """One of the three boxes as the partial renders it."""

    part: str
    name: str
    id: str
    label: str
    width: int
    value: str
    error: bool


class DateBoundField(forms.BoundField):
    """Knows which boxes are at fault, so only they are marked and the error summary links to
    the first of them."""

    def _typed(self) -> list[str]:
        value = self.value()
        if not isinstance(value, list | tuple):
            value = self.field.widget.decompress(value)
        return ["" if v is None else str(v) for v in value]

    @property
    def parts_at_fault(self) -> tuple[str, ...]:
        if not self.errors:
            return ()
        read = read_date(*self._typed())
        # Any other error (empty, out of range, or a service's "cannot be in the future")
        # concerns the date as a whole.
        return read.parts if isinstance(read, Problem) else PARTS

    @property
    def boxes(self) -> list[Box]:
        at_fault = self.parts_at_fault
        return [
            Box(
                part=part,
                name=f"{self.html_name}_{part}",
                id=f"{self.auto_id}_{part}",
                label=LABELS[part],
                width=WIDTHS[part],
                value=typed,
                error=part in at_fault,
            )
            for part, typed in zip(PARTS, self._typed(), strict=True)
        ]

    @property
    def id_for_label(self) -> str:
        at_fault = self.parts_at_fault
        return f"{self.auto_id}_{at_fault[0] if at_fault else 'day'}"
