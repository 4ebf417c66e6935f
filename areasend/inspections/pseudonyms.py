"""Case samples are pseudonymous: refuse references that could identify a child.

A reference must look like a case number (letters, digits and hyphens, with
at least one digit, no spaces), and must not look like a date. That rules out
names ("Jane Smith", "JSmith" has no digit) and dates of birth ("12/03/2015",
"2015-03-12", "12Mar2015") without trying to recognise every name.
"""

from __future__ import annotations

import re

_SHAPE = re.compile(r"^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$")
_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_DATE_LIKE = (
    re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}"),
    re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"),
    re.compile(rf"\d{{1,2}}-?(?:{_MONTHS})[a-z]*-?\d{{2,4}}", re.IGNORECASE),
    re.compile(r"(?:^|\D)(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:\D|$)"),
    re.compile(r"(?:^|\D)(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])(?:19|20)\d{2}(?:\D|$)"),
)


def pseudonym_problem(reference: str) -> str | None:
    """Why ``reference`` may not be stored, or None if it is a safe pseudonym."""
    value = reference.strip()
    example = "Use the case number from the sampling list, such as CS-014."
    if not value:
        return f"Enter a case reference. {example}"
    if len(value) > 16:
        return f"A case reference is at most 16 characters. {example}"
    if any(pattern.search(value) for pattern in _DATE_LIKE):
        return f"'{value}' looks like a date; a date of birth must never be recorded. {example}"
    if not _SHAPE.match(value) or not any(c.isdigit() for c in value):
        return (
            f"'{value}' looks like a name or description, not a pseudonymous reference: "
            f"use letters, digits and hyphens with at least one digit and no spaces. {example}"
        )
    return None
