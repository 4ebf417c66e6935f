"""The shared date field: a real day between 2000 and 2099, or a clear reason."""

import datetime as dt

import pytest
from django import forms

from areasend.ops.dates import LATEST, OUT_OF_RANGE, DateField


class DayForm(forms.Form):
    day = DateField()


@pytest.mark.parametrize("text", ["9999-12-27", "0001-01-01", "1999-12-31", "2100-01-01"])
def test_a_day_outside_the_service_years_is_refused_with_the_range(text: str) -> None:
    form = DayForm({"day": text})
    assert not form.is_valid()
    assert form.errors["day"] == [OUT_OF_RANGE]


@pytest.mark.parametrize("text", ["2026-02-30", "99999999999999999999", "-1", "x" * 5000, "\x00"])
def test_a_text_that_is_no_day_is_refused(text: str) -> None:
    form = DayForm({"day": text})
    assert not form.is_valid()
    assert form.errors["day"] == ["Enter a valid date."]


@pytest.mark.parametrize("day", [dt.date(2000, 1, 1), dt.date(2021, 6, 28), LATEST])
def test_a_day_in_range_is_taken(day: dt.date) -> None:
    form = DayForm({"day": day.isoformat()})
    assert form.is_valid()
    assert form.cleaned_data["day"] == day
