"""Filters that say no more than the record knows: dates at their precision, lateness."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.dateformat import format as format_date

register = template.Library()

#: How a date of each precision reads (django date format); an unknown precision reads as a day.
DATE_FORMATS = {"day": "j F Y", "month": "F Y"}


@register.filter
def on(value: dt.date | None, precision: str = "day") -> str:
    """``{{ row.started|on:row.date_precision }}``: "January 2017" when only the month is known."""
    if value is None:
        return ""
    return format_date(value, DATE_FORMATS.get(precision, DATE_FORMATS["day"]))


@register.filter
def lateness(days: int | None) -> str:
    """How late, in words: "10 days late", "about 8 months late"."""
    if not days:
        return ""
    if days <= 60:
        return f"{days} day{'s' if days != 1 else ''} late"
    months = round(days / 30.44)
    return f"about {months} months late"
