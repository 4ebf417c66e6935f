"""The checks every service makes on what a person typed: dates within casework's years,
no child's details in free text."""

from __future__ import annotations

import datetime as dt

from areasend.casework import clock
from areasend.casework.errors import CaseworkError
from areasend.casework.personal_data import ALL_KINDS, personal_data_problem

#: Part 3 of the Children and Families Act 2014 (the SEND reforms) came into force on
#: 1 September 2014: no casework is dated before it, so an earlier date is a mistyped year.
EARLIEST = dt.date(2014, 9, 1)
#: A date planned ahead (a milestone, a planned week) lies within this many years.
YEARS_AHEAD = 5


def long_date(day: dt.date) -> str:
    """GOV.UK's date style, "5 July 2021"."""
    # Spelled out by hand: strftime's %Y gives "1" for the year 1, not "0001".
    return f"{day.day} {day:%B} {day.year}"


def _not_before_reforms(day: dt.date, what: str, field: str) -> None:
    if day < EARLIEST:
        raise CaseworkError(
            f"{what} ({long_date(day)}) is before the SEND reforms came into force on "
            f"{long_date(EARLIEST)}: check the year.",
            field=field,
        )


def in_range(day: dt.date, what: str, field: str) -> None:
    """Refuse a date before the SEND reforms or in a year more than ``YEARS_AHEAD`` on."""
    _not_before_reforms(day, what, field)
    if day.year > clock.today().year + YEARS_AHEAD:
        raise CaseworkError(
            f"{what} ({long_date(day)}) is more than {YEARS_AHEAD} years ahead: check the year.",
            field=field,
        )


def not_future(day: dt.date, what: str, field: str) -> None:
    """Refuse a date after today (in England) or before the SEND reforms."""
    _not_before_reforms(day, what, field)
    if day > clock.today():
        raise CaseworkError(f"{what} cannot be in the future ({long_date(day)}).", field=field)


def no_personal_data(text: str, field: str, kinds: frozenset[str] = ALL_KINDS) -> None:
    """Refuse free text that looks like it identifies a child or family (ADR 0023)."""
    problem = personal_data_problem(text, kinds)
    if problem:
        raise CaseworkError(problem, field=field)
