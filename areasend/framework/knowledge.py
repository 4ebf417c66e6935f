"""What a record can know: whether an unmet duty is late or only missing from the record.

A history is built from different records. Where an inspection went through this
system's casework, the system *is* the record: a step it does not hold did not
happen. Where the history came from an official table, the national history, an
imported letter or the API, it holds only what was published: a written statement
of action sent but never published, a DfE meeting, an engagement meeting leave no
trace there, so their absence proves nothing (ADR 0029).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType


class Record(StrEnum):
    """Where an inspection's events came from."""

    CASEWORK = "casework"  # the system is the record
    PUBLISHED = "published"  # only what was published is known


class Known(StrEnum):
    """Which record holds the fulfilment of a duty."""

    PUBLISHED = "published"  # the inspectorate publishes it: any record holds it
    CASEWORK = "casework"  # only the system's own casework holds it
    PRIVATE = "private"  # never published: casework holds it, the public never reads it


class Standing(StrEnum):
    """Where an obligation stands on the day of evaluation."""

    DONE = "done"
    LATE = "late"  # done, after its due date
    DUE = "due"  # not done, not yet due
    OVERDUE = "overdue"  # not done, due, and the record would hold it if it were done
    NOT_RECORDED = "not_recorded"  # not done in the record, which could not hold it


#: Event sources (their prefix) that make the system the record of an inspection;
#: every other named source (official tables, letters, the API, files) is published only.
RECORD_SOURCES: Mapping[str, Record] = MappingProxyType({"casework:": Record.CASEWORK})


def record_of(source: str | None) -> Record:
    """The record an inspection's notification came from. An event naming no source was
    built by the caller itself, who vouches for it: the system's own record. Everything
    stored from outside names its source (the file, the letter, ``api:<user>``)."""
    if not source:
        return Record.CASEWORK
    for prefix, record in RECORD_SOURCES.items():
        if source.startswith(prefix):
            return record
    return Record.PUBLISHED


def knowable(known: Known, record: Record) -> bool:
    """Whether the record would hold the duty's fulfilment had it happened."""
    return known is Known.PUBLISHED or record is Record.CASEWORK


def standing(
    due: dt.date,
    met: dt.date | None,
    today: dt.date,
    known: Known,
    record: Record,
    published_until: dt.date | None = None,
) -> Standing:
    """``published_until``: how far the published records reach (their latest source). A
    published record cannot show a step that fell due after it, done or not."""
    if met is not None:
        return Standing.LATE if met > due else Standing.DONE
    if due >= today:
        return Standing.DUE
    beyond = record is Record.PUBLISHED and published_until is not None and due >= published_until
    return Standing.OVERDUE if knowable(known, record) and not beyond else Standing.NOT_RECORDED
