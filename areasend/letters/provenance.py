"""Where a letter was published, from Ofsted's listing, and whether that fits the letter.

The listing's publication date is the one date the PDF does not print. It is
taken as the record's publication date, and checked against the letter's own
dates: published before the last on-site day, or before the date on the
letter, or long after either, is a named problem for the reviewer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from areasend.framework.calendar import england
from areasend.letters.record import Found, LetterRecord

#: Later than this many working days after the last on-site day is implausible: twice the
#: 90th percentile of observed 2023-framework reports (NF-PUB-1, 68 WD), over six months.
LATEST_WD = 136


@dataclass(frozen=True)
class Listing:
    """What Ofsted's listing says of a publication."""

    source_url: str = ""
    publication_date: dt.date | None = None
    publication_type: str = ""
    ofsted_file_id: str = ""


def with_listing(record: LetterRecord, listing: Listing) -> LetterRecord:
    """The record with the listing's publication date, and a problem for each misfit."""
    published = listing.publication_date
    if published is None:
        return record
    own = record.publication_date.value
    if own is not None and own != published:
        record = record.with_problem(
            f"the letter gives publication date {own:%-d %B %Y}, "
            f"the Ofsted listing {published:%-d %B %Y}"
        )
    else:
        record = replace(record, publication_date=Found(published, 1.0, None))
    for problem in listing_problems(record, published):
        record = record.with_problem(problem)
    return record


def listing_problems(record: LetterRecord, published: dt.date) -> list[str]:
    on = f"the Ofsted listing's publication date {published:%-d %B %Y}"
    problems = []
    end = record.inspection_end.value
    dated = record.letter_date.value
    if end is not None and published < end:
        problems.append(f"{on} is before the last on-site day, {end:%-d %B %Y}")
    if dated is not None and published < dated:
        problems.append(f"{on} is before the date on the letter, {dated:%-d %B %Y}")
    last = end or dated or record.inspection_start.value
    if last is not None and published > england().add_working_days(last, LATEST_WD):
        problems.append(
            f"{on} is more than {LATEST_WD} working days after the letter's own dates "
            f"(last {last:%-d %B %Y}): is it this letter?"
        )
    return problems
