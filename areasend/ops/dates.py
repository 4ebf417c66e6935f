"""The dates a person may type: a real day within the years the service works in.

The GOV.UK date input (``casework.date_input``, ADR 0040) refuses days outside ``EARLIEST`` to
``LATEST``, as ``DateField`` here does for the planner's ISO ``start``, so a day of year 1 or 9999
(which breaks date arithmetic: a planner horizon, a schedule, a term calendar) is refused at
entry with a clear message (as an impossible day such as 30 February is), instead of answering
500 further in.
The range spans every inspection framework (the first area SEND inspections were in 2016)
and any plan ahead; the reasons are in docs/decisions/0025-bad-input-answers-400-not-500.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2099, 12, 31)
OUT_OF_RANGE = f"Enter a date between {EARLIEST:%-d %B %Y} and {LATEST:%-d %B %Y}"


def in_range(day: dt.date) -> bool:
    return EARLIEST <= day <= LATEST


class DateField(forms.DateField):
    """A date field that also refuses days outside EARLIEST to LATEST."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators += [
            MinValueValidator(EARLIEST, message=OUT_OF_RANGE),
            MaxValueValidator(LATEST, message=OUT_OF_RANGE),
        ]
