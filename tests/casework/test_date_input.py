"""The GOV.UK date input: what it reads, the Design System's message for each mistake, the
boxes it marks, and where the error summary links."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.template.loader import render_to_string

from areasend.casework.forms import GovukForm, date_field


class WebinarForm(GovukForm):
    held_on = date_field("Date the webinar was held", name="the date the webinar was held")
    follow_up = date_field("Follow-up", required=False, name="the follow-up date")


def _form(day: str, month: str, year: str) -> WebinarForm:
    return WebinarForm(data={"held_on_day": day, "held_on_month": month, "held_on_year": year})


def _marked(form: WebinarForm) -> list[str]:
    """The boxes the page shows in error, by id."""
    html = render_to_string("govuk/fields.html", {"form": form})
    return re.findall(r'govuk-input--error" id="(id_held_on_\w+)"', html)


def _summary_link(form: WebinarForm) -> str:
    html = render_to_string("govuk/error_summary.html", {"form": form})
    links = re.findall(r'href="#([^"]+)">([^<]+)</a>', html)
    assert len(links) == 1, links
    return str(links[0][0])


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (("5", "7", "2021"), dt.date(2021, 7, 5)),
        ((" 05 ", "07", "2021"), dt.date(2021, 7, 5)),
        (("5", "July", "2021"), dt.date(2021, 7, 5)),
        (("5", "jul", "2021"), dt.date(2021, 7, 5)),
        (("29", "2", "2024"), dt.date(2024, 2, 29)),
    ],
)
def test_a_day_month_and_year_typed_as_people_do_is_read(
    typed: tuple[str, str, str], expected: dt.date
) -> None:
    form = _form(*typed)
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"held_on": expected, "follow_up": None}


@pytest.mark.parametrize(
    ("typed", "message", "marked"),
    [
        (("", "", ""), "Enter the date the webinar was held", ["day", "month", "year"]),
        (("5", "", "2021"), "The date the webinar was held must include a month", ["month"]),
        (("", "", "2021"), "The date the webinar was held must include a day and month",
         ["day", "month"]),
        (("5", "7", ""), "The date the webinar was held must include a year", ["year"]),
        (("5", "13", "2021"), "The date the webinar was held must be a real date", ["month"]),
        (("32", "7", "2021"), "The date the webinar was held must be a real date", ["day"]),
        (("5", "7", "twenty"), "The date the webinar was held must be a real date", ["year"]),
        (("30", "2", "2021"), "The date the webinar was held must be a real date",
         ["day", "month", "year"]),
        (("29", "2", "2023"), "The date the webinar was held must be a real date",
         ["day", "month", "year"]),
        (("5", "7", "21"), "Year must include 4 numbers", ["year"]),
        (("5", "7", "02021"), "Year must include 4 numbers", ["year"]),
        (("1", "1", "1999"),
         "The date the webinar was held must be between 1 January 2000 and 31 December 2099",
         ["day", "month", "year"]),
        (("1", "1", "9999"),
         "The date the webinar was held must be between 1 January 2000 and 31 December 2099",
         ["day", "month", "year"]),
    ],
)  # fmt: skip
def test_each_mistake_gets_the_design_systems_message_and_only_its_boxes_are_marked(
    typed: tuple[str, str, str], message: str, marked: list[str]
) -> None:
    form = _form(*typed)
    assert not form.is_valid()
    assert form.errors == {"held_on": [message]}
    assert _marked(form) == [f"id_held_on_{part}" for part in marked]
    assert _summary_link(form) == f"id_held_on_{marked[0]}"


def test_what_was_typed_is_shown_again_so_it_can_be_corrected() -> None:
    html = render_to_string("govuk/fields.html", {"form": _form("31", "Feb", "2021")})
    assert 'name="held_on_day" type="text" value="31" inputmode="numeric"' in html
    assert 'name="held_on_month" type="text" value="Feb" inputmode="numeric"' in html


def test_the_input_is_the_govuk_component_in_a_fieldset_with_legend_and_hint() -> None:
    form = WebinarForm(initial={"held_on": dt.date(2021, 7, 5)})
    html = render_to_string("govuk/fields.html", {"form": form})
    start = html.index('<fieldset class="govuk-fieldset" role="group"')
    fieldset = html[start : html.index("</fieldset>", start)]
    assert 'aria-describedby="id_held_on-hint"' in fieldset
    assert "<legend" in fieldset and "Date the webinar was held</legend>" in fieldset
    assert '<div id="id_held_on-hint" class="govuk-hint">For example, 27 3 2024</div>' in fieldset
    assert '<div class="govuk-date-input" id="id_held_on">' in fieldset
    labels = re.findall(
        r'<label class="govuk-label govuk-date-input__label" for="(\w+)">(\w+)', fieldset
    )
    assert labels == [("id_held_on_day", "Day"), ("id_held_on_month", "Month"),
                      ("id_held_on_year", "Year")]  # fmt: skip
    widths = re.findall(r"govuk-input--width-(\d)", fieldset)
    values = re.findall(r'value="(\d+)" inputmode="numeric"', fieldset)
    assert (widths, values) == (["2", "2", "4"], ["5", "7", "2021"])
    assert "govuk-input--error" not in fieldset and "-error" not in fieldset


def test_an_error_the_service_adds_marks_the_whole_date_and_is_described_by_the_fieldset() -> None:
    form = _form("5", "7", "2021")
    assert form.is_valid()
    form.add_error("held_on", "The date the webinar was held cannot be in the future")
    html = render_to_string("govuk/fields.html", {"form": form})
    assert 'aria-describedby="id_held_on-hint id_held_on-error"' in html
    assert '<p id="id_held_on-error" class="govuk-error-message">' in html
    assert _marked(form) == ["id_held_on_day", "id_held_on_month", "id_held_on_year"]
    assert _summary_link(form) == "id_held_on_day"


def test_an_optional_date_left_empty_is_none_but_half_typed_is_refused() -> None:
    data = {"held_on_day": "5", "held_on_month": "7", "held_on_year": "2021"}
    assert WebinarForm(data=data).is_valid()
    form = WebinarForm(data=data | {"follow_up_day": "", "follow_up_month": "8"})
    assert not form.is_valid()
    assert form.errors == {"follow_up": ["The follow-up date must include a day and year"]}


def test_an_iso_date_in_one_box_is_not_guessed_at() -> None:
    form = WebinarForm(data={"held_on": "2021-07-05"})
    assert form.errors == {"held_on": ["Enter the date the webinar was held"]}
