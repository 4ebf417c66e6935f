"""Read each kind of letter into a LetterRecord, by its structure and set phrases.

The 2023 full report reader is built on the published corpus; the 2016
outcome letter, the revisit letter and the 2023 monitoring report readers on
the structure the handbooks and framework.md §1.5, §2 and §4.6 describe. Where
a letter departs from what a reader knows, the field stays unknown and the
record gains a problem, so a person reviews it instead of the parser guessing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace

from areasend.areas.resolve import AreaDirectory, AreaLookupError
from areasend.letters.nhs import partners_on, same_body
from areasend.letters.parsers.common import (
    Para,
    paragraphs,
)
from areasend.letters.parsers.letters_2016 import (
    _read_2016_full,
    _read_2016_revisit,
)
from areasend.letters.parsers.reports_2023 import (
    _read_2023_full,
    _read_2023_monitoring,
)
from areasend.letters.recognise import recognise
from areasend.letters.record import Found, LetterKind, LetterRecord

#: Stored with every import; raise it when a change to the readers changes what they read.
PARSER_VERSION = "2026.12.1"

UNRECOGNISED = "not recognised as a 2016 or 2023 area SEND letter or report"
_ABOUT_SEND = re.compile(r"\b(?:SEND|special educational needs)\b", re.I)
_BY_INSPECTORATES = re.compile(r"\b(?:Ofsted|Care Quality Commission)\b")


def looks_like_a_letter(text: str) -> bool:
    """Speaks of SEND and of the inspectorates: worth a person's look even in an unknown layout."""
    return bool(_ABOUT_SEND.search(text) and _BY_INSPECTORATES.search(text))


def parse(text: str, directory: AreaDirectory) -> LetterRecord:
    kind = recognise(text)
    if kind.value is None:
        return LetterRecord(problems=(UNRECOGNISED,))
    reader = _READERS[kind.value]
    record = reader(text, paragraphs(text))
    record = replace(record, kind=kind)
    return _resolve_area(record, directory)


def _resolve_area(record: LetterRecord, directory: AreaDirectory) -> LetterRecord:
    name = record.area_name.value
    if name is None:
        return record.with_problem("the local area is not named where expected")
    day = record.inspection_start.value or record.letter_date.value
    try:
        area = directory.resolve(name, day)
    except AreaLookupError as error:
        return record.with_problem(f"the area could not be resolved: {error}")
    record = replace(record, area_code=Found(area.gss_code, 1.0, record.area_name.span))
    return _check_partners(record, area.gss_code, day) if day else record


def _check_partners(record: LetterRecord, gss_code: str, day: dt.date) -> LetterRecord:
    """The NHS bodies named against the area's in the reference data on the day.

    A letter that names none takes the reference's (a 2016 letter often names
    its CCG only through the accountable officer it is addressed to).
    """
    reference = partners_on(gss_code, day)
    if not reference:
        return record  # the reference data does not reach back to this day: nothing to check
    named = [f for f in record.nhs_partners if f.value]
    if not named:
        return replace(
            record, nhs_partners=tuple(Found(body.name, 0.9, None) for body in reference)
        )
    matched: dict[str, list[str]] = {body.name: [] for body in reference}
    strangers = []
    for found in named:
        body = next((b for b in reference if same_body(str(found.value), b.name)), None)
        if body is None:
            strangers.append(str(found.value))
        else:
            matched[body.name].append(str(found.value))
    listed = "; ".join(body.name for body in reference)
    on = f"on {day.day} {day:%B %Y}"
    for name in strangers:
        record = record.with_problem(
            f"NHS partner '{name}' is not one of the area's NHS bodies {on} ({listed})"
        )
    for partner, names in matched.items():
        if len(names) > 1:
            record = record.with_problem(f"NHS partner '{partner}' is named {len(names)} times")
        elif not names and not strangers:
            record = record.with_problem(f"the letter does not name '{partner}', a partner {on}")
    return record


_READERS: dict[LetterKind, Callable[[str, list[Para]], LetterRecord]] = {
    LetterKind.FULL_2023: _read_2023_full,
    LetterKind.MONITORING_2023: _read_2023_monitoring,
    LetterKind.FULL_2016: _read_2016_full,
    LetterKind.REVISIT_2016: _read_2016_revisit,
}
